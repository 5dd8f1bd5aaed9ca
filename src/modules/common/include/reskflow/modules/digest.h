// SHA-256 as lowercase hex: what modules store in place of a secret they must recognise again
// (invite tokens, device keys), and how they name a file or a request by its content.
#pragma once

#include <string>
#include <string_view>

namespace reskflow::modules {

// The 64 lowercase hex digits of the SHA-256 of `bytes`.
std::string sha256_hex(std::string_view bytes);

}  // namespace reskflow::modules
