drop table if exists _stage;
drop table if exists _checked;
