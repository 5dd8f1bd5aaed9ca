// ID document images: the signed-in customer or driver uploads a photo of their document (JPEG
// or PNG, metadata stripped), kept encrypted in the file store; admins reviewing the submission
// that names it read it back, audited; erasure and key rotation reach the files too.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "audit.h"
#include "context.h"
#include "model.h"
#include "reskflow/modules/file_store.h"

namespace reskflow::identity {

struct UploadedIdImage {
  std::string image_ref;
  std::string media_type;
  std::int64_t size_bytes = 0;
  std::uint32_t width = 0;
  std::uint32_t height = 0;
};

struct IdImageFile {
  std::string media_type;
  std::string bytes;
};

class IdImageService {
 public:
  IdImageService(const Context& context, const AuditLog& audit, modules::FileStore& files)
      : ctx_(context), audit_(audit), files_(files) {}

  // payload_too_large above id_image_bytes_max; unsupported_media_type unless the declared type
  // and the bytes are both JPEG or both PNG; validation_failed for a damaged image.
  Result<UploadedIdImage> upload(const Actor& caller, std::string_view declared_type,
                                 std::string_view body, const Origin& origin);
  // The image of a verification, for an admin reviewing it (audited as id.image_viewed).
  Result<IdImageFile> for_review(const Actor& admin, const std::string& verification_id,
                                 const Origin& origin);
  // Removes the files of image rows already deleted (after their transaction committed).
  void remove_files(const std::vector<std::string>& image_ids);
  // Re-encrypts images under the current data key, batch_images at a time; how many.
  Result<std::int64_t> rotate_keys(std::int64_t batch_images);

 private:
  const Context& ctx_;
  const AuditLog& audit_;
  modules::FileStore& files_;
};

}  // namespace reskflow::identity
