// The shape of a UUID's text (uuid_text.h).
#include "reskflow/modules/uuid_text.h"

#include <cstddef>

namespace reskflow::modules {

bool uuid_shaped(std::string_view text) {
  if (text.size() != 36) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash ? c != '-' : !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

}  // namespace reskflow::modules
