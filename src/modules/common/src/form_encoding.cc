// Percent-encoding with Boost.URL's encoder and character sets.
#include "reskflow/modules/form_encoding.h"

#include <boost/url/encode.hpp>
#include <boost/url/grammar/lut_chars.hpp>
#include <boost/url/rfc/unreserved_chars.hpp>

namespace reskflow::modules {

std::string percent_encode(std::string_view text, std::string_view kept) {
  const auto allowed =
      boost::urls::unreserved_chars + boost::urls::grammar::lut_chars([kept](char c) {
        return kept.find(c) != std::string_view::npos;
      });
  return boost::urls::encode(text, allowed);
}

std::string form_encode(const std::vector<std::pair<std::string, std::string>>& fields,
                        std::string_view kept) {
  std::string out;
  for (const auto& [key, value] : fields) {
    if (!out.empty()) out.push_back('&');
    out += percent_encode(key, kept);
    out.push_back('=');
    out += percent_encode(value, kept);
  }
  return out;
}

}  // namespace reskflow::modules
