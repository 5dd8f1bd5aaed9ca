// Problem reports: a customer's report on a delivered order of theirs, within the report window,
// one unresolved report per order and kind; the reads of customers and admins.
#include <algorithm>

#include "repository.h"
#include "reskflow/bus/outbox.h"
#include "reskflow/modules/payload.h"
#include "reskflow/modules/utc_time.h"
#include "reskflow/modules/uuid_text.h"
#include "reskflow/quality/events.h"
#include "reskflow/store/uuid.h"
#include "service.h"

namespace reskflow::quality {
namespace {

constexpr std::int64_t hour_us = 3'600'000'000;

Result<std::string> cursor_of(const PageRequest& page) {
  auto cursor = page.cursor.value_or("");
  if (!cursor.empty() && !modules::uuid_shaped(cursor))
    return fail(ErrorCode::validation_failed, "the cursor is not from this list",
                {{"cursor", "is not a cursor from this list"}});
  return cursor;
}

ReportPage page_of(std::vector<Report> reports, std::int64_t limit) {
  ReportPage out{std::move(reports), std::nullopt};
  if (out.reports.size() > static_cast<std::size_t>(limit)) {
    out.reports.resize(static_cast<std::size_t>(limit));
    out.next_cursor = out.reports.back().id;
  }
  return out;
}

Status check_lines(const NewReport& report) {
  const bool about_items = report.kind == kind_missing_items || report.kind == kind_wrong_items;
  if (about_items && report.lines.empty())
    return fail(ErrorCode::validation_failed, "say which items are missing or wrong",
                {{"lines", "must name at least one item for " + report.kind}});
  std::vector<std::string_view> seen;
  for (std::size_t i = 0; i < report.lines.size(); ++i) {
    const auto& id = report.lines[i].item_id;
    if (std::ranges::find(seen, id) != seen.end())
      return fail(ErrorCode::validation_failed, "an item is named twice",
                  {{"lines[" + std::to_string(i) + "].item_id", "is named twice"}});
    seen.push_back(id);
  }
  return {};
}

}  // namespace

std::string refund_reason(std::string_view report_id) {
  return "quality report " + std::string(report_id);
}

Service::Service(store::Database& database, payments::Payments& payments, QualitySettings settings,
                 QualityMetrics& metrics, modules::Clock clock)
    : db_(database),
      payments_(payments),
      settings_(settings),
      metrics_(metrics),
      clock_(clock ? std::move(clock) : modules::system_clock()) {}

Result<Report> Service::open_report(std::string_view customer_id, std::string_view order_id,
                                    const NewReport& in) {
  if (std::ranges::find(report_kinds, in.kind) == report_kinds.end())
    return fail(ErrorCode::validation_failed, "unknown kind of problem",
                {{"kind", "must be one of missing_items, wrong_items, late, damaged"}});
  RF_TRY(lines_ok, check_lines(in));
  const Report report{store::new_uuid_v7(),
                      std::string(order_id),
                      std::string(customer_id),
                      {},
                      in.kind,
                      std::string(status_open),
                      in.lines,
                      in.comment,
                      clock_(),
                      std::nullopt,
                      {}};
  auto opened = db_.write([&](store::Transaction& tx) -> Result<Report> {
    RF_TRY(found, repository::order(tx, order_id));
    // Not delivered, not known, or someone else's: the same 404.
    if (!*found || (*found)->order.customer_id != customer_id)
      return fail(ErrorCode::not_found, "no delivered order of yours with this id");
    const auto& order = (*found)->order;
    const auto window_us = settings_.report_window_hours * hour_us;
    if (order.delivered_at_us + window_us < report.created_at_us)
      return fail(ErrorCode::validation_failed,
                  "problems can be reported for " + std::to_string(settings_.report_window_hours) +
                      " hours after delivery; this order was delivered at " +
                      modules::iso_utc(order.delivered_at_us));
    RF_TRY(open, repository::unresolved_exists(tx, order_id, in.kind));
    if (*open)
      return fail(ErrorCode::conflict, "this order already has an open report of this kind");
    RF_TRY(count, repository::reports_count(tx, order_id));
    if (*count >= reports_per_order_max)
      return fail(ErrorCode::conflict, "this order has as many reports as it may have");
    auto out = report;
    out.merchant_id = order.merchant_id;
    out.currency = order.currency;
    RF_TRY(inserted, repository::insert_report(tx, out, order.currency));
    if (in.kind == kind_missing_items || in.kind == kind_wrong_items) {
      RF_TRY(first, repository::mark_inaccurate(tx, order_id, out.created_at_us));
      if (*first) {
        repository::Counters inaccurate;
        inaccurate.orders_inaccurate = 1;
        RF_TRY(added, repository::add_counters(tx, repository::subject_merchant, order.merchant_id,
                                               day_of(order.delivered_at_us), inaccurate));
      }
    }
    const events::ReportOpened event{out.id,          out.order_id, out.customer_id,
                                     out.merchant_id, out.kind,     out.created_at_us};
    RF_TRY(published, bus::publish(tx, {std::string(events::report_opened), out.id,
                                        modules::payload::to_payload(event)}));
    return out;
  });
  if (opened) metrics_.reports_opened.inc();
  return opened;
}

Result<std::vector<Report>> Service::order_reports(std::string_view caller_id, bool admin,
                                                   std::string_view order_id) {
  return db_.read([&](store::Transaction& tx) -> Result<std::vector<Report>> {
    RF_TRY(found, repository::order(tx, order_id));
    if (!*found || (!admin && (*found)->order.customer_id != caller_id))
      return fail(ErrorCode::not_found, "no delivered order of yours with this id");
    return repository::order_reports(tx, order_id);
  });
}

Result<ReportPage> Service::customer_reports(std::string_view customer_id,
                                             const PageRequest& page) {
  RF_TRY(before, cursor_of(page));
  RF_TRY(rows, db_.read([&](store::Transaction& tx) {
    return repository::customer_reports(tx, customer_id, *before, page.limit + 1);
  }));
  return page_of(std::move(*rows), page.limit);
}

Result<ReportPage> Service::admin_reports(bool resolved, const PageRequest& page) {
  RF_TRY(after, cursor_of(page));
  RF_TRY(rows, db_.read([&](store::Transaction& tx) {
    return repository::reports_by_status(tx, resolved, *after, page.limit + 1);
  }));
  return page_of(std::move(*rows), page.limit);
}

}  // namespace reskflow::quality
