// The relay: per-consumer positions over the outbox, delivery, backoff, dead letters, leases.
#include "reskflow/bus/relay.h"

#include <algorithm>

#include "reskflow/bus/outbox.h"
#include "reskflow/store/uuid.h"

namespace reskflow::bus {

Relay::Relay(store::Database& db, Transport& transport, RelayOptions options, UnixMicrosClock clock)
    : db_(db),
      transport_(transport),
      options_(std::move(options)),
      clock_(clock ? std::move(clock) : UnixMicrosClock(store::unix_now_us)),
      owner_(options_.owner.empty() ? store::new_uuid_v7() : options_.owner),
      commits_(db.on_commit(std::string(outbox_channel), [this] { wake(); })) {}

Relay::~Relay() {
  stop();
  commits_ = store::CommitSubscription();
}

void Relay::start() {
  const std::lock_guard lock(mutex_);
  if (thread_.joinable()) return;
  stopping_ = false;
  thread_ = std::thread(&Relay::run_thread, this);
}

void Relay::stop() {
  {
    const std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wakeup_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void Relay::wake() {
  {
    const std::lock_guard lock(mutex_);
    woken_ = true;
  }
  wakeup_.notify_one();
}

void Relay::run_thread() {
  for (;;) {
    const auto pass = run_once();
    if (!pass && options_.on_error) options_.on_error(pass.error());
    prune_if_due();
    std::unique_lock lock(mutex_);
    if (stopping_) return;
    if (pass && pass->more_ready) continue;
    auto wait = options_.poll_interval_ms;
    if (pass && pass->held_back) wait = std::min(wait, options_.held_back_repoll_ms);
    if (pass && pass->next_retry_at_us) {
      const auto until_retry = std::chrono::duration_cast<std::chrono::milliseconds>(
          std::chrono::microseconds(*pass->next_retry_at_us - clock_()));
      wait = std::max(std::min(until_retry, wait), std::chrono::milliseconds{1});
    }
    wakeup_.wait_for(lock, wait, [this] { return woken_ || stopping_; });
    woken_ = false;
  }
}

Result<PassResult> Relay::run_once() {
  const std::lock_guard lock(pass_mutex_);
  return run_pass();
}

Result<PassResult> Relay::run_pass() {
  PassResult pass;
  std::optional<Error> first_error;
  for (const Route& route : transport_.routes()) {
    if (auto served = serve_consumer(route, pass); !served && !first_error) {
      first_error = served.error();
    }
  }
  if (first_error) return std::unexpected(*first_error);
  return pass;
}

Result<PassResult> Relay::drain(std::chrono::steady_clock::time_point deadline) {
  PassResult total;
  for (;;) {
    auto pass = run_once();
    if (!pass) return std::unexpected(pass.error());
    total.delivered += pass->delivered;
    total.parked += pass->parked;
    total.consumers_waiting = pass->consumers_waiting;
    total.next_retry_at_us = pass->next_retry_at_us;
    const bool progressed = pass->more_ready || pass->delivered > 0 || pass->parked > 0;
    if (!progressed && !pass->held_back) return total;
    if (std::chrono::steady_clock::now() >= deadline) {
      return fail(ErrorCode::timeout, "outbox drain deadline passed with events pending");
    }
    if (!progressed) {  // committed events wait for an older transaction to end
      std::unique_lock lock(mutex_);
      wakeup_.wait_until(lock, std::min(deadline, std::chrono::steady_clock::now() +
                                                      options_.held_back_repoll_ms));
    }
  }
}

}  // namespace reskflow::bus
