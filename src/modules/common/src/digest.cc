// SHA-256 through OpenSSL's EVP interface (digest.h).
#include "reskflow/modules/digest.h"

#include <openssl/evp.h>

#include <array>
#include <cstddef>

#include "reskflow/core/assert.h"

namespace reskflow::modules {

std::string sha256_hex(std::string_view bytes) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int size = 0;
  RF_PANIC(EVP_Digest(bytes.data(), bytes.size(), digest.data(), &size, EVP_sha256(), nullptr) == 1,
           "SHA-256 failed: the crypto library is broken");
  static constexpr std::string_view hex_digits = "0123456789abcdef";
  std::string out;
  out.reserve(std::size_t{size} * 2);
  for (unsigned int i = 0; i < size; ++i) {
    out.push_back(hex_digits[digest[i] >> 4]);
    out.push_back(hex_digits[digest[i] & 0xf]);
  }
  return out;
}

}  // namespace reskflow::modules
