// A merchant's kitchen: it looks at its queue every poll interval, accepts with a prep time drawn
// from the scenario's distribution (or rejects), marks orders preparing and then ready when the
// prep time has passed. A silent merchant never answers: the server rejects its orders. An
// existing store (merchants.existing) leaves each new order in its queue for
// answer_after_real_s first; what a person answers meanwhile is theirs to finish.
#include <cmath>

#include "reskflow/core/json_text.h"
#include "simulation.h"

namespace reskflow::simulate {
namespace {
constexpr std::size_t queue_page_orders = 50;
}

Task<void> Simulation::merchant_loop(std::size_t index) {
  auto& m = merchants_[index];
  if (m.silent) co_return;
  while (!stopping_) {
    co_await pause(scenario_.merchants.poll_interval_s * (0.5 + m.rng.uniform()));
    if (stopping_) break;
    co_await answer_new_orders(m);
    co_await work_kitchen(m);
  }
}

Task<void> Simulation::answer_new_orders(MerchantActor& m) {
  const auto queue = object_of(co_await call(
      m.owner, bhttp::verb::get,
      "/v1/merchants/" + m.id + "/orders?status=placed&limit=" + std::to_string(queue_page_orders),
      "GET /v1/merchants/{id}/orders"));
  // Refused (a 429 the pool's retries did not outlast): the next look tries again.
  const auto* listed = queue ? queue->if_contains("data") : nullptr;
  if (listed == nullptr || !listed->is_array()) co_return;
  const auto now = std::chrono::steady_clock::now();
  const auto wait = std::chrono::duration_cast<std::chrono::steady_clock::duration>(
      std::chrono::duration<double>(scenario_.merchants.existing.answer_after_real_s));
  std::unordered_map<std::string, SteadyTime> still_new;  // an existing store's, seen before
  for (const auto& summary : listed->as_array()) {
    const auto order_id = text_of(summary.as_object(), "id");
    const auto path = "/v1/orders/" + order_id;
    if (m.existing) {  // left in the queue a while for whoever watches the merchant portal
      const auto seen = m.first_seen.try_emplace(order_id, now).first->second;
      if (now - seen < wait) {
        still_new.emplace(order_id, seen);
        continue;
      }
    }
    if (m.rng.chance(scenario_.behaviour.merchant_reject)) {
      ask(order_id, "order:rejected");
      const auto r =
          co_await call(m.owner, bhttp::verb::post, path + "/reject", "POST /v1/orders/{id}/reject",
                        R"({"reason":"The kitchen is overloaded."})");
      if (r.status == 200) ++stats_.rejected_by_merchant;
      continue;
    }
    const auto prep_minutes =
        std::max<std::int64_t>(1, std::llround(m.rng.spread(scenario_.merchants.prep_minutes)));
    ask(order_id, "order:accepted");
    // Bodies are built before the co_await: g++ 12 cannot keep a braced list of string
    // literals alive across a suspension ("array used as initializer").
    // The server's estimate runs on its own clock: the prep time in its minutes.
    const auto body = json::serialize(boost::json::object{
        {"prep_time_minutes", server_minutes(static_cast<double>(prep_minutes))}});
    const auto r = co_await call(m.owner, bhttp::verb::post, path + "/accept",
                                 "POST /v1/orders/{id}/accept", body);
    if (r.status != 200) continue;
    ++stats_.accepted_by_merchant;
    m.kitchen.push_back({order_id, now_s() + static_cast<double>(prep_minutes) * 60, false});
  }
  // Orders answered, or gone from the queue (answered by a person, or timed out), are forgotten.
  m.first_seen = std::move(still_new);
}

// Preparing at once, ready when the prep time has passed. A courier who picked the order up
// first made it ready (409 then): the ticket is done either way.
Task<void> Simulation::work_kitchen(MerchantActor& m) {
  for (std::size_t i = 0; i < m.kitchen.size();) {
    const auto order_id = m.kitchen[i].order_id;
    if (!m.kitchen[i].preparing) {
      ask(order_id, "order:preparing");
      const auto r =
          co_await call(m.owner, bhttp::verb::post, "/v1/orders/" + order_id + "/preparing",
                        "POST /v1/orders/{id}/preparing");
      m.kitchen[i].preparing = true;
      if (r.status != 200) {
        m.kitchen.erase(m.kitchen.begin() + static_cast<std::ptrdiff_t>(i));
        continue;
      }
    }
    if (m.kitchen[i].ready_at_s > now_s()) {
      ++i;
      continue;
    }
    ask(order_id, "order:ready");
    co_await call(m.owner, bhttp::verb::post, "/v1/orders/" + order_id + "/ready",
                  "POST /v1/orders/{id}/ready");
    m.kitchen.erase(m.kitchen.begin() + static_cast<std::ptrdiff_t>(i));
  }
}

}  // namespace reskflow::simulate
