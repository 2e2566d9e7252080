-- A survey vendor's file need not ask "would you recommend": score_recommend is optional, so
-- such a file loads without an invented value (NPS counts only the rows that have one).
alter table survey_response alter column score_recommend drop not null;
