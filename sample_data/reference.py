"""Reference tables: targets by level and year, published benchmarks, and event annotations."""

from .calendar_days import holiday_spans
from .geography import Halls
from .places import CITIES
from .profiles import double_elevens, phone_launches
from .scales import Scale

PLAN = "Company service plan"
# metric_id: (company target per year from 2023, amber band, source)
COMPANY = {
    "sat_index": ((79, 80, 81, 82), 2, f"{PLAN}: satisfaction index"),
    "csat": ((0.74, 0.75, 0.76, 0.77), 0.03, f"{PLAN}: share of top scores"),
    "nps": ((28, 30, 32, 35), 5, f"{PLAN}: net promoter score"),
    "queue_within_10min": ((0.9,) * 4, 0.05, "Hall service promise: wait at most 10 minutes"),
    "queue_wait_mean": ((450, 420, 400, 380), 120, "Hall service promise: wait at most 10 minutes"),
    "queue_walkaway_rate": ((0.05, 0.05, 0.05, 0.045), 0.02, f"{PLAN}: walk-aways below 5%"),
    "hotline_answer_rate": ((0.95,) * 4, 0.02, "Hotline: answer every call"),
    "hotline_service_level": ((0.8,) * 4, 0.05, "Common contact-centre standard 80/20"),
    "hotline_abandon_rate": ((0.05,) * 4, 0.02, "Hotline: answer every call"),
    "hotline_asa": ((30,) * 4, 15, "Common contact-centre standard 80/20"),
    "hotline_aht": ((310, 300, 300, 295), 30, "Contact-centre workforce plan"),
    "hotline_fcr": ((0.78, 0.8, 0.8, 0.8), 0.05, f"{PLAN}: first-contact resolution"),
    "complaints_per_million": ((310, 300, 290, 280), 40, f"{PLAN}: complaints per million a month"),
    "regulator_per_million": (
        (16, 15, 14, 12),
        5,
        "MIIT appeal rate; China Mobile reached 8.6 per million in 2012 Q1",
    ),
    "complaint_ontime_rate": ((0.98,) * 4, 0.02, "MIIT 2016: answer complaints within 15 days"),
    "complaint_repeat_rate": ((0.085, 0.08, 0.075, 0.07), 0.02, f"{PLAN}: repeats within 30 days"),
    "complaint_return_satisfaction": ((0.8, 0.8, 0.8, 0.82), 0.05, f"{PLAN}: return visits"),
}
CITY_PLAN = f"{PLAN}, city agreement"


def target_rows(scale: Scale, halls: Halls) -> list[dict]:
    """Company targets for every year of the data, plus city, tier and hall rows that differ."""
    years = range(scale.start.year, scale.end.year + 1)
    rows = []

    def add(metric, level, key, year, value, band, source):
        rows.append(
            {
                "metric_id": metric,
                "level": level,
                "level_key": key,
                "year": year,
                "target_value": value,
                "amber_band": band,
                "source": source,
            }
        )

    for metric, (values, band, source) in COMPANY.items():
        for y in years:
            add(metric, "company", "all", y, values[y - 2023], band, source)
    # Units get their own target only where it is at least as strict as the level above
    # (company, then city or tier, then hall): a laxer one would call the worst hall "near
    # target" while the company misses its promise.
    big = [c for c in ("GZ", "SZ", "HZ") if c in scale.cities]
    for y in years:
        within, wait = COMPANY["queue_within_10min"][0][y - 2023], COMPANY["queue_wait_mean"][0]
        for c in big:
            add("sat_index", "city", c, y, COMPANY["sat_index"][0][y - 2023] + 1.5, 2, CITY_PLAN)
        if "DG" in scale.cities:
            add("queue_within_10min", "city", "DG", y, 0.92, 0.04,
                f"{CITY_PLAN}: new counters funded in 2023")  # fmt: skip
        city, since = scale.initiative
        if y >= since.year:
            add("queue_wait_mean", "city", city, y, 300 if y > since.year else 360, 90,
                f"{CITY_PLAN}: appointments and smart queuing")  # fmt: skip
        add("queue_within_10min", "tier", "flagship", y, within + 0.02, 0.04,
            f"{PLAN}: busiest halls, staffed to match")  # fmt: skip
        add("queue_wait_mean", "tier", "flagship", y, wait[y - 2023] - 60, 120,
            f"{PLAN}: busiest halls, staffed to match")  # fmt: skip
        add("queue_within_10min", "tier", "rural", y, within + 0.03, 0.04, f"{PLAN}: small halls")
        for bid in halls.branch_id[halls.weak][:3]:
            # an improvement plan keeps the hall's tier target (or the company's) and narrows
            # its amber band, so the weak hall turns red sooner, never later
            tier = str(halls.tier[list(halls.branch_id).index(bid)])
            hall_within = within + {"flagship": 0.02, "rural": 0.03}.get(tier, 0.0)
            add("queue_within_10min", "hall", str(bid), y, hall_within, 0.03,
                f"{PLAN}: improvement plan, tighter band")  # fmt: skip
            add("queue_walkaway_rate", "hall", str(bid), y,
                COMPANY["queue_walkaway_rate"][0][y - 2023], 0.01,
                f"{PLAN}: improvement plan, tighter band")  # fmt: skip
    return rows


TCSI = "Telecom customer satisfaction index (TCSI) 2017"
OPERATORS = {
    "China Telecom": "中国电信",
    "China Unicom": "中国联通",
    "China Mobile": "中国移动",
    "Tietong": "中国铁通",
    "Industry": "全行业",
}


