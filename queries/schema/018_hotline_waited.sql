-- Calls that waited for an agent (hung up in the queue, or answered after a wait): the
-- denominator of the usual ACD abandonment rate (catalogue metric
-- hotline_abandon_queued_rate). The hotline rollups gain the count and are emptied, so that
-- opening the store rebuilds them from the calls (pulse.rollups.fill_empty).

alter table hotline_interval add column if not exists n_waited bigint default 0;

alter table hotline_daily add column if not exists n_waited bigint default 0;

alter table hotline_monthly add column if not exists n_waited bigint default 0;

alter table hotline_queue_interval add column if not exists n_waited bigint default 0;

alter table hotline_segment_interval add column if not exists n_waited bigint default 0;

delete from hotline_interval;

delete from hotline_daily;

delete from hotline_monthly;

delete from hotline_queue_interval;

delete from hotline_segment_interval;
