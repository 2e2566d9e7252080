-- One entry of the audit log.
insert into audit_log (recorded_at, user_name, role_name, scope_json, action, detail_json)
values ($recorded_at, $user_name, $role_name, $scope_json, $action, $detail_json)