def benchmark_rows() -> list[dict]:
    """The published figures listed in DESIGN.md, each with its source and year."""

    def row(metric, subject, market, label, start, value, source, year, note=None):
        return {
            "metric_id": metric,
            "subject_en": subject,
            "subject_zh": OPERATORS[subject],
            "market": market,
            "period_label": label,
            "period_start": start,
            "value": value,
            "source": source,
            "source_year": year,
            "note": note,
        }

    miit12 = "MIIT telecom service quality notice, 2012 Q1"
    miit22 = "MIIT telecom service quality notice, 2022"
    per_m = "Appeals to the regulator per million subscribers in the quarter"
    return [
        row("sat_index", "China Telecom", "fixed", "2017", "2017-01-01", 77.7, TCSI, 2017),
        row("sat_index", "China Unicom", "fixed", "2017", "2017-01-01", 78.9, TCSI, 2017),
        row("sat_index", "Tietong", "fixed", "2017", "2017-01-01", 78.0, TCSI, 2017),
        row("sat_index", "China Telecom", "mobile", "2017", "2017-01-01", 75.1, TCSI, 2017),
        row("sat_index", "China Mobile", "mobile", "2017", "2017-01-01", 78.6, TCSI, 2017),
        row("sat_index", "China Unicom", "mobile", "2017", "2017-01-01", 77.5, TCSI, 2017),
        row("sat_index", "China Telecom", "broadband", "2017", "2017-01-01", 68.3, TCSI, 2017),
        row("sat_index", "Industry", "hall", "2011", "2011-01-01", 79.1,
            "Business-hall customer satisfaction, third-party survey", 2011,
            "End of 2011; up 2.2 points on 2010"),
        row("regulator_per_million", "China Telecom", "all", "2012-Q1", "2012-01-01", 13.6,
            miit12, 2012, per_m),
        row("regulator_per_million", "China Mobile", "all", "2012-Q1", "2012-01-01", 8.6,
            miit12, 2012, per_m),
        row("regulator_per_million", "China Unicom", "all", "2012-Q1", "2012-01-01", 20.2,
            miit12, 2012, per_m),
        row("regulator_per_million", "Industry", "all", "2022-Q1", "2022-01-01", 30.6,
            miit22, 2022, per_m),
        row("regulator_per_million", "Industry", "all", "2022-Q2", "2022-04-01", 25.8,
            miit22, 2022, per_m),
    ]  # fmt: skip


def event_rows(scale: Scale) -> list[dict]:
    """Annotations for every incident the generator injects, inside the data range."""
    rows = []

    def add(eid, kind, a, b, title, desc, city=None, branch=None):
        if b < scale.start or a > scale.end:
            return
        rows.append(
            {
                "event_id": eid,
                "kind": kind,
                "starts_on": a.isoformat(),
                "ends_on": b.isoformat(),
                "city_id": city,
                "branch_id": branch,
                "title_en": title[0],
                "title_zh": title[1],
                "description_en": desc[0],
                "description_zh": desc[1],
            }
        )

    city, a, b = scale.outage
    en, zh = CITIES[city][1], CITIES[city][2]
    add(f"outage-{city.lower()}-{a:%Y%m%d}", "outage", a, b,
        (f"{en} network outage", f"{zh}网络故障"),
        (f"A core-network fault cut mobile data and calls across {en} for three days; "
         "hotline queues overflowed and network complaints multiplied.",
         f"核心网故障导致{zh}全市移动数据和通话中断三天，热线排队激增，网络类投诉成倍增长。"),
        city=city)  # fmt: skip
    city, since = scale.initiative
    en, zh = CITIES[city][1], CITIES[city][2]
    add(f"initiative-{city.lower()}-smart-queue", "initiative", since, since,
        (f"{en} halls: appointments and smart queuing", f"{zh}营业厅推出预约办理和智能排队"),
        ("From this day customers book a time in the app and tickets are routed by service; "
         "waits are about a third shorter.",
         "自即日起客户可在APP预约办理时间，排队系统按业务类型智能分配窗口，等候时间缩短约三分之一。"),
        city=city)  # fmt: skip
    for bid, day in scale.new_halls.items():
        add(f"initiative-{bid.lower()}-opening", "initiative", day, day,
            (f"New hall {bid} opens", f"新营业厅{bid}开业"),
            ("A new community hall opens to relieve its neighbours.",
             "新社区营业厅开业，分流周边营业厅客流。"),
            city=bid.split("-")[0], branch=bid)  # fmt: skip
    for a, b in holiday_spans("Spring Festival"):
        add(
            f"holiday-spring-{b.year}",
            "holiday",
            a,
            b,
            ("Spring Festival", "春节假期"),
            (
                "Halls busy the week before, quiet during the holiday.",
                "节前营业厅客流高峰，假期客流明显下降。",
            ),
        )
    for a, b in holiday_spans("National Day"):
        add(
            f"holiday-national-{a.year}",
            "holiday",
            a,
            b,
            ("National Day week", "国庆黄金周"),
            ("Golden week promotions in the larger halls.", "黄金周期间大型营业厅开展促销活动。"),
        )
    for a, b in phone_launches(scale.start, scale.end):
        add(
            f"promotion-launch-{a.year}",
            "promotion",
            a,
            b,
            ("New phone launch", "新机上市"),
            (
                "Flagship phones go on sale: device business in the halls jumps.",
                "旗舰新机首发，营业厅终端业务量大增。",
            ),
        )
    for a, b in double_elevens(scale.start, scale.end):
        add(
            f"promotion-double11-{a.year}",
            "promotion",
            a,
            b,
            ("Double 11 promotion", "双十一促销"),
            (
                "Online plan and broadband offers; more marketing complaints follow.",
                "线上套餐和宽带优惠活动，营销类投诉随之增加。",
            ),
        )
    return rows
