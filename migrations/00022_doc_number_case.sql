-- +goose Up
-- Plan numbers are compared and stored in their standard form: the issuer's
-- abbreviations in capitals (TTg excepted), so "6/kh-ubnd" is 06/KH-UBND and
-- no longer slips past the duplicate check beside it. Rows stored in another
-- case are rewritten; where that makes two active numbers equal, the later
-- one is kept as a confirmed duplicate (as registers with such mistakes are
-- recorded), so nothing is lost and the unique index holds.
CREATE TEMPORARY TABLE canon_plans ON COMMIT DROP AS
SELECT id, commune_id, year, doc_no, deleted_at, duplicate_confirmed, doc_symbol, doc_number,
       regexp_replace(
         CASE WHEN position('/' IN doc_symbol) > 0
                THEN doc_type || '/' || upper(split_part(doc_symbol, '/', 2))
              WHEN doc_type = '' THEN upper(doc_symbol)
              ELSE doc_type || '-' || upper(substr(doc_symbol, length(doc_type) + 2)) END,
         '(^|[-/])TTG(-|$)', '\1TTg\2', 'g') AS sym
FROM plans;

UPDATE plans p SET duplicate_confirmed = true
FROM canon_plans c
WHERE p.id = c.id AND c.sym <> c.doc_symbol AND c.deleted_at IS NULL AND NOT c.duplicate_confirmed
  AND EXISTS (SELECT 1 FROM canon_plans o
              WHERE o.commune_id = c.commune_id AND o.year = c.year AND o.doc_no = c.doc_no AND o.sym = c.sym
                AND o.id <> c.id AND o.deleted_at IS NULL AND NOT o.duplicate_confirmed
                AND (o.sym = o.doc_symbol OR o.id < c.id));

UPDATE plans p
SET doc_symbol = c.sym,
    doc_number = left(c.doc_number, length(c.doc_number) - length(c.doc_symbol)) || c.sym
FROM canon_plans c
WHERE p.id = c.id AND c.sym <> c.doc_symbol AND right(c.doc_number, length(c.doc_symbol)) = c.doc_symbol;

-- +goose Down
SELECT 1; -- the standard form is a valid older form too
