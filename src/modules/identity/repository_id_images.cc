// SQL of ID document images.
#include "repository_id_images.h"

namespace reskflow::identity::repository {

Status insert_image(store::Transaction& tx, const IdImageRow& r) {
  RF_TRY(i, tx.exec("INSERT INTO identity_id_images (id, user_id, media_type, size_bytes, key_id, "
                    "uploaded_at_us) VALUES ($1, $2, $3, $4, $5, $6)",
                    {r.id, r.user_id, r.media_type, r.size_bytes, r.key_id, r.uploaded_at_us}));
  return {};
}

Result<bool> image_owned_by(store::Transaction& tx, const std::string& image_id,
                            const std::string& user_id) {
  RF_TRY(rows, tx.query("SELECT 1 FROM identity_id_images WHERE id = $1 AND user_id = $2",
                        {image_id, user_id}));
  return !rows->empty();
}

Result<std::vector<std::string>> unattached_images_beyond(store::Transaction& tx,
                                                          const std::string& user_id,
                                                          std::int64_t keep) {
  RF_TRY(rows, tx.query("SELECT i.id FROM identity_id_images i WHERE i.user_id = $1 AND NOT "
                        "EXISTS (SELECT 1 FROM identity_id_verifications v WHERE v.image_ref = "
                        "i.id) ORDER BY i.id DESC",
                        {user_id}));
  std::vector<std::string> out;
  std::int64_t seen = 0;
  for (const auto r : *rows) {
    if (++seen > keep) out.push_back(r.text(0));
  }
  return out;
}

Status delete_images(store::Transaction& tx, const std::vector<std::string>& image_ids) {
  for (const auto& id : image_ids) {
    RF_TRY(d, tx.exec("DELETE FROM identity_id_images WHERE id = $1", {id}));
  }
  return {};
}

Result<std::vector<std::string>> delete_images_of(store::Transaction& tx,
                                                  const std::string& user_id) {
  RF_TRY(rows,
         tx.query("DELETE FROM identity_id_images WHERE user_id = $1 RETURNING id", {user_id}));
  std::vector<std::string> out;
  for (const auto r : *rows) out.push_back(r.text(0));
  return out;
}

Result<std::optional<IdImageRow>> image_of_verification(store::Transaction& tx,
                                                        const std::string& verification_id) {
  RF_TRY(rows, tx.query("SELECT i.id, i.user_id, i.media_type, i.size_bytes, i.key_id, "
                        "i.uploaded_at_us FROM identity_id_verifications v JOIN "
                        "identity_id_images i ON i.id = v.image_ref WHERE v.id = $1",
                        {verification_id}));
  if (rows->empty()) return std::optional<IdImageRow>{};
  const auto r = rows->front();
  return std::optional<IdImageRow>{
      {r.text(0), r.text(1), r.text(2), r.int64(3), r.text(4), r.int64(5)}};
}

Result<std::vector<std::string>> images_not_under(store::Transaction& tx,
                                                  const std::string& current_kid,
                                                  std::int64_t limit) {
  RF_TRY(rows, tx.query("SELECT id FROM identity_id_images WHERE key_id <> $1 ORDER BY id "
                        "LIMIT $2",
                        {current_kid, limit}));
  std::vector<std::string> out;
  for (const auto r : *rows) out.push_back(r.text(0));
  return out;
}

Status set_image_key(store::Transaction& tx, const std::string& image_id,
                     const std::string& key_id) {
  RF_TRY(u, tx.exec("UPDATE identity_id_images SET key_id = $1 WHERE id = $2", {key_id, image_id}));
  return {};
}

}  // namespace reskflow::identity::repository
