// Type pattern matching, NATS-style ("order.*", "order.>", ">").
#include "reskflow/bus/event.h"

namespace reskflow::bus {
namespace {

// Splits off the next '.'-separated token of text.
std::string_view next_token(std::string_view& text) {
  const auto dot = text.find('.');
  const std::string_view token = text.substr(0, dot);
  text = dot == std::string_view::npos ? std::string_view{} : text.substr(dot + 1);
  return token;
}

}  // namespace

bool type_matches(std::string_view pattern, std::string_view type) noexcept {
  if (type.empty()) return false;
  for (;;) {
    const bool pattern_done = pattern.empty();
    const bool type_done = type.empty();
    if (pattern_done || type_done) return pattern_done && type_done;
    const std::string_view wanted = next_token(pattern);
    if (wanted == ">" && pattern.empty()) return true;
    const std::string_view token = next_token(type);
    if (token.empty()) return false;
    if (wanted != "*" && wanted != token) return false;
  }
}

}  // namespace reskflow::bus
