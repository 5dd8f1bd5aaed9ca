// RESKFLOW_PROMOTIONS_AUTOMATIC_CANDIDATES_MAX (1..1000, default 50): automatic campaigns
// compared per basket; RESKFLOW_PROMOTIONS_CAMPAIGN_MERCHANTS_MAX (1..1000, default 100).
#include "settings.h"

#include "reskflow/modules/settings.h"

namespace reskflow::promotions {

Result<PromotionsSettings> load_settings(const std::map<std::string, std::string>& environment) {
  modules::Settings s("promotions", environment);
  PromotionsSettings out;
  out.automatic_candidates_max =
      s.integer("AUTOMATIC_CANDIDATES_MAX", out.automatic_candidates_max, 1, 1000);
  out.campaign_merchants_max =
      s.integer("CAMPAIGN_MERCHANTS_MAX", out.campaign_merchants_max, 1, 1000);
  if (auto ok = s.finish(); !ok) return std::unexpected(ok.error());
  return out;
}

}  // namespace reskflow::promotions
