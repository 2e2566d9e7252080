"""Small fixed dimensions: queues, segments, brands, channels, service types, categories."""

QUEUES = {
    "general": ("General enquiries", "综合业务"),
    "billing": ("Billing and tariffs", "话费账单"),
    "technical": ("Network and technical support", "网络技术支持"),
    "vip": ("VIP line", "VIP专席"),
    "complaints": ("Complaints", "投诉受理"),
}
CENTRES = {"vip": "Guangzhou Tianhe 10086 Centre", "complaints": "Foshan Nanhai 10086 Centre"}

SEGMENTS = [
    ("regular", "mass", "Regular", "普通客户"),
    ("silver", "vip", "Silver card", "银卡"),
    ("gold", "vip", "Gold card", "金卡"),
    ("diamond", "vip", "Diamond card", "钻石卡"),
    ("group_a", "group", "Group customer, class A", "集团A类"),
    ("group_b", "group", "Group customer, class B", "集团B类"),
    ("group_c", "group", "Group customer, class C", "集团C类"),
]
SEGMENT_IDS = [s[0] for s in SEGMENTS]

BRANDS = [
    ("gotone", "GoTone", "全球通"),
    ("mzone", "M-Zone", "动感地带"),
    ("easyown", "EasyOwn", "神州行"),
]
BRAND_IDS = [b[0] for b in BRANDS]

CHANNELS = [
    ("hall", "Business hall", "营业厅"),
    ("hotline", "Hotline 10086", "10086热线"),
    ("web", "Website", "网上营业厅"),
    ("app", "Mobile app", "手机APP"),
    ("email", "E-mail", "电子邮件"),
    ("regulator", "Regulator (MIIT)", "工信部申诉"),
    ("field", "Field visit", "上门走访"),
]

SERVICE_TYPES = [
    ("new_line", "New line", "新开户"),
    ("billing", "Billing and payment", "话费缴纳与查询"),
    ("plan_change", "Plan change", "套餐变更"),
    ("device", "Device and SIM", "终端与SIM卡"),
    ("broadband", "Home broadband", "家庭宽带"),
    ("complaint", "Complaint", "投诉处理"),
    ("other", "Other", "其他业务"),
]
SERVICE_IDS = [s[0] for s in SERVICE_TYPES]

CATEGORIES = {
    "network": ("Network quality", "网络质量"),
    "billing": ("Billing and tariff", "计费与资费"),
    "attitude": ("Service attitude", "服务态度"),
    "handling": ("Business handling", "业务办理"),
    "marketing": ("Marketing", "营销宣传"),
    "product": ("Product and device", "产品与终端"),
}
SUBCATEGORIES = [
    ("network_signal", "network", "Weak signal or no coverage", "信号弱或无覆盖"),
    ("network_outage", "network", "Service outage", "网络中断"),
    ("network_speed", "network", "Slow mobile data", "上网速度慢"),
    ("network_broadband", "network", "Broadband fault", "宽带故障"),
    ("billing_overcharge", "billing", "Charged more than expected", "费用异议"),
    ("billing_tariff", "billing", "Tariff not as agreed", "资费与约定不符"),
    ("billing_roaming", "billing", "Roaming and data charges", "漫游及流量费用"),
    ("attitude_staff", "attitude", "Hall staff attitude", "营业员服务态度"),
    ("attitude_agent", "attitude", "Hotline agent attitude", "客服人员服务态度"),
    ("handling_delay", "handling", "Slow or failed processing", "业务办理慢或失败"),
    ("handling_cancel", "handling", "Cancellation refused or delayed", "销户或退订受阻"),
    ("handling_number", "handling", "Number porting and transfer", "携号转网与过户"),
    ("marketing_unrequested_vas", "marketing", "Unrequested value-added services",
     "未经同意订购增值业务"),
    ("marketing_calls", "marketing", "Unwanted marketing calls and SMS", "营销电话短信骚扰"),
    ("marketing_misleading", "marketing", "Misleading promotion", "宣传误导"),
    ("product_device", "product", "Device fault", "终端故障"),
    ("product_app", "product", "App and online service fault", "APP及网厅故障"),
]  # fmt: skip
SUBCATEGORY_IDS = [s[0] for s in SUBCATEGORIES]


def queue_rows(queue_ids) -> list[dict]:
    """Rows of the hotline_queue dimension for the scale's queues."""
    return [
        {
            "queue_id": q,
            "centre": CENTRES.get(q, "Guangzhou Baiyun 10086 Centre"),
            "skill": q,
            "name_en": QUEUES[q][0],
            "name_zh": QUEUES[q][1],
        }
        for q in queue_ids
    ]


def static_tables() -> dict[str, list[dict]]:
    """The dimensions that are the same at every scale."""
    return {
        "segment": [
            {"segment_id": s, "segment_group": g, "name_en": en, "name_zh": zh, "sort_order": i + 1}
            for i, (s, g, en, zh) in enumerate(SEGMENTS)
        ],
        "brand": [{"brand_id": b, "name_en": en, "name_zh": zh} for b, en, zh in BRANDS],
        "channel": [{"channel_id": c, "name_en": en, "name_zh": zh} for c, en, zh in CHANNELS],
        "service_type": [
            {"service_type_id": s, "name_en": en, "name_zh": zh} for s, en, zh in SERVICE_TYPES
        ],
        "complaint_category": [
            {
                "subcategory_id": sid,
                "category_id": cat,
                "category_en": CATEGORIES[cat][0],
                "category_zh": CATEGORIES[cat][1],
                "subcategory_en": en,
                "subcategory_zh": zh,
            }
            for sid, cat, en, zh in SUBCATEGORIES
        ],
    }
