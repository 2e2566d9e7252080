"""Print the injected patterns as measured in a loaded store, for the README and for tests."""

from itertools import combinations

import duckdb
import numpy as np

from .scales import Scale
from .surveys import DIMS

SQL = {
    "tickets per day by tier (weekdays)": """
        select tier, round(count(*) / count(distinct (branch_id, issued_at::date)), 0)
        from queue_ticket join branch using (branch_id)
        where dayofweek(issued_at) between 1 and 5 group by all order by 2 desc""",
    "hall waits: weak halls vs the rest (regular lane, minutes, within 10, walk-away)": """
        select branch_id in $weak as weak, round(avg(epoch(called_at - issued_at)) / 60, 1),
               round(avg((called_at - issued_at <= interval 10 minute)::int), 3),
               round(avg((outcome = 'walked_away')::int), 3)
        from queue_ticket where not is_priority_lane group by all order by 1""",
    "weak halls vs the rest: survey staff, speed, overall; attitude complaints per 10k tickets": """
        with s as (select branch_id in $weak as weak, avg(score_staff) as staff,
                          avg(score_speed) as speed, avg(score_overall) as overall
                   from survey_response where touchpoint = 'hall' group by all),
        t as (select branch_id in $weak as weak, count(*) as tickets
              from queue_ticket group by all),
        c as (select branch_id in $weak as weak, count(*) as attitude
              from complaint join complaint_category using (subcategory_id)
              where category_id = 'attitude' and branch_id is not null group by all)
        select weak, round(staff, 2), round(speed, 2), round(overall, 2),
               round(attitude / tickets * 1e4, 1)
        from s join t using (weak) join c using (weak) order by 1""",
    "priority lane vs regular (minutes)": """
        select is_priority_lane, round(avg(epoch(called_at - issued_at)) / 60, 1), count(*)
        from queue_ticket group by all order by 1""",
    "initiative: regular-lane wait (min), within 10, hall speed score (Sep/Oct left out)": """
        with t as (select city_id = $icity as initiative_city, issued_at >= $since as after,
                          called_at - issued_at as w
                   from queue_ticket join branch using (branch_id)
                   where not is_priority_lane and month(issued_at) not in (9, 10)
                     and issued_at between $since - interval 10 month
                                       and $since + interval 12 month),
        s as (select city_id = $icity as initiative_city, responded_at >= $since as after,
                     avg(score_speed) as speed
              from survey_response where touchpoint = 'hall' and month(responded_at) not in (9, 10)
                and responded_at between $since - interval 10 month and $since + interval 12 month
              group by all)
        select initiative_city, after, round(avg(epoch(w)) / 60, 2),
               round(avg((w <= interval 10 minute)::int), 3), round(any_value(speed), 2)
        from t join s using (initiative_city, after) group by all order by 1, 2""",
    "outage: network complaints per week in the outage city": """
        select date_trunc('week', received_at)::date, count(*) from complaint
        join complaint_category using (subcategory_id)
        where category_id = 'network' and city_id = $ocity
          and received_at between $ostart - interval 21 day and $ostart + interval 21 day
        group by all order by 1""",
    "outage: hotline service level 80/20 and abandonment by day": """
        select arrived_at::date, round(avg((outcome = 'answered' and answered_at - queued_at
               <= interval 20 second)::int), 3), round(avg((outcome = 'abandoned')::int), 3)
        from hotline_call where queued_at is not null
          and arrived_at between $ostart - interval 3 day and $ostart + interval 5 day
        group by all order by 1""",
    "outage city: survey network score by month": """
        select date_trunc('month', responded_at)::date, round(avg(score_network), 2), count(*)
        from survey_response where city_id = $ocity
          and responded_at between $ostart - interval 2 month and $ostart + interval 2 month
        group by all order by 1""",
    "hotline by queue: IVR share, answer rate, SL 80/20, ASA s, AHT s, FCR": """
        select queue_id, round(avg((outcome = 'ivr_self_service')::int), 3),
          round(avg((outcome = 'answered')::int) filter (where queued_at is not null), 3),
          round(avg((outcome = 'answered' and answered_at - queued_at <= interval 20 second)::int)
                filter (where queued_at is not null), 3),
          round(avg(epoch(answered_at - queued_at)), 1),
          round(avg(epoch(ended_at - answered_at)), 0),
          round(avg(is_first_contact_resolved::int), 3)
        from hotline_call group by all order by 1""",
    "hotline understaffing: SL 80/20 and calls by slot (workdays, general queue)": """
        with c as (select case when isodow(arrived_at) = 1 and hour(arrived_at) between 8 and 11
                                 then 'Monday 08-12'
                               when hour(arrived_at) between 8 and 11 then 'Tue-Fri 08-12'
                               when hour(arrived_at) * 60 + minute(arrived_at) between 690 and 809
                                 then 'lunch 11:30-13:30'
                               when hour(arrived_at) between 14 and 15 then '14-16' end as slot,
                          outcome = 'answered' and answered_at - queued_at <= interval 20 second
                            as in_sl
                   from hotline_call join calendar on day = arrived_at::date
                   where is_workday and queued_at is not null and queue_id = 'general')
        select slot, round(avg(in_sl::int), 3), count(*) from c where slot is not null
        group by all order by 1""",
    "complaints: per million a month, on time, repeat, escalated, return satisfied": """
        with m as (select month_start, sum(subscribers) as subs from customer_base group by all)
        select round(avg(n / subs * 1e6), 0), round(avg(ontime), 3), round(avg(rep), 3),
               round(avg(esc), 4), round(avg(sat), 3)
        from (select date_trunc('month', received_at)::date as month_start, count(*) as n,
                avg((resolved_at <= due_at)::int) as ontime, avg(is_repeat::int) as rep,
                avg(is_escalated::int) as esc, avg((return_visit = 'satisfied')::int) as sat
              from complaint group by all) join m using (month_start)""",
    "regulator complaints per million subscribers per quarter": """
        with q as (select date_trunc('quarter', month_start) as q, avg(subs) as subs from
                   (select month_start, sum(subscribers) as subs from customer_base group by all)
                   group by all)
        select q::date, round(count(*) filter (where is_escalated) / any_value(subs) * 1e6, 1)
        from complaint join q on date_trunc('quarter', received_at) = q group by all order by 1""",
    "surveys: satisfaction index, CSAT (8-10), NPS": """
        select touchpoint, count(*), round(avg(score_overall) * 10, 1),
               round(avg((score_overall >= 8)::int), 3),
               round(100 * (avg((score_recommend >= 9)::int) - avg((score_recommend <= 6)::int)), 1)
        from survey_response group by all order by 1""",
}


