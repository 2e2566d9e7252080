-- Facts: one row per event, keyed by the source system's own id so that a reload replaces
-- rows instead of duplicating them. CHECK constraints say what can never be true; the loader
-- evaluates the same expressions row by row to report which rows break them.

-- Business-hall queue tickets (queue management system).
create table if not exists queue_ticket (
    ticket_id bigint primary key,
    branch_id varchar not null,
    issued_at timestamp not null,
    -- the number was called to a counter; null when the customer left before being called
    called_at timestamp,
    served_at timestamp,
    finished_at timestamp,
    service_type varchar not null,
    segment varchar not null,
    is_priority_lane boolean not null,
    outcome varchar not null check (outcome in ('served', 'walked_away', 'transferred')),
    check (called_at >= issued_at),
    check (served_at >= called_at),
    check (finished_at >= served_at),
    check (outcome = 'walked_away' or served_at is not null),
    check (outcome != 'walked_away' or served_at is null),
    check (outcome != 'served' or finished_at is not null)
);

-- Hotline calls (ACD and IVR records). queue_id is the skill the caller chose in the menu.
create table if not exists hotline_call (
    call_id bigint primary key,
    queue_id varchar not null,
    city_id varchar not null,  -- the caller's home city
    segment varchar not null,
    arrived_at timestamp not null,
    queued_at timestamp,  -- asked for an agent; null when the call ended in the IVR
    answered_at timestamp,
    ended_at timestamp not null,
    outcome varchar not null check (
        outcome in ('ivr_self_service', 'answered', 'abandoned', 'callback')
    ),
    is_first_contact_resolved boolean,  -- known for answered calls only
    is_transferred boolean not null,
    check (queued_at >= arrived_at),
    check (answered_at >= queued_at),
    check (ended_at >= arrived_at),
    check (ended_at >= answered_at),
    check (ended_at >= queued_at),
    check ((outcome = 'ivr_self_service') = (queued_at is null)),
    check ((outcome = 'answered') = (answered_at is not null)),
    check (outcome = 'answered' or is_first_contact_resolved is null)
);

-- Agents on duty per queue and interval (workforce management system).
create table if not exists hotline_staffing (
    queue_id varchar not null,
    interval_start timestamp not null,
    interval_min smallint not null check (interval_min in (15, 30, 60)),
    agents_on_duty smallint not null check (agents_on_duty >= 0),
    primary key (queue_id, interval_start)
);

-- Complaint work orders (complaint system); status is as of the extract.
create table if not exists complaint (
    complaint_id varchar primary key,
    received_at timestamp not null,
    channel varchar not null check (
        channel in ('hall', 'hotline', 'web', 'app', 'email', 'regulator')
    ),
    city_id varchar not null,
    branch_id varchar,
    segment varchar not null,
    brand varchar not null,
    subcategory_id varchar not null,
    severity varchar not null check (severity in ('low', 'medium', 'high')),
    is_escalated boolean not null,  -- escalated to the regulator (MIIT)
    due_at timestamp not null,
    first_response_at timestamp,
    resolved_at timestamp,
    status varchar not null check (status in ('open', 'resolved')),
    customer_key varchar not null,  -- hashed customer id
    is_repeat boolean not null,  -- the same customer complained in the previous 30 days
    return_visit varchar check (return_visit in ('satisfied', 'neutral', 'dissatisfied')),
    check (due_at >= received_at),
    check (first_response_at >= received_at),
    check (resolved_at >= received_at),
    check ((status = 'resolved') = (resolved_at is not null)),
    check (return_visit is null or resolved_at is not null)
);

-- Survey responses (survey vendor). The contact ids link a score to the ticket, call or
-- complaint the respondent experienced; all three are null for periodic relationship surveys.
create table if not exists survey_response (
    response_id bigint primary key,
    responded_at timestamp not null,
    touchpoint varchar not null check (touchpoint in ('hall', 'hotline', 'web', 'app', 'field')),
    city_id varchar not null,
    branch_id varchar,
    queue_id varchar,
    segment varchar not null,
    brand varchar not null,
    score_overall tinyint not null check (score_overall between 0 and 10),
    score_recommend tinyint not null check (score_recommend between 0 and 10),
    score_network tinyint check (score_network between 0 and 10),
    score_tariff tinyint check (score_tariff between 0 and 10),
    score_staff tinyint check (score_staff between 0 and 10),
    score_speed tinyint check (score_speed between 0 and 10),
    score_convenience tinyint check (score_convenience between 0 and 10),
    score_billing tinyint check (score_billing between 0 and 10),
    comment varchar,
    ticket_id bigint,
    call_id bigint,
    complaint_id varchar
);
