// A rendered response body that a handler serves many times (a cached menu): its strong ETag and
// its gzip variant are computed once, so each hit is a copy, never a re-render or a re-compress.
#pragma once

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
  const std::string& body() const { return body_; }

 private:
  bool matches(std::string_view if_none_match) const;

  std::string body_;
  std::string gzip_body_;  // empty when the body is too small or does not compress
  std::string content_type_;
  std::string cache_control_;
  std::string etag_;       // "r-<hash>", quoted
  std::string gzip_etag_;  // "r-<hash>-gz", quoted
};

}  // namespace reskflow::http
