// Availability of candidates through catalog's public interface (shelf.h).
#include "shelf.h"

#include <algorithm>
#include <utility>

namespace reskflow::recommendations {
namespace {

// price_line refuses a line without options when the item has a required group: the item is
// still orderable then (the customer chooses them). Any other refusal (sold out, outside its
// hours, no stock left) means it is not.
bool only_options_missing(const Error& error) {
  return error.code == ErrorCode::validation_failed && !error.fields.empty() &&
         std::all_of(error.fields.begin(), error.fields.end(),
                     [](const FieldError& f) { return f.field == "option_ids"; });
}

}  // namespace

Result<const catalog::MerchantSummary*> Shelf::open_merchant(const std::string& merchant_id) {
  auto found = merchants_.find(merchant_id);
  if (found == merchants_.end()) {
    std::optional<catalog::MerchantSummary> summary;
    auto merchant = catalog_.merchant(merchant_id);
    if (merchant) {
      const bool takes_orders =
          merchant->active && !merchant->paused && merchant->open_now &&
          (!deliver_to_ || modules::geo::covers(merchant->delivery_zone, *deliver_to_));
      if (takes_orders) summary = std::move(*merchant);
    } else if (merchant.error().code != ErrorCode::not_found) {
      return std::unexpected(merchant.error());
    }
    found = merchants_.emplace(merchant_id, std::move(summary)).first;
  }
  return found->second ? &*found->second : nullptr;
}

Result<std::optional<Recommendation>> Shelf::offer(const Candidate& candidate) {
  RF_TRY(merchant, open_merchant(candidate.merchant_id));
  if (*merchant == nullptr) return std::optional<Recommendation>{};
  Recommendation out{candidate, candidate.name, (*merchant)->name, (*merchant)->slug, {}};
  if (candidate.item_id.empty()) {
    out.name = (*merchant)->name;
    return std::optional<Recommendation>{std::move(out)};
  }
  auto line = catalog_.price_line(candidate.merchant_id, {candidate.item_id, 1, {}}, now_us_);
  if (line) {
    out.name = line->name;
    out.price = line->unit_price;
  } else if (!only_options_missing(line.error())) {
    const auto code = line.error().code;
    if (code != ErrorCode::not_found && code != ErrorCode::validation_failed)
      return std::unexpected(line.error());
    return std::optional<Recommendation>{};
  }
  return std::optional<Recommendation>{std::move(out)};
}

Result<std::vector<Recommendation>> Shelf::available(const std::vector<Candidate>& candidates,
                                                     std::int64_t limit) {
  std::vector<Recommendation> out;
  for (const auto& candidate : candidates) {
    if (std::cmp_greater_equal(out.size(), limit)) break;
    RF_TRY(offered, offer(candidate));
    if (*offered) {
      out.push_back(std::move(**offered));
    } else {
      metrics_.candidates_unavailable.inc();
    }
  }
  return out;
}

}  // namespace reskflow::recommendations
