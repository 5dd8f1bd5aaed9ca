// A hash map keyed by string that is looked up by std::string_view without building a string,
// for the per-message lookups of hot paths (a courier, a delivery, a topic by id).
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace reskflow {

struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view text) const noexcept {
    return std::hash<std::string_view>{}(text);
  }
};

template <typename Value>
using StringMap = std::unordered_map<std::string, Value, StringHash, std::equal_to<>>;

}  // namespace reskflow
