// The dispatch and anchoring sections of the system status (GET /v1/system/status, the admin's
// System page): the deliveries and chain modules' figures rendered for operators.
#pragma once

#include <cstdint>

#include <boost/json/value.hpp>

#include "reskflow/chain/chain.h"
#include "reskflow/deliveries/deliveries.h"

namespace reskflow::app {

// {waiting, oldest_waiting_since, oldest_wait_seconds, last_round: {at, seconds_ago, offers, ok,
// error} | null}, ages counted to `now_us`.
boost::json::value dispatch_status_json(const deliveries::DispatchBacklog& backlog,
                                        std::int64_t now_us);

// {sending, pending_records, oldest_pending_since, oldest_pending_seconds, batches_waiting,
// batches_failed, confirmations_required, last_batch, failing_batch, last_pass: {at, seconds_ago,
// ok, error} | null}.
boost::json::value anchoring_status_json(const chain::AnchoringState& state, std::int64_t now_us);

}  // namespace reskflow::app