def _drivers(con: duckdb.DuckDBPyConnection) -> None:
    """Regression weights and Shapley (LMG) relative importance of the six dimensions."""
    cols = ", ".join(f"score_{d}" for d in DIMS)
    data = con.execute(
        f"select score_overall, {cols} from survey_response "
        f"where {' and '.join(f'score_{d} is not null' for d in DIMS)}"
    ).fetchnumpy()
    y = data["score_overall"].astype(float)
    x = np.column_stack([data[f"score_{d}"].astype(float) for d in DIMS])

    def r2(idx):
        a = np.column_stack([np.ones(len(y))] + [x[:, i] for i in idx])
        res = y - a @ np.linalg.lstsq(a, y, rcond=None)[0]
        return 1 - res.var() / y.var()

    coef = np.linalg.lstsq(np.column_stack([np.ones(len(y)), x]), y, rcond=None)[0][1:]
    k = len(DIMS)
    fits = {s: r2(s) for r in range(k + 1) for s in combinations(range(k), r)}
    lmg = np.zeros(k)
    for i in range(k):
        others = [j for j in range(k) if j != i]
        for r in range(k):
            for s in combinations(others, r):
                w = 1 / (k * len(list(combinations(others, r))))
                lmg[i] += w * (fits[tuple(sorted((*s, i)))] - fits[s])
    print(f"\nkey drivers (n={len(y):,}, R2={fits[tuple(range(k))]:.3f})")
    for i in np.argsort(-lmg):
        print(f"  {DIMS[i]:<12} coef {coef[i]:.3f}  LMG share {lmg[i] / lmg.sum():.3f}")


def report(con: duckdb.DuckDBPyConnection, scale: Scale) -> None:
    """Run every pattern query and print its rows."""
    weak = list(scale.weak_halls) or ["-"]
    params = {
        "weak": weak,
        "icity": scale.initiative[0],
        "since": scale.initiative[1],
        "ocity": scale.outage[0],
        "ostart": scale.outage[1],
    }
    for title, sql in SQL.items():
        used = {k: v for k, v in params.items() if f"${k}" in sql}
        print(f"\n{title}")
        for row in con.execute(sql, used).fetchall():
            print("  " + "  ".join(str(v) for v in row))
    _drivers(con)
