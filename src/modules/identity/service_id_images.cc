// ID document images: checked by their bytes, stripped of metadata, encrypted with identity's
// data key (the image id as associated data) and kept in the file store; never served publicly.
#include "service_id_images.h"

#include <utility>

#include "repository_id_images.h"
#include "reskflow/core/log.h"
#include "reskflow/modules/image.h"
#include "reskflow/store/uuid.h"

namespace reskflow::identity {
namespace {

std::string file_key(std::string_view image_id) { return "id-image-" + std::string(image_id); }

std::string associated_data(std::string_view image_id) {
  return std::string(column::id_image) + ":" + std::string(image_id);
}

Result<modules::CleanImage> clean_upload(std::string_view declared_type, std::string_view body,
                                         std::int64_t bytes_max) {
  if (std::cmp_greater(body.size(), bytes_max))
    return fail(ErrorCode::payload_too_large, "the image is " + std::to_string(body.size()) +
                                                  " bytes; the limit is " +
                                                  std::to_string(bytes_max) + " bytes");
  const auto declared = modules::image_type_named(declared_type);
  if (!declared || *declared == modules::ImageType::webp)
    return fail(ErrorCode::unsupported_media_type,
                "send the ID document image as image/jpeg or image/png, not " +
                    std::string(declared_type.empty() ? "an untyped body" : declared_type));
  RF_TRY(clean, modules::strip_metadata(body));
  if (clean->type != *declared)
    return fail(ErrorCode::unsupported_media_type,
                "the body is " + std::string(modules::media_type(clean->type)) + ", not the " +
                    std::string(declared_type) + " its Content-Type says");
  if (clean->width == 0 || clean->height == 0)
    return fail(ErrorCode::validation_failed, "the image has no pixels");
  return clean;
}

}  // namespace

Result<UploadedIdImage> IdImageService::upload(const Actor& caller, std::string_view declared_type,
                                               std::string_view body, const Origin& origin) {
  RF_TRY(clean, clean_upload(declared_type, body, ctx_.settings().id_image_bytes_max));
  const auto id = store::new_uuid_v7();
  const repository::IdImageRow row{id,
                                   caller.id,
                                   std::string(modules::media_type(clean->type)),
                                   static_cast<std::int64_t>(clean->bytes.size()),
                                   ctx_.cipher().current_kid(),
                                   ctx_.now_us()};
  RF_TRY(stored, files_.put(file_key(id), ctx_.encrypt(clean->bytes, associated_data(id))));
  auto dropped = ctx_.db().write([&](store::Transaction& tx) -> Result<std::vector<std::string>> {
    RF_TRY(inserted, repository::insert_image(tx, row));
    RF_TRY(beyond, repository::unattached_images_beyond(tx, caller.id,
                                                        ctx_.settings().id_images_unattached_max));
    RF_TRY(deleted, repository::delete_images(tx, *beyond));
    RF_TRY(a, audit_.append(tx, caller, origin, {"id.image_uploaded", "id_image", id}));
    return std::move(*beyond);
  });
  if (!dropped) {
    remove_files({id});
    return std::unexpected(dropped.error());
  }
  remove_files(*dropped);
  return UploadedIdImage{id, row.media_type, row.size_bytes, clean->width, clean->height};
}

Result<IdImageFile> IdImageService::for_review(const Actor& admin,
                                               const std::string& verification_id,
                                               const Origin& origin) {
  RF_TRY(row, ctx_.db().read([&](store::Transaction& tx) {
    return repository::image_of_verification(tx, verification_id);
  }));
  if (!*row) return fail(ErrorCode::not_found, "this ID verification has no image");
  const auto& image = **row;
  RF_TRY(sealed, files_.get(file_key(image.id)));
  RF_TRY(bytes, ctx_.cipher().decrypt(*sealed, associated_data(image.id)));
  RF_TRY(logged, ctx_.db().write([&](store::Transaction& tx) {
    return audit_.append(tx, admin, origin,
                         {"id.image_viewed", "id_verification", verification_id, "success",
                          audit_detail({{"user_id", image.user_id}})});
  }));
  return IdImageFile{image.media_type, std::move(*bytes)};
}

void IdImageService::remove_files(const std::vector<std::string>& image_ids) {
  for (const auto& id : image_ids) {
    if (auto removed = files_.remove(file_key(id)); !removed)
      log::warn("identity_id_image_remove_failed", {{"detail", removed.error().detail}});
  }
}

Result<std::int64_t> IdImageService::rotate_keys(std::int64_t batch_images) {
  const auto& current = ctx_.cipher().current_kid();
  std::int64_t total = 0;
  for (;;) {
    RF_TRY(stale, ctx_.db().read([&](store::Transaction& tx) {
      return repository::images_not_under(tx, current, batch_images);
    }));
    for (const auto& id : *stale) {
      RF_TRY(sealed, files_.get(file_key(id)));
      RF_TRY(bytes, ctx_.cipher().decrypt(*sealed, associated_data(id)));
      RF_TRY(put, files_.put(file_key(id), ctx_.encrypt(*bytes, associated_data(id))));
      RF_TRY(marked, ctx_.db().write([&](store::Transaction& tx) {
        return repository::set_image_key(tx, id, current);
      }));
    }
    total += static_cast<std::int64_t>(stale->size());
    if (std::cmp_less(stale->size(), batch_images)) return total;
  }
}

}  // namespace reskflow::identity
