// The ranked candidates: counters read within bounds and their scores decayed to now, so the
// ranking never waits for a job and never scans orders.
#include <algorithm>
#include <map>

#include "repository.h"
#include "service.h"

namespace reskflow::recommendations {
namespace {

// Highest score first; then the most recently ordered; then by id, so answers are stable.
void rank(std::vector<Candidate>& candidates) {
  std::sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) {
    if (a.score != b.score) return a.score > b.score;
    if (a.last_ordered_at_us != b.last_ordered_at_us)
      return a.last_ordered_at_us > b.last_ordered_at_us;
    return std::tie(a.merchant_id, a.item_id) < std::tie(b.merchant_id, b.item_id);
  });
}

Candidate candidate_of(repository::Count c, bool is_item, std::int64_t now_us,
                       std::int64_t half_life_us) {
  Candidate out;
  if (is_item) out.item_id = std::move(c.subject_id);
  out.merchant_id = std::move(c.merchant_id);
  out.name = std::move(c.name);
  out.score = decayed_to(c.score, now_us, half_life_us);
  out.orders = c.orders;
  out.last_ordered_at_us = c.last_ordered_at_us;
  return out;
}

}  // namespace

Result<std::vector<Candidate>> Service::customer_candidates(std::string_view scope,
                                                            std::string_view customer_id) {
  const std::vector<std::string> owners{std::string(customer_id)};
  RF_TRY(rows, db_.read([&](store::Transaction& tx) {
    return repository::counts_of(tx, scope, owners, 0, candidates_max);
  }));
  const auto now = clock_();
  const auto half_life_us = settings_.order_again_half_life_days * day_us;
  std::vector<Candidate> out;
  for (auto& row : *rows)
    out.push_back(
        candidate_of(std::move(row), scope == repository::scope_customer_item, now, half_life_us));
  rank(out);
  return out;
}

Result<std::vector<Candidate>> Service::order_again_items(std::string_view customer_id) {
  return customer_candidates(repository::scope_customer_item, customer_id);
}

Result<std::vector<Candidate>> Service::order_again_merchants(std::string_view customer_id) {
  return customer_candidates(repository::scope_customer_merchant, customer_id);
}

// An item counted in several cells (a merchant that moved) adds up.
Result<std::vector<Candidate>> Service::popular_near(modules::geo::Point at) {
  const auto cells = cells_around(at);
  const auto now = clock_();
  const auto since = now - settings_.popular_window_days * day_us;
  RF_TRY(rows, db_.read([&](store::Transaction& tx) {
    return repository::counts_of(tx, repository::scope_cell_item, cells, since, candidates_max);
  }));
  const auto half_life_us = settings_.popular_half_life_days * day_us;
  std::map<std::string, Candidate, std::less<>> by_item;
  for (auto& row : *rows) {
    auto c = candidate_of(std::move(row), true, now, half_life_us);
    auto [it, inserted] = by_item.try_emplace(c.item_id, c);
    if (inserted) continue;
    it->second.score += c.score;
    it->second.orders += c.orders;
    it->second.last_ordered_at_us = std::max(it->second.last_ordered_at_us, c.last_ordered_at_us);
  }
  std::vector<Candidate> out;
  for (auto& [id, c] : by_item) out.push_back(std::move(c));
  rank(out);
  return out;
}

Result<std::vector<Candidate>> Service::ordered_with(std::string_view merchant_id,
                                                     std::string_view item_id) {
  RF_TRY(rows, db_.read([&](store::Transaction& tx) {
    return repository::pairs_of(tx, merchant_id, item_id, candidates_max);
  }));
  std::vector<Candidate> out;
  for (auto& p : *rows) {
    out.push_back({std::move(p.other_item_id), std::string(merchant_id), std::move(p.other_name),
                   p.orders, p.orders, p.last_ordered_at_us});
  }
  return out;
}

}  // namespace reskflow::recommendations
