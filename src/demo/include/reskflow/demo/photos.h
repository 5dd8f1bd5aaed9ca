// Placeholder photos of the demo city: one small SVG per cuisine (a coloured background, a
// plate and the cuisine's name), served from web/public/demo/photos/<cuisine>.svg and referenced
// as "/demo/photos/<cuisine>.svg". Nothing is ever hot-linked from another host.
#pragma once

#include <span>
#include <string>
#include <string_view>

namespace reskflow::demo {

inline constexpr std::size_t photo_bytes_max = 2048;

// Every cuisine with a photo, in a fixed order.
std::span<const std::string_view> photo_cuisines();

// The SVG document of one cuisine's placeholder (< photo_bytes_max bytes); empty for a cuisine
// without one.
std::string photo_svg(std::string_view cuisine);

// "/demo/photos/<cuisine>.svg"
std::string photo_url(std::string_view cuisine);

}  // namespace reskflow::demo
