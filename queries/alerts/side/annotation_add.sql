-- An analyst's annotation (SQLite).
insert into annotation (
    kind, starts_on, ends_on, city_id, branch_id, title, note, created_by, created_at
)
values ($kind, $starts_on, $ends_on, $city_id, $branch_id, $title, $note, $by, $at)
