-- A report subscription (SQLite).
insert into subscription (
    user_name, report_format, scope, period, lang, schedule, created_at
)
values ($user_name, $report_format, $scope, $period, $lang, $schedule, $at)
