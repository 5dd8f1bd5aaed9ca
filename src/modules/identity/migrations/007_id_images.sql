-- ID document images uploaded for ID verification: the bytes live encrypted in the file store
-- (var/id-images), one row each says whose image it is, its type and the data key it is under.
-- Only its uploader may attach it to a submission (identity_id_verifications.image_ref).
CREATE TABLE identity_id_images (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES identity_users (id),
  media_type TEXT NOT NULL,
  size_bytes BIGINT NOT NULL,
  key_id TEXT NOT NULL,
  uploaded_at_us BIGINT NOT NULL
);
CREATE INDEX identity_id_images_user ON identity_id_images (user_id, id);
CREATE INDEX identity_id_verifications_image ON identity_id_verifications (image_ref);
