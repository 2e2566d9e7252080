"""Code lists are data: a channel or complaint category the store has not seen is rejected
by the reference check until a data steward loads its row (with both names), and then loads;
the DDL no longer fixes the list. Impossible values stay refused by the schema."""

from __future__ import annotations

import pytest

from pulse import ingest
from tests.test_ingest import write

COMPLAINT = (
    "complaint_id,received_at,channel,city_id,branch_id,segment,brand,subcategory_id,severity,"
    "is_escalated,due_at,first_response_at,resolved_at,status,customer_key,is_repeat,"
    "return_visit\n"
)


def complaint(cid: str, channel: str, subcategory: str, severity: str = "low") -> str:
    return (
        f"{cid},2026-10-31 08:00:00,{channel},GZ,,regular,gotone,{subcategory},{severity},false,"
        "2026-11-15 08:00:00,,,open,k9,false,\n"
    )


def test_a_new_channel_and_category_load_once_their_rows_are_there(handmade, tmp_path):
    case = write(tmp_path, "c.csv", COMPLAINT + complaint("W1", "wechat", "5g_coverage"))
    with pytest.raises(ingest.LoadError) as refused:
        ingest.load_file(handmade, "complaint", case)
    assert refused.value.args[0].endswith(
        "row 1: channel: no channel 'wechat'; subcategory_id: no complaint_category '5g_coverage'"
    )

    channel = write(tmp_path, "channel.csv", "channel_id,name_en,name_zh\nwechat,WeChat,微信\n")
    ingest.load_file(handmade, "channel", channel)
    category = write(
        tmp_path,
        "category.csv",
        "subcategory_id,category_id,category_en,category_zh,subcategory_en,subcategory_zh\n"
        "5g_coverage,coverage,Coverage,覆盖,5G coverage,5G覆盖\n",
    )
    ingest.load_file(handmade, "complaint_category", category)
    loaded = ingest.load_file(handmade, "complaint", case)
    assert (loaded.rows_loaded, loaded.rows_rejected) == (1, 0)
    row = handmade.df(
        "select m.channel, c.name_zh, k.category_en from complaint as m "
        "join channel as c on c.channel_id = m.channel "
        "join complaint_category as k using (subcategory_id) where m.complaint_id = 'W1'"
    ).values.tolist()
    assert row == [["wechat", "微信", "Coverage"]]


def test_codes_the_product_reads_are_still_checked(handmade, tmp_path):
    path = write(
        tmp_path,
        "c.csv",
        COMPLAINT
        + complaint("S1", "hotline", "network_signal", severity="urgent")
        + complaint("S2", "hotline", "network_signal"),
    )
    result = ingest.load_file(handmade, "complaint", path)
    assert (result.rows_loaded, result.rows_rejected) == (1, 1)
    assert result.rejects[0][0] == 1 and "severity" in result.rejects[0][1]
