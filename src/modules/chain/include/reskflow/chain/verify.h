// Checks a delivery's proof of record against the registry contract on chain, trusting nothing
// of the answer but the record bytes (docs/chain.md, "Checking a record").
#pragma once

#include <boost/json/fwd.hpp>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "reskflow/chain/eth/rpc.h"
#include "reskflow/core/errors.h"

namespace reskflow::chain {

enum class CheckOutcome {
  verified,  // the record is in a root the contract stores, and the contract's verify agrees
  pending,   // not anchored yet: no batch, or its root is not on chain (yet)
  failed,    // the record, its leaf, its proof or its root do not hold together
};

struct MilestoneCheck {
  std::string milestone;  // as the record itself says
  std::string at;         // as the answer says (ISO 8601)
  CheckOutcome outcome = CheckOutcome::pending;
  std::string detail;  // why it waits or failed; empty when verified
  std::optional<std::uint64_t> batch_id;
};

struct Verification {
  std::string delivery_id;
  std::vector<MilestoneCheck> milestones;

  std::size_t count(CheckOutcome outcome) const;
};

// GETs {base_url}/v1/deliveries/{delivery_id}/verification with `token` as the bearer and
// returns the parsed body. unavailable when the server cannot be reached or answers no JSON; an
// error answer becomes its problem's detail (not_found, unauthenticated, forbidden or failed).
Result<boost::json::value> fetch_proof_of_record(std::string_view base_url,
                                                 std::string_view delivery_id,
                                                 std::string_view token,
                                                 std::chrono::milliseconds timeout);

// Checks each milestone of `proof_of_record` (the body of GET /v1/deliveries/{id}/verification)
// through `rpc`: the record must be about `delivery_id` and hash to its leaf, the proof must lead
// from that leaf to the root the contract stores for the batch, and the contract's own verify
// must agree. A malformed answer is validation_failed; an RPC on another chain than the answer
// names is a conflict; an unreachable RPC is unavailable.
Result<Verification> verify_proof_of_record(const boost::json::value& proof_of_record,
                                            std::string_view delivery_id, eth::RpcClient& rpc);

}  // namespace reskflow::chain
