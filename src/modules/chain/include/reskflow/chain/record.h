// The canonical encoding of a delivery milestone, the chain module's Merkle leaf: fixed,
// versioned and documented byte by byte in docs/chain.md, so anyone can rebuild a leaf.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "reskflow/chain/eth/bytes.h"

namespace reskflow::chain {

// The milestones recorded, with their stable code (the second byte of a record).
enum class Milestone : std::uint8_t {
  created = 1,      // detail: the order id
  picked_up = 2,    // detail: the courier's user id
  delivered = 3,    // detail: 1 byte, on time (1) or late (0), then the courier's user id
  proof_photo = 4,  // detail: the 32-byte SHA-256 of the stored photo
  signature = 5,    // detail: the 32-byte SHA-256 of the stored signature
  temperature = 6,  // detail: the compliance summary (TemperatureDetail)
};

std::string_view milestone_name(Milestone milestone);
std::optional<Milestone> milestone_from_name(std::string_view name);

// A cold-chain delivery's compliance summary as recorded: temperatures in milli-degrees Celsius.
struct TemperatureDetail {
  bool compliant = false;
  std::int64_t readings = 0;
  std::int64_t out_of_range_s = 0;
  std::int64_t excursions = 0;
  std::int64_t min_mc = 0;  // 0 without readings
  std::int64_t max_mc = 0;
};

struct Record {
  Milestone milestone = Milestone::created;
  std::string delivery_id;
  std::int64_t at_us = 0;  // when it happened, microseconds since the Unix epoch (UTC)
  eth::Bytes detail;
};

eth::Bytes detail_of(const TemperatureDetail& temperature);
eth::Bytes detail_of(bool on_time, std::string_view driver_id);

// 0x01 (version) | milestone | u16 length, delivery id | i64 at_us | u16 length, detail; all
// integers big-endian. Fields longer than 65,535 bytes are cut (ids are far shorter).
eth::Bytes encode(const Record& record);
// The record an encoding holds; nullopt for another version, an unknown milestone, a length past
// the end or bytes left over.
std::optional<Record> decode(std::span<const std::uint8_t> encoding);
// keccak256(keccak256(encoding)): hashed twice so a leaf can never pass for an inner node.
eth::Word leaf_of(const eth::Bytes& encoding);

}  // namespace reskflow::chain
