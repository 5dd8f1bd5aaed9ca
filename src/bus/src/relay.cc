// The relay: per-consumer positions over the outbox, delivery, backoff, dead letters, leases.
#include "reskflow/bus/relay.h"

#include <algorithm>
#include <atomic>
#include <boost/asio/post.hpp>
#include <boost/asio/thread_pool.hpp>
#include <exception>
#include <latch>

#include "reskflow/bus/outbox.h"
#include "reskflow/store/uuid.h"

namespace reskflow::bus {

Relay::Relay(store::Database& db, Transport& transport, RelayOptions options, UnixMicrosClock clock)
    : db_(db),
      transport_(transport),
      options_(std::move(options)),
      clock_(clock ? std::move(clock) : UnixMicrosClock(store::unix_now_us)),
      owner_(options_.owner.empty() ? store::new_uuid_v7() : options_.owner),
      helpers_(options_.consumer_threads > 1
                   ? std::make_unique<boost::asio::thread_pool>(options_.consumer_threads - 1)
                   : nullptr),
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

namespace {

void merge_into(PassResult& total, const PassResult& one) {
  total.delivered += one.delivered;
  total.parked += one.parked;
  total.more_ready = total.more_ready || one.more_ready;
  total.held_back = total.held_back || one.held_back;
  total.consumers_waiting += one.consumers_waiting;
  if (one.next_retry_at_us &&
      (!total.next_retry_at_us || *one.next_retry_at_us < *total.next_retry_at_us)) {
    total.next_retry_at_us = one.next_retry_at_us;
  }
}

}  // namespace

// Serves every consumer once, up to consumer_threads of them at a time: the pass's thread and
// the helpers take the next consumer not yet served until none is left.
Result<PassResult> Relay::run_pass() {
  const std::vector<Route> routes = transport_.routes();
  for (const Route& route : routes) consumers_.try_emplace(route.consumer);
  std::vector<PassResult> passes(routes.size());
  std::vector<Status> served(routes.size());
  std::atomic<std::size_t> next{0};
  const auto serve_the_rest = [&] {
    for (std::size_t i = next++; i < routes.size(); i = next++) {
      try {
        served[i] = serve_consumer(routes[i], passes[i]);
      } catch (const std::exception& thrown) {  // the pass must still end
        served[i] = fail(ErrorCode::internal, std::string("relay pass threw: ") + thrown.what());
      }
    }
  };
  const std::size_t helpers =
      helpers_ ? std::min(options_.consumer_threads, routes.size()) - (routes.empty() ? 0 : 1) : 0;
  std::latch helpers_done(static_cast<std::ptrdiff_t>(helpers));
  for (std::size_t i = 0; i < helpers; ++i) {
    boost::asio::post(*helpers_, [&] {
      serve_the_rest();
      helpers_done.count_down();
    });
  }
  serve_the_rest();
  helpers_done.wait();
  PassResult pass;
  for (std::size_t i = 0; i < routes.size(); ++i) {
    if (!served[i]) return std::unexpected(served[i].error());
    merge_into(pass, passes[i]);
  }
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
