// A file compiled into the binary (migrations): its name and its text, see cmake/embed.cmake.
#pragma once

#include <span>
#include <string_view>

namespace reskflow::store {

struct EmbeddedFile {
  std::string_view name;
  std::string_view text;
};

}  // namespace reskflow::store
