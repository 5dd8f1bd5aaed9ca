// Parsing of address and CIDR lists, and membership tests on IPv4 and IPv6 addresses.
#include "reskflow/core/networks.h"

#include "http/beast.h"

namespace reskflow::http {

Result<Networks> Networks::parse(const std::vector<std::string>& entries, std::string_view field) {
  Networks out;
  for (const auto& e : entries) {
    boost::system::error_code ec;
    const bool v6 = e.find(':') != std::string::npos;
    const auto with_prefix = e.find('/') == std::string::npos ? e + (v6 ? "/128" : "/32") : e;
    if (v6) {
      const auto n = asio::ip::make_network_v6(with_prefix, ec);
      if (!ec) out.v6_.push_back({n.network().to_bytes(), n.prefix_length()});
    } else {
      const auto n = asio::ip::make_network_v4(with_prefix, ec);
      if (!ec) out.v4_.push_back({n.network().to_uint(), n.netmask().to_uint()});
    }
    if (ec)
      return fail(ErrorCode::validation_failed, "bad " + std::string(field) + " entry: " + e,
                  {{std::string(field), "not an address or CIDR network: " + e}});
  }
  return out;
}

bool Networks::contains(std::string_view address) const {
  boost::system::error_code ec;
  const auto parsed = asio::ip::make_address(std::string(address), ec);
  if (ec) return false;
  if (parsed.is_v4()) return contains_v4(parsed.to_v4().to_uint());
  const auto v6 = parsed.to_v6();
  if (v6.is_v4_mapped())
    return contains_v4(asio::ip::make_address_v4(asio::ip::v4_mapped, v6).to_uint());
  return contains_v6(v6.to_bytes());
}

bool Networks::contains_v4(std::uint32_t address) const {
  for (const auto& n : v4_) {
    if ((address & n.mask) == n.network) return true;
  }
  return false;
}

bool Networks::contains_v6(const std::array<unsigned char, 16>& address) const {
  for (const auto& n : v6_) {
    unsigned bits = n.prefix_bits;
    bool match = true;
    for (std::size_t i = 0; i < address.size() && bits > 0 && match; ++i) {
      const unsigned take = bits >= 8 ? 8 : bits;
      const auto mask = static_cast<unsigned char>(0xFFu << (8 - take));
      match = (address[i] & mask) == (n.network[i] & mask);
      bits -= take;
    }
    if (match) return true;
  }
  return false;
}

}  // namespace reskflow::http
