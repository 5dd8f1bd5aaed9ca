// The quality rules: who may report what on which delivered order and until when, how an admin
// resolves a report (with a refund through payments or without), and the scores kept from
// consumed events. No HTTP, no JSON, no SQL here.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "metrics.h"
#include "reskflow/bus/event.h"
#include "reskflow/modules/clock.h"
#include "reskflow/modules/money.h"
#include "reskflow/modules/page.h"
#include "reskflow/payments/payments.h"
#include "reskflow/quality/quality.h"
#include "reskflow/store/database.h"
#include "settings.h"

namespace reskflow::quality {

inline constexpr std::string_view kind_missing_items = "missing_items";
inline constexpr std::string_view kind_wrong_items = "wrong_items";
inline constexpr std::string_view kind_late = "late";
inline constexpr std::string_view kind_damaged = "damaged";
inline constexpr std::array<std::string_view, 4> report_kinds{kind_missing_items, kind_wrong_items,
                                                              kind_late, kind_damaged};
inline constexpr std::string_view status_open = "open";
inline constexpr std::string_view status_refunding = "refunding";
inline constexpr std::string_view status_resolved = "resolved";
inline constexpr std::string_view decision_refund = "refund";
inline constexpr std::string_view decision_no_refund = "no_refund";

inline constexpr std::size_t comment_chars_max = 2000;
inline constexpr std::size_t reason_chars_max = 500;
inline constexpr std::size_t report_lines_max = 50;
inline constexpr std::int64_t line_quantity_max = 99;
inline constexpr std::int64_t reports_per_order_max = 10;

// Durable consumer names (the relay keeps a position per name: never rename them).
inline constexpr std::string_view consumer_orders = "quality.orders";
inline constexpr std::string_view consumer_deliveries = "quality.deliveries";
inline constexpr std::string_view consumer_offers = "quality.offers";
inline constexpr std::string_view consumer_ratings = "quality.ratings";
inline constexpr std::string_view consumer_courier_ratings = "quality.courier_ratings";

inline constexpr std::int64_t day_us = 86'400'000'000;

// Days since 1970-01-01 (UTC) of a time: the score counters' bucket.
inline std::int64_t day_of(std::int64_t at_us) { return at_us / day_us; }

// What orders.order.delivered tells quality.
struct DeliveredOrder {
  std::string order_id;
  std::string customer_id;
  std::string merchant_id;
  std::string currency;
  std::int64_t delivered_at_us = 0;
};

// A line the customer says is missing or wrong: an item of the order and how many.
struct ReportedLine {
  std::string item_id;
  std::int64_t quantity = 0;
};

struct NewReport {
  std::string kind;
  std::vector<ReportedLine> lines;  // missing_items and wrong_items need at least one
  std::string comment;
};

struct Resolution {
  std::string decision;  // refund, no_refund
  modules::Money refund;
  std::string reason;
  std::string resolved_by;
  std::int64_t resolved_at_us = 0;  // 0 while refunding
};

struct Report {
  std::string id;
  std::string order_id;
  std::string customer_id;
  std::string merchant_id;
  std::string kind;
  std::string status;
  std::vector<ReportedLine> lines;
  std::string comment;
  std::int64_t created_at_us = 0;
  std::optional<Resolution> resolution;  // once decided
  std::string currency;                  // the order's
};

// An admin's decision: a refund of amount_minor (in the order's currency), or none with a reason.
struct Decision {
  bool refund = false;
  std::int64_t amount_minor = 0;
  std::string reason;  // required without a refund; a note with one
};

using modules::PageRequest;

struct ReportPage {
  std::vector<Report> reports;
  std::optional<std::string> next_cursor;
};

template <class Score>
struct ScorePage {
  std::vector<Score> scores;
  std::optional<std::string> next_cursor;
};

class Service final : public Quality {
 public:
  Service(store::Database& database, payments::Payments& payments, QualitySettings settings,
          QualityMetrics& metrics, modules::Clock clock = {});

  // not_found: not a delivered order of this customer; validation_failed: the window has passed
  // (no fields), or the report is malformed (fields); conflict: a report of this kind is still
  // unresolved, or the order has reports_per_order_max reports.
  Result<Report> open_report(std::string_view customer_id, std::string_view order_id,
                             const NewReport& report);
  // The order's reports, oldest first; not_found unless it is the customer's (admins: any).
  Result<std::vector<Report>> order_reports(std::string_view caller_id, bool admin,
                                            std::string_view order_id);
  // The customer's reports, newest first.
  Result<ReportPage> customer_reports(std::string_view customer_id, const PageRequest& page);
  // Reports oldest first: unresolved ones (open, refunding) or resolved ones.
  Result<ReportPage> admin_reports(bool resolved, const PageRequest& page);
  // Resolves the report (service_resolve.cc). Retrying the same decision answers the report as
  // it is; another decision on a resolved report is a conflict.
  Result<Report> resolve(std::string_view report_id, std::string_view admin_id,
                         const Decision& decision);

  // Quality
  Result<DriverScore> driver_score(std::string_view driver_id) override;
  Result<std::vector<DriverScore>> scores_of_drivers(
      std::span<const std::string> driver_ids) override;
  Result<MerchantScore> merchant_score(std::string_view merchant_id) override;
  // Subjects with events in the window, by id.
  Result<ScorePage<MerchantScore>> merchant_scores(const PageRequest& page);
  Result<ScorePage<DriverScore>> driver_scores(const PageRequest& page);

  // Event consumers (deduplicated by event id and by the order, delivery or offer they are
  // about; a malformed payload is logged, counted and dropped).
  Status on_order_delivered(const bus::Envelope& event);
  Status on_delivery_delivered(const bus::Envelope& event);
  Status on_offer_resolved(const bus::Envelope& event);
  Status on_rating_updated(const bus::Envelope& event);
  Status on_courier_rated(const bus::Envelope& event);

  const QualitySettings& settings() const { return settings_; }

 private:
  Status check_reportable(std::string_view customer_id, std::string_view order_id);
  Result<Report> decide_refund(const Report& report, std::string_view admin_id,
                               const Decision& decision);
  Result<Report> make_refunds(const Report& report);
  Result<Report> finish(std::string_view report_id, std::string_view admin_id,
                        const Decision& decision);
  Status rejected(const bus::Envelope& event);
  std::int64_t first_day() const;

  store::Database& db_;
  payments::Payments& payments_;
  QualitySettings settings_;
  QualityMetrics& metrics_;
  modules::Clock clock_;
};

// "quality report <id>": the reason payments records a report's refunds under, which makes a
// retried refund of the same report a no-op.
std::string refund_reason(std::string_view report_id);

}  // namespace reskflow::quality
