// Representation: strong ETags over the body and a gzip variant made once.
#include "reskflow/core/representation.h"

#include <cstdint>

#include <fmt/format.h>

#include "http/gzip.h"

namespace reskflow::http {
namespace {

// Bodies below this size go out uncompressed: the gzip header would eat the saving.
constexpr std::size_t gzip_body_bytes_min = 1024;

// FNV-1a, 64 bits: a cache validator, not a security boundary.
std::uint64_t fingerprint(std::string_view data) {
  std::uint64_t hash = 14695981039346656037ULL;
  for (const char c : data) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 1099511628211ULL;
  }
  return hash;
}

}  // namespace

Representation::Representation(std::string body, std::string content_type,
                               std::string cache_control)
    : body_(std::make_shared<const std::string>(std::move(body))),
      content_type_(std::move(content_type)),
      cache_control_(std::move(cache_control)) {
  const auto tag = fmt::format("r-{:016x}-{:x}", fingerprint(*body_), body_->size());
  etag_ = "\"" + tag + "\"";
  gzip_etag_ = "\"" + tag + "-gz\"";
  if (body_->size() >= gzip_body_bytes_min && compressible(content_type_)) {
    if (auto compressed = gzip_compress(*body_); compressed && compressed->size() < body_->size())
      gzip_body_ = std::make_shared<const std::string>(std::move(*compressed));
  }
}

bool Representation::matches(std::string_view if_none_match) const {
  if (if_none_match.find('*') != std::string_view::npos) return true;
  // A list of entity tags; weak ones ("W/...") compare by their opaque part (RFC 9110 §13.1.2).
  return if_none_match.find(etag_) != std::string_view::npos ||
         if_none_match.find(gzip_etag_) != std::string_view::npos;
}

Response Representation::respond(const Request& request) const {
  Response r;
  r.content_type = content_type_;
  r.set_header("Cache-Control", cache_control_);
  r.set_header("Vary", "Accept-Encoding");
  const auto encoding = request.header("Accept-Encoding");
  const bool gzip = gzip_body_ && encoding && accepts_gzip(*encoding);
  r.set_header("ETag", gzip ? gzip_etag_ : etag_);
  if (auto validator = request.header("If-None-Match"); validator && matches(*validator)) {
    r.status = 304;
    return r;
  }
  r.status = 200;
  r.shared_body = gzip ? gzip_body_ : body_;
  if (gzip) r.set_header("Content-Encoding", "gzip");
  return r;
}

}  // namespace reskflow::http
