// RESKFLOW_ORDERS_* settings with their bounds and documented defaults.
#include "settings.h"

#include <charconv>

#include "reskflow/modules/settings.h"

namespace reskflow::orders {
namespace {

constexpr std::string_view bands_default = "2000:199,5000:299,8000:399,15000:599";

bool read_integer(std::string_view text, std::int64_t& out) {
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc{} && end == text.data() + text.size() && out >= 0;
}

Result<std::vector<DistanceBand>> parse_bands(std::string_view text) {
  std::vector<DistanceBand> out;
  const auto refused = [] {
    return fail(ErrorCode::validation_failed,
                "RESKFLOW_ORDERS_DELIVERY_BANDS must be metres:fee_minor pairs in ascending "
                "distance, separated by commas (2000:199,5000:299)");
  };
  while (!text.empty()) {
    const auto comma = text.find(',');
    const auto pair = text.substr(0, comma);
    text = comma == std::string_view::npos ? std::string_view{} : text.substr(comma + 1);
    const auto colon = pair.find(':');
    DistanceBand band;
    if (colon == std::string_view::npos ||
        !read_integer(pair.substr(0, colon), band.distance_m_max) ||
        !read_integer(pair.substr(colon + 1), band.fee_minor) || band.fee_minor > 100'000 ||
        (!out.empty() && band.distance_m_max <= out.back().distance_m_max))
      return refused();
    out.push_back(band);
  }
  if (out.empty() || out.size() > 20) return refused();
  return out;
}

void read_pricing(modules::Settings& s, PricingRules& p) {
  p.tax_rate_bp = s.integer("TAX_RATE_BP", p.tax_rate_bp, 0, 5000);
  p.tax_inclusive = s.integer("TAX_INCLUSIVE", p.tax_inclusive ? 1 : 0, 0, 1) == 1;
  p.demand_free_orders = s.integer("DEMAND_FREE_ORDERS", p.demand_free_orders, 0, 10'000);
  p.demand_step_permille = s.integer("DEMAND_STEP_PERMILLE", p.demand_step_permille, 0, 1000);
  p.demand_multiplier_max_permille =
      s.integer("DEMAND_MULTIPLIER_MAX_PERMILLE", p.demand_multiplier_max_permille, 1000, 5000);
  p.service_fee_bp = s.integer("SERVICE_FEE_BP", p.service_fee_bp, 0, 5000);
  p.service_fee_min_minor = s.integer("SERVICE_FEE_MIN_MINOR", p.service_fee_min_minor, 0, 100'000);
  p.service_fee_max_minor =
      s.integer("SERVICE_FEE_MAX_MINOR", p.service_fee_max_minor, p.service_fee_min_minor, 100'000);
  p.small_order_fee_minor = s.integer("SMALL_ORDER_FEE_MINOR", p.small_order_fee_minor, 0, 100'000);
}

}  // namespace

Result<OrdersSettings> load_settings(const std::map<std::string, std::string>& environment) {
  modules::Settings s("orders", environment);
  OrdersSettings out;
  read_pricing(s, out.pricing);
  auto bands = parse_bands(s.text("DELIVERY_BANDS", std::string(bands_default)));
  out.quote_ttl_s =
      std::chrono::seconds(s.integer("QUOTE_TTL_S", out.quote_ttl_s.count(), 10, 3600));
  out.tip_minor_max = s.integer("TIP_MINOR_MAX", out.tip_minor_max, 0, 1'000'000);
  out.accept_timeout_s =
      std::chrono::seconds(s.integer("ACCEPT_TIMEOUT_S", out.accept_timeout_s.count(), 10, 86'400));
  out.sweep_interval_s =
      std::chrono::seconds(s.integer("SWEEP_INTERVAL_S", out.sweep_interval_s.count(), 1, 3600));
  out.sweep_batch_orders_max =
      s.integer("SWEEP_BATCH_ORDERS_MAX", out.sweep_batch_orders_max, 1, 10'000);
  out.schedule_days_max = s.integer("SCHEDULE_DAYS_MAX", out.schedule_days_max, 0, 30);
  out.hold_release_retry_ms = std::chrono::milliseconds(
      s.integer("HOLD_RELEASE_RETRY_MS", out.hold_release_retry_ms.count(), 10, 3'600'000));
  out.hold_release_retry_max_ms = std::chrono::milliseconds(
      s.integer("HOLD_RELEASE_RETRY_MAX_MS", out.hold_release_retry_max_ms.count(),
                out.hold_release_retry_ms.count(), 86'400'000));
  out.hold_release_batch_max =
      s.integer("HOLD_RELEASE_BATCH_MAX", out.hold_release_batch_max, 1, 10'000);
  out.payment_due_s =
      std::chrono::seconds(s.integer("PAYMENT_DUE_S", out.payment_due_s.count(), 10, 86'400));
  out.payment_sweep_interval_ms = std::chrono::milliseconds(
      s.integer("PAYMENT_SWEEP_INTERVAL_MS", out.payment_sweep_interval_ms.count(), 10, 3'600'000));
  out.merchant_refund_days = s.integer("MERCHANT_REFUND_DAYS", out.merchant_refund_days, 0, 365);
  if (auto ok = s.finish(); !ok) return std::unexpected(ok.error());
  if (!bands) return std::unexpected(bands.error());
  out.pricing.bands = std::move(*bands);
  return out;
}

}  // namespace reskflow::orders
