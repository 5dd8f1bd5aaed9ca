// Slugs and folding for the catalog.
#include "text.h"

namespace reskflow::catalog {
namespace {

// Two-byte UTF-8 Latin-1 letters (U+00C0..U+00FF) folded to ASCII; '\0' where none fits.
constexpr char latin1_fold[] =
    "aaaaaaaceeeeiiii"     // U+00C0..U+00CF
    "dnooooo\0ouuuuy\0s"   // U+00D0..U+00DF
    "aaaaaaaceeeeiiii"     // U+00E0..U+00EF
    "dnooooo\0ouuuuy\0y";  // U+00F0..U+00FF

}  // namespace

std::string fold(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == 0xC3 && i + 1 < text.size()) {
      const auto next = static_cast<unsigned char>(text[i + 1]);
      const auto index = static_cast<std::size_t>(next) - 0x80;
      if (next >= 0x80 && next <= 0xBF && latin1_fold[index] != '\0') {
        out.push_back(latin1_fold[index]);
        if (next == 0x9F) out.push_back('s');                  // ß -> ss
        if (next == 0x86 || next == 0xA6) out.push_back('e');  // æ -> ae
        ++i;
        continue;
      }
    }
    out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : text[i]);
  }
  return out;
}

std::string slug_of(std::string_view name) {
  std::string out;
  bool gap = false;
  for (const char c : fold(name)) {
    if (c == '\'') continue;  // "luigi's" reads as one word
    const bool keep = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (!keep) {
      gap = !out.empty();
      continue;
    }
    if (gap && out.size() + 1 < slug_chars_max) out.push_back('-');
    gap = false;
    if (out.size() >= slug_chars_max) break;
    out.push_back(c);
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out.empty() ? "merchant" : out;
}

}  // namespace reskflow::catalog
