// Rendering of the dispatch and anchoring status sections (docs/web.md, System page).
#include "operations_status.h"

#include <algorithm>

#include <boost/json.hpp>

#include "reskflow/modules/utc_time.h"

namespace reskflow::app {
namespace {

namespace bj = boost::json;

bj::value time_json(const std::optional<std::int64_t>& at_us) {
  return at_us ? bj::value(modules::iso_utc(*at_us)) : bj::value(nullptr);
}

// Whole seconds from `at_us` to `now_us` (0 for an instant a clock step put in the future).
bj::value seconds_since(const std::optional<std::int64_t>& at_us, std::int64_t now_us) {
  if (!at_us) return nullptr;
  return std::max<std::int64_t>(0, (now_us - *at_us) / 1'000'000);
}

template <class T>
bj::value optional_json(const std::optional<T>& v) {
  return v ? bj::value(*v) : bj::value(nullptr);
}

bj::value batch_json(const std::optional<chain::BatchView>& batch) {
  if (!batch) return nullptr;
  const auto& b = *batch;
  return bj::object{{"id", b.id},
                    {"state", b.state},
                    {"record_count", b.record_count},
                    {"sealed_at", modules::iso_utc(b.sealed_at_us)},
                    {"tx_hash", optional_json(b.tx_hash)},
                    {"block_number", optional_json(b.block_number)},
                    {"confirmed_at", time_json(b.confirmed_at_us)},
                    {"attempts", b.attempts},
                    {"last_error", optional_json(b.last_error)}};
}

bj::value error_json(const std::string& error) {
  return error.empty() ? bj::value(nullptr) : bj::value(error);
}

}  // namespace

bj::value dispatch_status_json(const deliveries::DispatchBacklog& backlog, std::int64_t now_us) {
  bj::value round = nullptr;
  if (const auto& r = backlog.last_round) {
    round = bj::object{{"at", modules::iso_utc(r->at_us)},
                       {"seconds_ago", seconds_since(r->at_us, now_us)},
                       {"offers", r->offers},
                       {"ok", r->error.empty()},
                       {"error", error_json(r->error)}};
  }
  return bj::object{{"waiting", backlog.waiting},
                    {"oldest_waiting_since", time_json(backlog.oldest_created_at_us)},
                    {"oldest_wait_seconds", seconds_since(backlog.oldest_created_at_us, now_us)},
                    {"last_round", std::move(round)}};
}

bj::value anchoring_status_json(const chain::AnchoringState& state, std::int64_t now_us) {
  bj::value pass = nullptr;
  if (const auto& p = state.last_pass) {
    pass = bj::object{{"at", modules::iso_utc(p->at_us)},
                      {"seconds_ago", seconds_since(p->at_us, now_us)},
                      {"ok", p->error.empty()},
                      {"error", error_json(p->error)}};
  }
  return bj::object{{"sending", state.sending},
                    {"pending_records", state.pending_records},
                    {"oldest_pending_since", time_json(state.oldest_pending_at_us)},
                    {"oldest_pending_seconds", seconds_since(state.oldest_pending_at_us, now_us)},
                    {"batches_waiting", state.batches_waiting},
                    {"batches_failed", state.batches_failed},
                    {"confirmations_required", state.confirmations_required},
                    {"last_batch", batch_json(state.last_batch)},
                    {"failing_batch", batch_json(state.failing_batch)},
                    {"last_pass", std::move(pass)}};
}

}  // namespace reskflow::app
