-- name: list-plan-kinds
SELECT code, name_vi, name_en FROM plan_kinds ORDER BY NOT builtin, code = 'other', name_vi, code;
