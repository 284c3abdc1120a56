-- +goose Up
-- A photo uploaded before thumbnails existed (migration 00026) gets its
-- thumbnail on first view; when its bytes do not decode safely it never
-- will. That outcome is recorded as a thumbnail row without a picture, so the
-- task page links the file instead of showing a broken image, and the
-- original is not read and decoded again on every view. No data moves:
-- existing rows all hold a picture and keep it.
ALTER TABLE attachment_thumbnails
  ALTER COLUMN width DROP NOT NULL,
  ALTER COLUMN height DROP NOT NULL,
  ALTER COLUMN content DROP NOT NULL,
  ADD COLUMN failure text CHECK (failure IN ('not_decodable', 'too_many_pixels')),
  -- Either a picture with its size, or the reason there is none.
  ADD CONSTRAINT attachment_thumbnails_picture_or_failure CHECK (
    (failure IS NULL AND content IS NOT NULL AND width IS NOT NULL AND height IS NOT NULL)
    OR (failure IS NOT NULL AND content IS NULL AND width IS NULL AND height IS NULL));

-- +goose Down
-- The failures are forgotten (the next view finds them again); the table is
-- append-only, so its guard steps aside for that one statement.
ALTER TABLE attachment_thumbnails DISABLE TRIGGER attachment_thumbnails_append_only;
DELETE FROM attachment_thumbnails WHERE failure IS NOT NULL;
ALTER TABLE attachment_thumbnails ENABLE TRIGGER attachment_thumbnails_append_only;
ALTER TABLE attachment_thumbnails
  DROP CONSTRAINT attachment_thumbnails_picture_or_failure,
  DROP COLUMN failure,
  ALTER COLUMN width SET NOT NULL,
  ALTER COLUMN height SET NOT NULL,
  ALTER COLUMN content SET NOT NULL;
