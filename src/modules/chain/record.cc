// Delivery milestones as canonical bytes and their leaf hashes (docs/chain.md, "Records").
#include "reskflow/chain/record.h"

#include <algorithm>
#include <array>

namespace reskflow::chain {
namespace {

constexpr std::uint8_t record_version = 1;
constexpr std::size_t field_bytes_max = 65'535;

constexpr std::array<std::string_view, 6> names{"created",     "picked_up", "delivered",
                                                "proof_photo", "signature", "temperature"};

void put_u16(eth::Bytes& out, std::size_t n) {
  out.push_back(static_cast<std::uint8_t>(n >> 8U));
  out.push_back(static_cast<std::uint8_t>(n));
}

void put_i64(eth::Bytes& out, std::int64_t value) {
  const auto u = static_cast<std::uint64_t>(value);
  for (int shift = 56; shift >= 0; shift -= 8) out.push_back(static_cast<std::uint8_t>(u >> shift));
}

void put_field(eth::Bytes& out, std::span<const std::uint8_t> field) {
  const auto n = std::min(field.size(), field_bytes_max);
  put_u16(out, n);
  out.insert(out.end(), field.begin(), field.begin() + static_cast<std::ptrdiff_t>(n));
}

std::span<const std::uint8_t> bytes_of(std::string_view s) {
  return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}

}  // namespace

std::string_view milestone_name(Milestone milestone) {
  return names.at(static_cast<std::size_t>(milestone) - 1);
}

std::optional<Milestone> milestone_from_name(std::string_view name) {
  const auto* found = std::ranges::find(names, name);
  if (found == names.end()) return std::nullopt;
  return static_cast<Milestone>(found - names.begin() + 1);
}

eth::Bytes detail_of(const TemperatureDetail& t) {
  eth::Bytes out{static_cast<std::uint8_t>(t.compliant ? 1 : 0)};
  for (const auto n : {t.readings, t.out_of_range_s, t.excursions, t.min_mc, t.max_mc})
    put_i64(out, n);
  return out;
}

eth::Bytes detail_of(bool on_time, std::string_view driver_id) {
  eth::Bytes out{static_cast<std::uint8_t>(on_time ? 1 : 0)};
  const auto id = bytes_of(driver_id);
  out.insert(out.end(), id.begin(), id.end());
  return out;
}

eth::Bytes encode(const Record& record) {
  eth::Bytes out{record_version, static_cast<std::uint8_t>(record.milestone)};
  put_field(out, bytes_of(record.delivery_id));
  put_i64(out, record.at_us);
  put_field(out, record.detail);
  return out;
}

eth::Word leaf_of(const eth::Bytes& encoding) {
  const auto once = eth::keccak256(encoding);
  return eth::keccak256(once);
}

}  // namespace reskflow::chain
