// Placeholder photos: a rounded tile in the cuisine's colour with a plate, a fork and a knife,
// and the cuisine's name. Small, self-contained SVG (no fonts or images fetched).
#include "reskflow/demo/photos.h"

#include <vector>

#include "content.h"

namespace reskflow::demo {
namespace {

std::vector<std::string_view> keys() {
  std::vector<std::string_view> out;
  for (const auto& c : cuisines()) out.push_back(c.key);
  return out;
}

}  // namespace

std::span<const std::string_view> photo_cuisines() {
  static const std::vector<std::string_view> all = keys();
  return all;
}

std::string photo_url(std::string_view cuisine) {
  return "/demo/photos/" + std::string(cuisine) + ".svg";
}

std::string photo_svg(std::string_view key) {
  const auto* c = cuisine(key);
  if (c == nullptr) return {};
  const std::string colour(c->colour);
  const std::string label(c->label);
  return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 400 300\" width=\"400\" "
         "height=\"300\" role=\"img\" aria-label=\"" +
         label +
         "\">\n"
         "<rect width=\"400\" height=\"300\" rx=\"24\" fill=\"" +
         colour +
         "\"/>\n"
         "<circle cx=\"200\" cy=\"128\" r=\"78\" fill=\"#fff\" fill-opacity=\"0.9\"/>\n"
         "<circle cx=\"200\" cy=\"128\" r=\"56\" fill=\"none\" stroke=\"" +
         colour +
         "\" stroke-opacity=\"0.5\" stroke-width=\"4\"/>\n"
         "<path d=\"M92 70v34a10 10 0 0 0 20 0V70M102 70v116\" fill=\"none\" stroke=\"#fff\" "
         "stroke-width=\"6\" stroke-linecap=\"round\"/>\n"
         "<path d=\"M300 186V70c14 10 18 34 0 52\" fill=\"none\" stroke=\"#fff\" "
         "stroke-width=\"6\" stroke-linecap=\"round\"/>\n"
         "<text x=\"200\" y=\"256\" text-anchor=\"middle\" font-family=\"sans-serif\" "
         "font-size=\"36\" font-weight=\"700\" fill=\"#fff\">" +
         label + "</text>\n</svg>\n";
}

}  // namespace reskflow::demo
