// What can be ordered now: candidates checked against catalog (the merchant active, not paused,
// open, delivering to the customer's point when one is given; the item on its menu and
// orderable), each merchant read once per answer.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "reskflow/catalog/catalog.h"
#include "service.h"

namespace reskflow::recommendations {

// A candidate that can be ordered now, with the catalog's current name and price.
struct Recommendation {
  Candidate candidate;
  std::string name;  // the merchant's name for a merchant
  std::string merchant_name;
  std::string merchant_slug;
  // The price without options; none when the item needs options chosen (its price depends on
  // them).
  std::optional<modules::Money> price;
};

class Shelf {
 public:
  // deliver_to: only merchants whose delivery zone covers it.
  Shelf(catalog::Catalog& catalog, RecommendationsMetrics& metrics, std::int64_t now_us,
        std::optional<modules::geo::Point> deliver_to = std::nullopt)
      : catalog_(catalog), metrics_(metrics), now_us_(now_us), deliver_to_(deliver_to) {}

  // The first `limit` candidates (in their order) that can be ordered now.
  Result<std::vector<Recommendation>> available(const std::vector<Candidate>& candidates,
                                                std::int64_t limit);

 private:
  // The merchant's summary when it takes orders now; nullptr otherwise.
  Result<const catalog::MerchantSummary*> open_merchant(const std::string& merchant_id);
  Result<std::optional<Recommendation>> offer(const Candidate& candidate);

  catalog::Catalog& catalog_;
  RecommendationsMetrics& metrics_;
  std::int64_t now_us_;
  std::optional<modules::geo::Point> deliver_to_;
  std::map<std::string, std::optional<catalog::MerchantSummary>, std::less<>> merchants_;
};

}  // namespace reskflow::recommendations
