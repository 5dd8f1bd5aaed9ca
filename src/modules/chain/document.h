// The chain module's JSON: batches as admins list them, and a delivery's proof of record as
// GET /v1/deliveries/{id}/verification answers it (and `reskflow verify` reads it).
#pragma once

#include <boost/json.hpp>

#include "reskflow/chain/chain.h"

namespace reskflow::chain {

boost::json::object batch_json(const BatchView& batch);
boost::json::object proof_of_record_json(const ProofOfRecord& proof);

}  // namespace reskflow::chain
