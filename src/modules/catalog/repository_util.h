// Helpers the repository files share: optional parameters, the JSON text columns and LIKE
// patterns.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include "reskflow/core/errors.h"
#include "reskflow/core/json_text.h"
#include "reskflow/store/database.h"

namespace reskflow::catalog::repository {

inline store::Value optional_value(const std::optional<std::string>& v) {
  if (!v) return store::null_value;
  return *v;
}

inline store::Value optional_value(const std::optional<std::int64_t>& v) {
  if (!v) return store::null_value;
  return *v;
}

inline std::string json_text(const boost::json::value& v) { return json::serialize(v); }

// A JSON column as written by this module; null when it does not parse.
inline boost::json::value parse_stored(std::string_view text) {
  boost::system::error_code ec;
  auto v = boost::json::parse(text, ec);
  return ec ? boost::json::value(nullptr) : v;
}

inline std::string stored_text(const boost::json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  return v != nullptr && v->is_string() ? std::string(v->as_string()) : std::string();
}

inline std::vector<std::string> stored_strings(std::string_view text) {
  std::vector<std::string> out;
  const auto doc = parse_stored(text);
  if (!doc.is_array()) return out;
  for (const auto& v : doc.as_array()) {
    if (v.is_string()) out.emplace_back(v.as_string());
  }
  return out;
}

// Escapes LIKE's wildcards for `ESCAPE '!'`.
inline std::string like_escape(std::string_view text) {
  std::string out;
  for (const char c : text) {
    if (c == '%' || c == '_' || c == '!') out.push_back('!');
    out.push_back(c);
  }
  return out;
}

// "%text%" with the text's wildcards escaped: a substring match.
inline std::string like_pattern(std::string_view text) {
  std::string out = "%";
  out.append(like_escape(text));
  out.push_back('%');
  return out;
}

}  // namespace reskflow::catalog::repository
