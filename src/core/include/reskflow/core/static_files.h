// Static files (the built web portals, the API docs) with content types and caching headers.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "reskflow/core/http.h"
#include "reskflow/core/representation.h"

namespace reskflow::http {

class StaticFiles {
 public:
  // Serves files below `root` under the URL prefix `mount` ("/" or "/docs"); HTML responses
  // carry `html_security_policy` as their Content-Security-Policy when it is not empty.
  StaticFiles(std::string mount, std::filesystem::path root, std::string html_security_policy = {});
  StaticFiles(StaticFiles&&) noexcept;
  StaticFiles& operator=(StaticFiles&&) noexcept;
  ~StaticFiles();

  // A response for GET/HEAD of `path`, or nullopt when the path is not this mount's.
  // Hashed assets (under /assets/) are immutable for a year; other files revalidate by ETag.
  // Each file is read and gzipped once and kept in memory until it changes on disk.
  // An extension-less path that names no file falls back to the nearest index.html below the
  // root (single-page portals: /customer/orders/42 → /customer/index.html); never to the root's.
  std::optional<Response> serve(const Request& request) const;

  // The root's index.html with status 404, for browsers that asked for a page that is not
  // there (the page itself says so); nullopt when there is no index.html.
  std::optional<Response> not_found_page(const Request& request) const;

  static std::string_view content_type_for(std::string_view extension);

 private:
  class Cache;

  std::string mount_;
  std::filesystem::path root_;
  std::string html_security_policy_;
  std::unique_ptr<Cache> cache_;
};

}  // namespace reskflow::http
