// Shared helpers of the integration tests (api.h).
#include "api.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <chrono>

namespace reskflow::testing {

boost::json::object json_of(const HttpResult& r) {
  auto v = boost::json::parse(r.body.empty() ? "{}" : r.body);
  return v.is_object() ? v.as_object() : boost::json::object{{"array", v}};
}

std::string str(const boost::json::object& o, std::string_view key) {
  return std::string(o.at(key).as_string());
}

std::string str(const boost::json::value& v, std::string_view key) {
  return str(v.as_object(), key);
}

std::string base32_decode(std::string_view text) {
  std::string out;
  std::uint32_t buffer = 0;
  int bits = 0;
  for (const char c : text) {
    const auto v = c >= 'A' && c <= 'Z' ? c - 'A' : c - '2' + 26;
    buffer = (buffer << 5) | static_cast<std::uint32_t>(v);
    bits += 5;
    if (bits >= 8) {
      out.push_back(static_cast<char>((buffer >> (bits - 8)) & 0xFF));
      bits -= 8;
    }
  }
  return out;
}

std::string totp(std::string_view secret, std::int64_t step) {
  unsigned char counter[8];
  for (int i = 7; i >= 0; --i) {
    counter[i] = static_cast<unsigned char>(step & 0xFF);
    step >>= 8;
  }
  unsigned char mac[20];
  unsigned int length = 0;
  HMAC(EVP_sha1(), secret.data(), static_cast<int>(secret.size()), counter, 8, mac, &length);
  const int offset = mac[19] & 0x0F;
  const std::uint32_t binary = (static_cast<std::uint32_t>(mac[offset] & 0x7F) << 24) |
                               (static_cast<std::uint32_t>(mac[offset + 1]) << 16) |
                               (static_cast<std::uint32_t>(mac[offset + 2]) << 8) | mac[offset + 3];
  auto code = std::to_string(binary % 1'000'000);
  return std::string(6 - code.size(), '0') + code;
}

std::int64_t totp_step_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
             .count() /
         30;
}

boost::json::object luigis_profile() {
  boost::json::array weekly;
  for (const auto* day : {"mon", "tue", "wed", "thu", "fri", "sat", "sun"})
    weekly.push_back({{"day", day}, {"open", "00:00"}, {"close", "24:00"}});
  return {{"name", "Luigi's"},
          {"address",
           {{"line1", "12 rue de Rivoli"},
            {"city", "Paris"},
            {"postal_code", "75004"},
            {"country", "FR"}}},
          {"location", {{"lat", 48.8559}, {"lng", 2.3589}}},
          {"time_zone", "Europe/Paris"},
          {"currency", "EUR"},
          {"cuisines", {"pizza"}},
          {"price_level", 2},
          {"minimum_order_minor", 1000},
          {"delivery_zone", {{"type", "radius"}, {"radius_m", 3000}}},
          {"opening_hours", {{"weekly", std::move(weekly)}, {"exceptions", boost::json::array{}}}}};
}

}  // namespace reskflow::testing
