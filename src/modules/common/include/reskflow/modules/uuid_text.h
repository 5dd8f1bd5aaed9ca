// Whether a string from outside (a cursor, a path parameter) has the shape of the ids the store
// makes, checked before it reaches a query.
#pragma once

#include <string_view>

namespace reskflow::modules {

// 36 characters of lowercase hex with dashes at 8, 13, 18 and 23, as store::to_string(Uuid)
// writes them.
bool uuid_shaped(std::string_view text);

}  // namespace reskflow::modules
