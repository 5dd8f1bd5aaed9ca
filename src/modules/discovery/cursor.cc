// Cursor encoding: base64url (no padding) over {"f": fingerprint, "k": keys, "id": id}.
#include "cursor.h"

#include <boost/json.hpp>

#include "reskflow/core/json_text.h"

namespace reskflow::discovery {
namespace {

constexpr std::string_view base64url_alphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
constexpr std::size_t cursor_chars_max = 1000;

std::string base64url_encode(std::string_view bytes) {
  std::string out;
  std::uint32_t buffer = 0;
  int bits = 0;
  for (const char c : bytes) {
    buffer = (buffer << 8U) | static_cast<unsigned char>(c);
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out.push_back(base64url_alphabet[(buffer >> static_cast<unsigned>(bits)) & 0x3FU]);
    }
  }
  if (bits > 0)
    out.push_back(base64url_alphabet[(buffer << static_cast<unsigned>(6 - bits)) & 0x3FU]);
  return out;
}

std::optional<std::string> base64url_decode(std::string_view text) {
  std::string out;
  std::uint32_t buffer = 0;
  int bits = 0;
  for (const char c : text) {
    const auto index = base64url_alphabet.find(c);
    if (index == std::string_view::npos) return std::nullopt;
    buffer = (buffer << 6U) | static_cast<std::uint32_t>(index);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((buffer >> static_cast<unsigned>(bits)) & 0xFFU));
    }
  }
  return out;
}

}  // namespace

std::string encode_cursor(const SortKey& last, std::uint64_t fingerprint) {
  boost::json::array keys;
  for (const auto k : last.keys) keys.emplace_back(k);
  const boost::json::object doc{
      {"f", std::to_string(fingerprint)}, {"k", std::move(keys)}, {"id", last.id}};
  return base64url_encode(json::serialize(doc));
}

std::optional<SortKey> decode_cursor(std::string_view cursor, std::uint64_t fingerprint) {
  if (cursor.size() > cursor_chars_max) return std::nullopt;
  const auto json = base64url_decode(cursor);
  if (!json) return std::nullopt;
  boost::system::error_code ec;
  const auto doc = boost::json::parse(*json, ec);
  if (ec || !doc.is_object()) return std::nullopt;
  const auto* f = doc.as_object().if_contains("f");
  const auto* k = doc.as_object().if_contains("k");
  const auto* id = doc.as_object().if_contains("id");
  if (f == nullptr || !f->is_string() || f->as_string() != std::to_string(fingerprint) ||
      k == nullptr || !k->is_array() || id == nullptr || !id->is_string())
    return std::nullopt;
  SortKey key;
  key.id = std::string(id->as_string());
  for (const auto& v : k->as_array()) {
    if (!v.is_int64()) return std::nullopt;
    key.keys.push_back(v.as_int64());
  }
  return key;
}

std::uint64_t fingerprint_of(std::string_view canonical_query) {
  std::uint64_t hash = 14695981039346656037ULL;
  for (const char c : canonical_query) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 1099511628211ULL;
  }
  return hash;
}

}  // namespace reskflow::discovery
