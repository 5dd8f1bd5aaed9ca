// The photo at the door and the customer's signature: checked by their bytes, stripped of
// metadata, stored by content hash, recorded; and read back by those who may see them.
#include <string>
#include <utility>

#include "repository.h"
#include "reskflow/core/log.h"
#include "service.h"

namespace reskflow::proofs {
namespace {

std::string extension(ImageType type) {
  return type == ImageType::jpeg ? ".jpg" : type == ImageType::png ? ".png" : ".webp";
}

}  // namespace

Result<CleanImage> Service::clean_upload(ProofKind kind, std::string_view declared_type,
                                         std::string_view body) const {
  const auto photo = kind == ProofKind::photo;
  const auto bytes_max = photo ? settings_.photo_bytes_max : settings_.signature_bytes_max;
  if (std::cmp_greater(body.size(), bytes_max))
    return fail(ErrorCode::payload_too_large,
                "the " + std::string(kind_name(kind)) + " is " + std::to_string(body.size()) +
                    " bytes; the limit is " + std::to_string(bytes_max) + " bytes");
  const auto declared = image_type_named(declared_type);
  const auto accepted = photo ? "image/jpeg, image/png or image/webp" : "image/png";
  if (!declared || (!photo && *declared != ImageType::png))
    return fail(ErrorCode::unsupported_media_type,
                "send the " + std::string(kind_name(kind)) + " as " + accepted + ", not " +
                    std::string(declared_type.empty() ? "an untyped body" : declared_type));
  RF_TRY(clean, strip_metadata(body));
  if (clean->type != *declared)
    return fail(ErrorCode::unsupported_media_type,
                "the body is " + std::string(media_type(clean->type)) + ", not the " +
                    std::string(declared_type) + " its Content-Type says");
  if (clean->width == 0 || clean->height == 0)
    return fail(ErrorCode::validation_failed, "the image has no pixels");
  if (!photo && (std::cmp_greater(clean->width, settings_.signature_pixels_max) ||
                 std::cmp_greater(clean->height, settings_.signature_pixels_max)))
    return fail(ErrorCode::validation_failed,
                "the signature is " + std::to_string(clean->width) + "x" +
                    std::to_string(clean->height) + " pixels; at most " +
                    std::to_string(settings_.signature_pixels_max) + " on each side");
  return clean;
}

Result<StoredProof> Service::put_file(std::string_view driver_id, std::string_view delivery_id,
                                      ProofKind kind, std::string_view declared_type,
                                      std::string_view body) {
  RF_TRY(d, courier_delivery(driver_id, delivery_id));
  RF_TRY(open, check_courier_window(*d, false));
  RF_TRY(clean, clean_upload(kind, declared_type, body));
  const auto name = kind_name(kind);
  repository::FileRow row{{sha256_hex(clean->bytes), std::string(media_type(clean->type)),
                           static_cast<std::int64_t>(clean->bytes.size()), d->driver_id, clock_()},
                          {}};
  row.file_key = std::string(name) + "-" + d->id + "-" + row.proof.sha256 + extension(clean->type);
  if (auto stored = store_.put(row.file_key, clean->bytes); !stored) {
    metrics_.store_failures.inc();
    log::error("proofs_store_put_failed", {{"detail", stored.error().detail}});
    return std::unexpected(stored.error());
  }
  auto replaced = db_.write([&](store::Transaction& tx) -> Result<std::optional<std::string>> {
    RF_TRY(before, repository::file(tx, d->id, name));
    RF_TRY(put, repository::put_file(tx, d->id, name, row));
    if (*before && (*before)->file_key != row.file_key) return (*before)->file_key;
    return std::optional<std::string>{};
  });
  // A file goes only once no row names it: the one replaced, after the new row committed. A
  // file whose row was not written stays (it may be the one a row already names).
  if (!replaced) return std::unexpected(replaced.error());
  if (*replaced) {
    if (auto removed = store_.remove(**replaced); !removed) {
      metrics_.store_failures.inc();
      log::warn("proofs_store_remove_failed", {{"detail", removed.error().detail}});
    }
  }
  (kind == ProofKind::photo ? metrics_.photos_stored : metrics_.signatures_stored).inc();
  metrics_.metadata_bytes_removed.inc(static_cast<double>(body.size() - clean->bytes.size()));
  return row.proof;
}

Result<ProofFile> Service::file(const http::Principal& caller, std::string_view delivery_id,
                                ProofKind kind) {
  RF_TRY(d, readable_delivery(caller, delivery_id));
  RF_TRY(row, db_.read([&](store::Transaction& tx) {
    return repository::file(tx, d->id, kind_name(kind));
  }));
  if (!*row)
    return fail(ErrorCode::not_found, "this delivery has no " + std::string(kind_name(kind)));
  RF_TRY(bytes, store_.get((*row)->file_key));
  return ProofFile{(*row)->proof, std::move(*bytes)};
}

}  // namespace reskflow::proofs
