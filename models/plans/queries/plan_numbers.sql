-- name: plan-doc-numbers
-- The document numbers of some plans of the commune, in one round trip, for
-- lists of tasks that name their plan (no query per task or per plan).
SELECT id, doc_number FROM plans
WHERE commune_id = $1 AND id = ANY ($2::bigint[]);
