// gzip compression of response bodies (zlib), and the Accept-Encoding negotiation for it.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace reskflow::http {

// True when Accept-Encoding lists gzip (or *) with a non-zero q-value.
bool accepts_gzip(std::string_view accept_encoding);

// True for text-like content types worth compressing.
bool compressible(std::string_view content_type);

std::optional<std::string> gzip_compress(std::string_view data);

}  // namespace reskflow::http
