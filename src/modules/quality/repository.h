// SQL for the quality module's own tables (quality_*); every function runs inside the caller's
// transaction.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "reskflow/store/database.h"
#include "service.h"

namespace reskflow::quality::repository {

// --- delivered orders and reports (repository_reports.cc)

struct StoredOrder {
  DeliveredOrder order;
  std::optional<std::int64_t> inaccurate_at_us;
};

// False when the order was already recorded (a second event for the same order).
Result<bool> insert_order(store::Transaction& tx, const DeliveredOrder& order, std::int64_t now_us);
Result<std::optional<StoredOrder>> order(store::Transaction& tx, std::string_view order_id);
// True when this call marked the order inaccurate (the first missing or wrong-items report).
Result<bool> mark_inaccurate(store::Transaction& tx, std::string_view order_id,
                             std::int64_t now_us);

Result<std::int64_t> reports_count(store::Transaction& tx, std::string_view order_id);
Result<bool> unresolved_exists(store::Transaction& tx, std::string_view order_id,
                               std::string_view kind);
// The report with its lines; `currency` is the order's.
Status insert_report(store::Transaction& tx, const Report& report, std::string_view currency);
Result<std::optional<Report>> report(store::Transaction& tx, std::string_view report_id);
Result<std::vector<Report>> order_reports(store::Transaction& tx, std::string_view order_id);
// Newest first, before `before_id` (all when empty).
Result<std::vector<Report>> customer_reports(store::Transaction& tx, std::string_view customer_id,
                                             std::string_view before_id, std::int64_t limit);
// Oldest first, after `after_id` (all when empty): resolved ones, or the others.
Result<std::vector<Report>> reports_by_status(store::Transaction& tx, bool resolved,
                                              std::string_view after_id, std::int64_t limit);

// open -> refunding with the decision; false when the report was no longer open.
Result<bool> set_refunding(store::Transaction& tx, std::string_view report_id,
                           const Resolution& resolution);
// `amount` is in the report's currency (the table keeps the minor units alone).
Status insert_refund(store::Transaction& tx, std::string_view report_id, std::string_view intent_id,
                     const modules::Money& amount);
// The planned refunds of a report: intent id and amount in the report's currency, by intent id.
Result<std::vector<std::pair<std::string, modules::Money>>> refunds(store::Transaction& tx,
                                                                    std::string_view report_id);
// open or refunding -> resolved; false when it was resolved already.
Result<bool> set_resolved(store::Transaction& tx, std::string_view report_id,
                          const Resolution& resolution);

// --- scores (repository_scores.cc)

inline constexpr std::string_view subject_merchant = "merchant";
inline constexpr std::string_view subject_driver = "driver";

// One day's counters of a subject, or their sum over a window.
struct Counters {
  std::int64_t orders_delivered = 0;
  std::int64_t orders_inaccurate = 0;
  std::int64_t deliveries = 0;
  std::int64_t deliveries_on_time = 0;
  std::int64_t offers = 0;
  std::int64_t offers_accepted = 0;
  std::int64_t ratings = 0;  // couriers' ratings by customers, and their sum
  std::int64_t rating_sum = 0;
};

// Adds `delta` to the subject's counters of `day` (days since 1970-01-01, UTC).
Status add_counters(store::Transaction& tx, std::string_view subject_kind,
                    std::string_view subject_id, std::int64_t day, const Counters& delta);
// The sum of the subject's counters from first_day on.
Result<Counters> counters(store::Transaction& tx, std::string_view subject_kind,
                          std::string_view subject_id, std::int64_t first_day);
// The sums of several subjects from first_day on; subjects without counters are left out.
Result<std::map<std::string, Counters, std::less<>>> counters_of_subjects(
    store::Transaction& tx, std::string_view subject_kind, std::span<const std::string> subject_ids,
    std::int64_t first_day);
// Subjects with counters from first_day on, after `after_id` by id, with their sums.
Result<std::vector<std::pair<std::string, Counters>>> counters_page(store::Transaction& tx,
                                                                    std::string_view subject_kind,
                                                                    std::int64_t first_day,
                                                                    std::string_view after_id,
                                                                    std::int64_t limit);

// False when this delivery or offer was counted already.
Result<bool> insert_delivery(store::Transaction& tx, std::string_view delivery_id,
                             std::string_view driver_id, std::string_view merchant_id, bool on_time,
                             std::int64_t at_us);
// False when this delivery's courier rating was counted already.
Result<bool> insert_courier_rating(store::Transaction& tx, std::string_view delivery_id,
                                   std::string_view driver_id, std::int64_t rating,
                                   std::int64_t at_us);
Result<bool> insert_offer(store::Transaction& tx, std::string_view offer_id,
                          std::string_view driver_id, std::string_view outcome, std::int64_t at_us);

struct Rating {
  std::int64_t average_centi = 0;
  std::int64_t count = 0;
};
// Keeps the rating when `version` is newer than the one held.
Status put_rating(store::Transaction& tx, std::string_view merchant_id, std::int64_t version,
                  const Rating& rating);
Result<std::optional<Rating>> rating(store::Transaction& tx, std::string_view merchant_id);

}  // namespace reskflow::quality::repository
