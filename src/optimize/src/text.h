// A minimal "{}" formatter for messages (g++ 12 has no <format>).
#pragma once

#include <sstream>
#include <string>
#include <string_view>

namespace reskflow::optimize {

template <typename... Args>
std::string format_text(std::string_view pattern, const Args&... args) {
  std::ostringstream out;
  std::size_t at = 0;
  const auto next = [&](const auto& value) {
    const std::size_t hole = pattern.find("{}", at);
    if (hole == std::string_view::npos) return;
    out << pattern.substr(at, hole - at) << value;
    at = hole + 2;
  };
  (next(args), ...);
  out << pattern.substr(at);
  return out.str();
}

}  // namespace reskflow::optimize
