// zlib-based gzip and the small parsing of Accept-Encoding it needs.
#include "http/gzip.h"

#include <zlib.h>

#include "http/request_conversion.h"
#include "reskflow/core/http.h"

namespace reskflow::http {
namespace {}  // namespace

bool accepts_gzip(std::string_view header) {
  while (!header.empty()) {
    const auto comma = header.find(',');
    auto item = trim_ows(header.substr(0, comma));
    header = comma == std::string_view::npos ? std::string_view{} : header.substr(comma + 1);
    const auto semi = item.find(';');
    const auto coding = trim_ows(item.substr(0, semi));
    if (!iequals(coding, "gzip") && coding != "*") continue;
    if (semi == std::string_view::npos) return true;
    auto param = trim_ows(item.substr(semi + 1));
    if (param.starts_with("q=")) {
      param.remove_prefix(2);
      return !(param == "0" || param == "0.0" || param == "0.00" || param == "0.000");
    }
    return true;
  }
  return false;
}

bool compressible(std::string_view ct) {
  return ct.starts_with("application/json") || ct.starts_with("application/problem+json") ||
         ct.starts_with("text/") || ct.starts_with("image/svg+xml") ||
         ct.starts_with("application/manifest+json") || ct.starts_with("application/yaml");
}

std::optional<std::string> gzip_compress(std::string_view data) {
  z_stream zs{};
  constexpr int gzip_window_bits = 15 + 16;
  if (deflateInit2(&zs, Z_DEFAULT_COMPRESSION, Z_DEFLATED, gzip_window_bits, 8,
                   Z_DEFAULT_STRATEGY) != Z_OK)
    return std::nullopt;
  std::string out;
  out.resize(deflateBound(&zs, static_cast<uLong>(data.size())));
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  const int rc = deflate(&zs, Z_FINISH);
  deflateEnd(&zs);
  if (rc != Z_STREAM_END) return std::nullopt;
  out.resize(zs.total_out);
  return out;
}

}  // namespace reskflow::http
