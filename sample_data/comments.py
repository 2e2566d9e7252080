"""Verbatim survey comments: picked by language, sentiment and the dimension that stood out."""

import numpy as np

DIMS = ("network", "tariff", "staff", "speed", "convenience", "billing")
# (sentiment, dimension): (in person, remote) phrase lists; one list serves both when alone.
# {w} is replaced by the minutes the respondent waited.
ZH = {
    ("neg", "network"): [
        [
            "家里信号太差，经常打不通电话",
            "地铁里上网特别慢，视频根本刷不动",
            "最近几天网络老是断，影响工作",
            "5G信号时有时无，体验很差",
        ]
    ],
    ("neg", "tariff"): [
        [
            "套餐太贵了，流量根本用不完还不能降档",
            "资费不透明，比其他运营商贵",
            "老用户反而没有新用户优惠，不公平",
        ]
    ],
    ("neg", "staff"): [
        [
            "营业员态度冷淡，问什么都不耐烦",
            "工作人员一直在聊天，没人理我",
            "营业员推销套餐太多，不想听",
        ],
        [
            "客服说话很敷衍，问题没解决就挂了",
            "客服态度差，一直让我等",
            "接电话的客服不专业，答非所问",
        ],
    ],
    ("neg", "speed"): [
        [
            "排队等了{w}分钟才办完，太慢了",
            "取号后等了{w}分钟，窗口只开了两个",
            "办个业务等了{w}分钟，效率太低",
        ],
        [
            "打了好几次10086才接通，等太久了",
            "转了三次人工还没解决",
            "说好24小时回复，结果过了好几天",
        ],
    ],
    ("neg", "convenience"): [
        ["营业厅太远，停车也不方便", "营业时间太短，下班后来不及办理"],
        ["APP太难用，找不到要办的业务", "语音菜单太复杂，转人工太难"],
    ],
    ("neg", "billing"): [
        [
            "这个月话费莫名多扣了二十多块",
            "账单看不懂，不知道扣的是什么钱",
            "被订购了从没用过的增值业务，要求退费",
        ]
    ],
    ("mid", "network"): [["信号总体还行，地下室差一点", "网速一般，高峰期会慢"]],
    ("mid", "tariff"): [["价格还可以，希望多一些优惠", "套餐选择太多，有点复杂"]],
    ("mid", "staff"): [
        ["服务还行，就是有点机械", "工作人员比较忙，解释不够细"],
        ["客服还算耐心，但没完全说清楚"],
    ],
    ("mid", "speed"): [
        ["等了{w}分钟，还可以接受", "办理速度一般，希望再快一点"],
        ["接通要等一会儿，希望多安排人手"],
    ],
    ("mid", "convenience"): [["营业厅位置还行，就是人有点多"], ["APP功能挺全，但是有点卡"]],
    ("mid", "billing"): [["账单大体清楚，有些项目看不懂"]],
    ("pos", "network"): [["信号很好，到哪里都能用", "5G速度很快，很满意"]],
    ("pos", "tariff"): [["套餐划算，流量够用", "资费合理，性价比高"]],
    ("pos", "staff"): [
        ["营业员很热情，耐心讲解，点赞", "工作人员服务周到，很专业"],
        ["客服很耐心，一次就解决了问题", "客服小姐姐态度很好，谢谢"],
    ],
    ("pos", "speed"): [
        ["几乎没有排队，办得很快", "预约后到店直接办理，很方便"],
        ["很快就接通了，效率很高", "问题当场就解决了"],
    ],
    ("pos", "convenience"): [["离家近，办事方便"], ["APP很好用，不用跑营业厅"]],
    ("pos", "billing"): [["账单清楚明白，扣费准确"]],
}
EN = {
    ("neg", "network"): [
        [
            "Signal at home is terrible, calls keep dropping",
            "Mobile data was down for days, no explanation",
        ]
    ],
    ("neg", "tariff"): [["The plan is too expensive for what I use"]],
    ("neg", "staff"): [
        ["Staff were rude and kept pushing upgrades"],
        ["The agent was dismissive and hung up"],
    ],
    ("neg", "speed"): [
        ["Waited {w} minutes to be served, far too long"],
        ["Took ages to get through to a person"],
    ],
    ("neg", "convenience"): [["Opening hours are too short"], ["The app keeps logging me out"]],
    ("neg", "billing"): [["I was charged for services I never ordered"]],
    ("mid", "network"): [["Coverage is fine except indoors"]],
    ("mid", "tariff"): [["Prices are OK, more discounts would be nice"]],
    ("mid", "staff"): [["Staff were polite but not very helpful"], ["The agent was OK"]],
    ("mid", "speed"): [["Waited {w} minutes, acceptable"], ["Answered after a short wait"]],
    ("mid", "convenience"): [["Hall is fine but crowded"], ["App works, a bit slow"]],
    ("mid", "billing"): [["Bill is mostly clear"]],
    ("pos", "network"): [["Great 5G coverage"]],
    ("pos", "tariff"): [["Good value plan"]],
    ("pos", "staff"): [["Very friendly and helpful staff"], ["Helpful agent, solved it at once"]],
    ("pos", "speed"): [["No queue at all, quick service"], ["Answered quickly"]],
    ("pos", "convenience"): [["Hall is close to home"], ["The app makes everything easy"]],
    ("pos", "billing"): [["Clear and accurate bill"]],
}
SENTIMENTS = ("neg", "mid", "pos")


def _table():
    """All phrases in one array plus (lang, sentiment, dim, remote) -> (start, count)."""
    phrases, index = [], np.zeros((2, 3, 6, 2, 2), dtype=np.int64)
    for li, pool in enumerate((ZH, EN)):
        for si, sent in enumerate(SENTIMENTS):
            for di, dim in enumerate(DIMS):
                lists = pool[(sent, dim)]
                for remote in (0, 1):
                    chosen = lists[min(remote, len(lists) - 1)]
                    index[li, si, di, remote] = (len(phrases), len(chosen))
                    phrases.extend(chosen)
    return np.array(phrases, dtype=object), index


PHRASES, INDEX = _table()


def pick_comments(
    scores: np.ndarray, overall: np.ndarray, remote: np.ndarray, wait_min: np.ndarray, rng
) -> np.ndarray:
    """A comment or None per response; low scorers write more and about their weakest dimension."""
    n = len(overall)
    has = rng.random(n) < 0.09 + 0.34 * (overall <= 6) + 0.07 * ((overall >= 7) & (overall <= 8))
    filled = np.where(np.isnan(scores), np.nan, scores)
    weakest = np.nanargmin(np.where(np.isnan(filled), 99, filled), axis=1)
    strongest = np.nanargmax(np.where(np.isnan(filled), -1, filled), axis=1)
    sent = np.where(overall <= 6, 0, np.where(overall >= 9, 2, 1))
    sent = np.where(
        (sent == 1) & (np.nanmin(np.where(np.isnan(filled), 99, filled), 1) <= 4), 0, sent
    )
    dim = np.where(sent == 2, strongest, weakest)
    lang = (rng.random(n) < 0.14).astype(np.int64)
    start, count = INDEX[lang, sent, dim, remote.astype(np.int64)].T
    text = PHRASES[start + (rng.random(n) * count).astype(np.int64)].astype(str)
    minutes = np.maximum(np.round(wait_min), 1).astype(np.int64).astype(str)
    text = np.strings.replace(text, "{w}", minutes)
    out = text.astype(object)
    out[~has] = None
    return out
