-- name: insert-attachment
INSERT INTO attachments (commune_id, task_id, progress_id, uploaded_by, file_name, content_type,
                         size_bytes, sha256, content, created_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
RETURNING id;

-- name: list-attachments
-- Metadata only: the bytes are read one file at a time, when asked for. A
-- photo whose thumbnail is known to be impossible is marked, so the page
-- links it instead of showing a broken image.
SELECT a.id, a.task_id, a.progress_id, a.uploaded_by, a.file_name, a.content_type, a.size_bytes,
       a.sha256, a.created_at, th.failure IS NOT NULL AS no_thumbnail
FROM attachments a
LEFT JOIN attachment_thumbnails th ON th.commune_id = a.commune_id AND th.attachment_id = a.id
WHERE a.commune_id = $1 AND a.task_id = $2
ORDER BY a.progress_id, a.id;

-- name: get-attachment
-- A deleted task's evidence goes with it, like the task's other history.
SELECT a.id, a.task_id, a.progress_id, a.uploaded_by, a.file_name, a.content_type, a.size_bytes,
       a.sha256, a.created_at, a.content
FROM attachments a
JOIN tasks t ON t.commune_id = a.commune_id AND t.id = a.task_id AND t.deleted_at IS NULL
WHERE a.commune_id = $1 AND a.id = $2;

-- name: insert-thumbnail
-- A thumbnail made twice at once (two first views of an old photo) is the
-- same picture: the second is dropped.
INSERT INTO attachment_thumbnails (commune_id, attachment_id, content_type, width, height, content, created_at)
VALUES ($1, $2, 'image/jpeg', $3, $4, $5, $6)
ON CONFLICT DO NOTHING;

-- name: get-thumbnail
-- The original's type and checksum, and its thumbnail when one was made; a
-- deleted task's evidence goes with it. failure is why none can be made,
-- once that was found out.
SELECT a.content_type, a.sha256, th.content AS thumb, COALESCE(th.width, 0) AS width,
       COALESCE(th.height, 0) AS height, th.failure
FROM attachments a
JOIN tasks t ON t.commune_id = a.commune_id AND t.id = a.task_id AND t.deleted_at IS NULL
LEFT JOIN attachment_thumbnails th ON th.commune_id = a.commune_id AND th.attachment_id = a.id
WHERE a.commune_id = $1 AND a.id = $2;

-- name: insert-thumbnail-failure
-- A photo whose thumbnail cannot be made, found out on its first view; two
-- first views at once find out the same.
INSERT INTO attachment_thumbnails (commune_id, attachment_id, content_type, failure, created_at)
VALUES ($1, $2, 'image/jpeg', $3, $4)
ON CONFLICT DO NOTHING;
