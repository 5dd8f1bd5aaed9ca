// A rendered response body that is served many times (a cached menu, a static file): its strong
// ETag and its gzip variant are computed once, and each hit shares the bytes with the socket
// write (Response::shared_body): no re-render, no re-compress, no copy.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "reskflow/core/http.h"

namespace reskflow::http {

class Representation {
 public:
  // `cache_control` is sent with every answer (e.g. "public, max-age=60").
  Representation(std::string body, std::string content_type, std::string cache_control);

  // 304 when If-None-Match names this representation (either encoding), otherwise 200 with the
  // gzip body when the client accepts it and compression pays, else the identity body.
  Response respond(const Request& request) const;

  const std::string& etag() const { return etag_; }
  const std::string& body() const { return *body_; }

 private:
  bool matches(std::string_view if_none_match) const;

  std::shared_ptr<const std::string> body_;
  std::shared_ptr<const std::string> gzip_body_;  // null when too small or it does not compress
  std::string content_type_;
  std::string cache_control_;
  std::string etag_;       // "r-<hash>", quoted
  std::string gzip_etag_;  // "r-<hash>-gz", quoted
};

}  // namespace reskflow::http
