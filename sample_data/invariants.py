"""Data invariants: each query counts the rows that break a rule, so every count must be 0."""


def _refs(table: str, column: str, dim: str, key: str) -> tuple[str, str]:
    """Every non-null value of table.column exists in dim.key."""
    return (
        f"{table}.{column} -> {dim}",
        f"select count(*) from {table} t where t.{column} is not null "
        f"and t.{column} not in (select {key} from {dim})",
    )


REFERENCES = [
    _refs("branch", "city_id", "city", "city_id"),
    _refs("customer_base", "city_id", "city", "city_id"),
    _refs("customer_base", "segment", "segment", "segment_id"),
    _refs("customer_base", "brand", "brand", "brand_id"),
    _refs("queue_ticket", "branch_id", "branch", "branch_id"),
    _refs("queue_ticket", "service_type", "service_type", "service_type_id"),
    _refs("queue_ticket", "segment", "segment", "segment_id"),
    _refs("hotline_call", "queue_id", "hotline_queue", "queue_id"),
    _refs("hotline_call", "city_id", "city", "city_id"),
    _refs("hotline_call", "segment", "segment", "segment_id"),
    _refs("hotline_staffing", "queue_id", "hotline_queue", "queue_id"),
    _refs("complaint", "channel", "channel", "channel_id"),
    _refs("complaint", "city_id", "city", "city_id"),
    _refs("complaint", "branch_id", "branch", "branch_id"),
    _refs("complaint", "segment", "segment", "segment_id"),
    _refs("complaint", "brand", "brand", "brand_id"),
    _refs("complaint", "subcategory_id", "complaint_category", "subcategory_id"),
    _refs("survey_response", "touchpoint", "channel", "channel_id"),
    _refs("survey_response", "city_id", "city", "city_id"),
    _refs("survey_response", "branch_id", "branch", "branch_id"),
    _refs("survey_response", "queue_id", "hotline_queue", "queue_id"),
    _refs("survey_response", "segment", "segment", "segment_id"),
    _refs("survey_response", "brand", "brand", "brand_id"),
    _refs("survey_response", "ticket_id", "queue_ticket", "ticket_id"),
    _refs("survey_response", "call_id", "hotline_call", "call_id"),
    _refs("survey_response", "complaint_id", "complaint", "complaint_id"),
    _refs("event", "city_id", "city", "city_id"),
    _refs("event", "branch_id", "branch", "branch_id"),
]

