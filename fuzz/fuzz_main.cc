// libFuzzer entry point for fuzz_request (see request_fuzz.h).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "request_fuzz.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  reskflow::fuzz::fuzz_one_request(
      std::string_view(reinterpret_cast<const char*>(data), size));  // NOLINT: byte view
  return 0;
}
