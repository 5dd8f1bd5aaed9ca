// Sets of IP networks named in settings (trusted proxies, the networks that may read metrics)
// and the test whether an address is in one.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "reskflow/core/errors.h"

namespace reskflow::http {

class Networks {
 public:
  // Addresses or CIDR networks ("10.0.0.0/8", "192.0.2.7", "::1", "fd00::/8"); a bad entry is
  // validation_failed with a field error on `field`.
  static Result<Networks> parse(const std::vector<std::string>& entries, std::string_view field);

  // A textual IPv4 or IPv6 address (IPv4-mapped IPv6 counts as IPv4); false when it is none.
  bool contains(std::string_view address) const;
  bool contains_v4(std::uint32_t address) const;
  bool contains_v6(const std::array<unsigned char, 16>& address) const;
  bool empty() const { return v4_.empty() && v6_.empty(); }

 private:
  struct V4 {
    std::uint32_t network = 0;
    std::uint32_t mask = 0;
  };
  struct V6 {
    std::array<unsigned char, 16> network{};
    unsigned prefix_bits = 0;
  };
  std::vector<V4> v4_;
  std::vector<V6> v6_;
};

}  // namespace reskflow::http
