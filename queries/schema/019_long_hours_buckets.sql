-- Complaints stay open for months in real systems (a 311 extract: 90th percentile about
-- 7,400 h), so the hours buckets go on past 30 days: every 10 days to 90 days, every 30 days
-- to 360 days, and 360 days or more in the open bucket 8640 (pulse/metrics.toml says the
-- same bounds). The two hours histograms are emptied, so that opening the store rebuilds
-- them from the complaints (pulse.rollups.fill_empty).
create or replace macro hours_bucket(hours) as cast(case
    when hours < 48 then floor(hours)
    when hours < 360 then 48 + floor((hours - 48) / 6) * 6
    when hours < 720 then 360 + floor((hours - 360) / 24) * 24
    when hours < 2160 then 720 + floor((hours - 720) / 240) * 240
    when hours < 8640 then 2160 + floor((hours - 2160) / 720) * 720
    else 8640
end as smallint);

delete from complaint_resolution_hist;

delete from complaint_response_hist;