RULES = [
    ("target level_key names a city, tier or hall",
     "select count(*) from target where (level = 'city' and level_key not in "
     "(select city_id from city)) or (level = 'hall' and level_key not in "
     "(select branch_id from branch)) or (level = 'tier' and level_key not in "
     "('flagship', 'standard', 'community', 'rural'))"),
    ("complaint hall is in the complaint's city",
     "select count(*) from complaint c join branch b using (branch_id) "
     "where b.city_id != c.city_id"),
    ("survey hall is in the survey's city",
     "select count(*) from survey_response s join branch b using (branch_id) "
     "where b.city_id != s.city_id"),
    ("hall survey follows a served ticket of the same hall",
     "select count(*) from survey_response s join queue_ticket t using (ticket_id) "
     "where t.outcome != 'served' or t.branch_id != s.branch_id or s.responded_at < t.finished_at "
     "or s.touchpoint != 'hall'"),
    ("hotline survey follows an answered call of the same queue and city",
     "select count(*) from survey_response s join hotline_call c using (call_id) "
     "where c.outcome != 'answered' or c.queue_id != s.queue_id or c.city_id != s.city_id "
     "or s.responded_at < c.ended_at"),
    ("complaint survey follows the resolution",
     "select count(*) from survey_response s join complaint c using (complaint_id) "
     "where c.status != 'resolved' or s.responded_at < c.resolved_at or c.city_id != s.city_id"),
    ("at most one contact per survey",
     "select count(*) from survey_response where (ticket_id is not null)::int "
     "+ (call_id is not null)::int + (complaint_id is not null)::int > 1"),
    ("no staff score for web and app surveys",
     "select count(*) from survey_response where touchpoint in ('web', 'app') "
     "and score_staff is not null"),
    ("tickets only while the hall is open",
     "select count(*) from queue_ticket t join branch b using (branch_id) "
     "where t.issued_at::date < b.opened_on"),
    ("counters in the tier's range",
     "select count(*) from branch where counters not between "
     "case tier when 'flagship' then 12 when 'standard' then 6 when 'community' then 3 else 2 end "
     "and case tier when 'flagship' then 20 when 'standard' then 10 when 'community' then 5 "
     "else 3 end"),
    ("is_repeat is exactly 'another complaint in the 30 days before'",
     "select count(*) from complaint c where c.is_repeat != exists (select 1 from complaint p "
     "where p.customer_key = c.customer_key and p.received_at < c.received_at "
     "and p.received_at >= c.received_at - interval 30 day)"),
    ("due_at from severity: 48 h, 5 days, 15 days",
     "select count(*) from complaint where due_at - received_at != case severity "
     "when 'high' then interval 48 hour when 'medium' then interval 5 day "
     "else interval 15 day end"),
    ("escalated when the regulator forwarded it",
     "select count(*) from complaint where channel = 'regulator' and not is_escalated"),
    ("nothing received, responded or resolved after the data's last day",
     "select (select count(*) from complaint where greatest(received_at, first_response_at, "
     "resolved_at) > {end_ts})"
     " + (select count(*) from survey_response where responded_at > {end_ts})"
     " + (select count(*) from queue_ticket where issued_at > {end_ts})"
     " + (select count(*) from hotline_call where arrived_at > {end_ts})"),
    ("calendar has every day from a year before the first fact to the last",
     "select (select count(*) from calendar where day between (select min(issued_at)::date "
     "- interval 1 year from queue_ticket) and date '{end}') - (date '{end}' - "
     "((select min(issued_at)::date - interval 1 year from queue_ticket))::date + 1)"),
    ("a staffing row for every queue and half hour",
     "select (select count(*) from hotline_queue) * (select count(distinct day) from calendar "
     "where day between (select min(arrived_at)::date from hotline_call) and date '{end}') * 48"
     " - (select count(*) from hotline_staffing)"),
    ("customer_base for every month, city, segment and brand",
     "select (select count(distinct month_start) from customer_base) * (select count(*) from city)"
     " * 7 * 3 - (select count(*) from customer_base)"),
]  # fmt: skip

COVERAGE = [
    ("segments in tickets", "select 7 - count(distinct segment) from queue_ticket"),
    ("segments in calls", "select 7 - count(distinct segment) from hotline_call"),
    ("segments in surveys", "select 7 - count(distinct segment) from survey_response"),
    ("ticket outcomes", "select 3 - count(distinct outcome) from queue_ticket"),
    ("call outcomes", "select 4 - count(distinct outcome) from hotline_call"),
    ("complaint statuses", "select 2 - count(distinct status) from complaint"),
    ("return visits", "select 3 - count(distinct return_visit) from complaint"),
    (
        "complaint categories",
        "select 6 - count(distinct category_id) from complaint join complaint_category "
        "using (subcategory_id)",
    ),
    ("event kinds", "select 4 - count(distinct kind) from event"),
    (
        "survey links",
        "select 3 - (max((ticket_id is not null)::int) + max((call_id is not null)::int) "
        "+ max((complaint_id is not null)::int)) from survey_response",
    ),
    ("repeat complaints", "select 1 - least(count(*), 1) from complaint where is_repeat"),
    ("escalated complaints", "select 1 - least(count(*), 1) from complaint where is_escalated"),
    ("comments", "select 1 - least(count(*), 1) from survey_response where comment is not null"),
]


def all_checks(end: str) -> list[tuple[str, str]]:
    """Every invariant with the data's last day filled in."""
    end_ts = f"timestamp '{end} 23:59:59'"
    return [
        (name, sql.replace("{end_ts}", end_ts).replace("{end}", end))
        for name, sql in REFERENCES + RULES + COVERAGE
    ]
