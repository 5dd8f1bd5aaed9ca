// The quality module's public interface: customers' problem reports on delivered orders, their
// resolution by admins (with refunds through payments), and the quality scores of merchants and
// drivers that admins see and dispatch may use (docs/deliveries.md, "Quality control").
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "reskflow/core/errors.h"
#include "reskflow/identity/identity.h"
#include "reskflow/modules/module.h"
#include "reskflow/payments/payments.h"

namespace reskflow::quality {

// Events quality consumes (each through bus::handle_once, so a redelivery counts once):
//   orders.order.delivered          which orders were delivered, when, to whom: reports are
//                                   accepted on them, and merchants' accuracy counts them.
//   deliveries.delivery.delivered   on-time deliveries of drivers and merchants.
//   deliveries.offer.*              offers accepted, declined, expired: drivers' acceptance.
//   reviews.rating.updated          merchants' ratings, shown with their scores.
//   reviews.courier.rated           customers' ratings of couriers (once per delivery).

// A merchant's scores over the last `window_days` days (by delivery day). A rate is nullopt
// when there is nothing to divide by; rates are rounded to 3 decimals.
struct MerchantScore {
  std::string merchant_id;
  std::int64_t window_days = 0;
  std::int64_t delivered_orders = 0;
  // Delivered orders without a missing-items or wrong-items report.
  std::int64_t accurate_orders = 0;
  std::optional<double> accuracy;
  std::int64_t deliveries = 0;  // courier deliveries of its orders
  std::int64_t on_time_deliveries = 0;
  std::optional<double> on_time_rate;
  std::optional<double> rating;  // reviews' average (1..5), nullopt without reviews
  std::int64_t rating_count = 0;
};

// A driver's scores over the last `window_days` days (by event day).
struct DriverScore {
  std::string driver_id;
  std::int64_t window_days = 0;
  std::int64_t deliveries = 0;
  std::int64_t on_time_deliveries = 0;
  std::optional<double> on_time_rate;
  std::int64_t offers = 0;  // accepted, declined or expired
  std::int64_t accepted_offers = 0;
  std::optional<double> acceptance_rate;
  std::int64_t rating_count = 0;  // deliveries the customer rated
  std::optional<double> rating;   // their average (1..5, 2 decimals), nullopt without
};

// Thread-safe; blocking (call from the worker pool). A subject quality has heard nothing about
// gets zero counts and no rates, never not_found.
class Quality {
 public:
  virtual ~Quality() = default;
  virtual Result<DriverScore> driver_score(std::string_view driver_id) = 0;
  // Many drivers' scores in one read, in the order asked (dispatch asks for every available
  // courier each round).
  virtual Result<std::vector<DriverScore>> scores_of_drivers(
      std::span<const std::string> driver_ids) = 0;
  virtual Result<MerchantScore> merchant_score(std::string_view merchant_id) = 0;
};

class QualityModule : public modules::Module {
 public:
  virtual Quality& quality() = 0;
};

// The public interfaces quality needs.
struct Deps {
  payments::Payments& payments;    // the order's intents and the refunds of resolutions
  identity::Directory& directory;  // whether a merchant's user is its manager or owner
};

// Fails when a RESKFLOW_QUALITY_* setting is malformed or unknown.
Result<std::unique_ptr<QualityModule>> make_module(const modules::Platform& platform, Deps deps);

}  // namespace reskflow::quality
