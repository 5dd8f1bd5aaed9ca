// Delivery milestones as canonical bytes and their leaf hashes (docs/chain.md, "Records").
#include "reskflow/chain/record.h"

#include <algorithm>
#include <array>
#include <iterator>

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
  const auto id = bytes_of(driver_id);
  eth::Bytes out(id.size() + 1);
  out.front() = static_cast<std::uint8_t>(on_time ? 1 : 0);
  std::ranges::copy(id, std::next(out.begin()));
  return out;
}

eth::Bytes encode(const Record& record) {
  eth::Bytes out{record_version, static_cast<std::uint8_t>(record.milestone)};
  put_field(out, bytes_of(record.delivery_id));
  put_i64(out, record.at_us);
  put_field(out, record.detail);
  return out;
}

namespace {

// Reads the encoding front to back; every read fails past the end.
class Reader {
 public:
  explicit Reader(std::span<const std::uint8_t> bytes) : bytes_(bytes) {}

  std::optional<std::uint8_t> byte() {
    if (bytes_.empty()) return std::nullopt;
    const auto b = bytes_.front();
    bytes_ = bytes_.subspan(1);
    return b;
  }

  std::optional<std::span<const std::uint8_t>> field() {
    if (bytes_.size() < 2) return std::nullopt;
    const std::size_t n = (std::size_t{bytes_[0]} << 8U) | bytes_[1];
    if (bytes_.size() < 2 + n) return std::nullopt;
    const auto out = bytes_.subspan(2, n);
    bytes_ = bytes_.subspan(2 + n);
    return out;
  }

  std::optional<std::int64_t> i64() {
    if (bytes_.size() < 8) return std::nullopt;
    std::uint64_t u = 0;
    for (std::size_t i = 0; i < 8; ++i) u = (u << 8U) | bytes_[i];
    bytes_ = bytes_.subspan(8);
    return static_cast<std::int64_t>(u);
  }

  bool done() const { return bytes_.empty(); }

 private:
  std::span<const std::uint8_t> bytes_;
};

}  // namespace

std::optional<Record> decode(std::span<const std::uint8_t> encoding) {
  Reader in(encoding);
  const auto version = in.byte();
  const auto code = in.byte();
  if (!version || *version != record_version || !code || *code < 1 || *code > names.size())
    return std::nullopt;
  const auto id = in.field();
  const auto at = in.i64();
  const auto detail = in.field();
  if (!id || !at || !detail || !in.done()) return std::nullopt;
  return Record{.milestone = static_cast<Milestone>(*code),
                .delivery_id = std::string(id->begin(), id->end()),
                .at_us = *at,
                .detail = eth::Bytes(detail->begin(), detail->end())};
}

eth::Word leaf_of(const eth::Bytes& encoding) {
  const auto once = eth::keccak256(encoding);
  return eth::keccak256(once);
}

}  // namespace reskflow::chain
