// SQL of ID document images (identity_id_images): who uploaded each, its type and the data key
// its bytes are encrypted under; the bytes themselves live in the file store.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "reskflow/store/database.h"

namespace reskflow::identity::repository {

struct IdImageRow {
  std::string id, user_id, media_type;
  std::int64_t size_bytes = 0;
  std::string key_id;
  std::int64_t uploaded_at_us = 0;
};
Status insert_image(store::Transaction& tx, const IdImageRow& row);

// Whether `image_id` names an image `user_id` uploaded.
Result<bool> image_owned_by(store::Transaction& tx, const std::string& image_id,
                            const std::string& user_id);
// The user's images no submission names, newest first, after the first `keep`: those to drop.
Result<std::vector<std::string>> unattached_images_beyond(store::Transaction& tx,
                                                          const std::string& user_id,
                                                          std::int64_t keep);
Status delete_images(store::Transaction& tx, const std::vector<std::string>& image_ids);
// Deletes every image row of the user; the ids deleted (their files go after the commit).
Result<std::vector<std::string>> delete_images_of(store::Transaction& tx,
                                                  const std::string& user_id);

// The image a verification names, or nullopt when it has none (or no such verification).
Result<std::optional<IdImageRow>> image_of_verification(store::Transaction& tx,
                                                        const std::string& verification_id);
// Up to `limit` images encrypted under a key other than `current_kid`.
Result<std::vector<std::string>> images_not_under(store::Transaction& tx,
                                                  const std::string& current_kid,
                                                  std::int64_t limit);
Status set_image_key(store::Transaction& tx, const std::string& image_id,
                     const std::string& key_id);

}  // namespace reskflow::identity::repository
