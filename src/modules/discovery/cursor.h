// Opaque listing cursors: the last row's sort key and id, bound to the query's filters by a
// fingerprint, so a page boundary is stable under ties and a cursor is refused elsewhere.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace reskflow::discovery {

struct SortKey {
  std::vector<std::int64_t> keys;  // compared in order, each ascending
  std::string id;                  // the final tie-break

  auto operator<=>(const SortKey&) const = default;
};

// base64url of a small JSON document.
std::string encode_cursor(const SortKey& last, std::uint64_t fingerprint);
// nullopt when the text is not a cursor or belongs to another fingerprint.
std::optional<SortKey> decode_cursor(std::string_view cursor, std::uint64_t fingerprint);

// FNV-1a over a canonical text of the query.
std::uint64_t fingerprint_of(std::string_view canonical_query);

}  // namespace reskflow::discovery
