// An admin's resolution of a report: without a refund, or with one split over the order's
// captured payment intents. The split is written before payments is asked and each refund
// carries the report in its reason, so a retry after any failure makes the same refunds once.
#include <algorithm>

#include "repository.h"
#include "reskflow/bus/outbox.h"
#include "reskflow/core/log.h"
#include "reskflow/modules/payload.h"
#include "reskflow/quality/events.h"
#include "service.h"

namespace reskflow::quality {
namespace {

using payments::IntentStatus;

bool same_decision(const Resolution& held, const Decision& asked) {
  if (held.decision != (asked.refund ? decision_refund : decision_no_refund)) return false;
  return !asked.refund || held.refund.amount_minor == asked.amount_minor;
}

std::unexpected<Error> decided_otherwise(const Resolution& held) {
  return fail(ErrorCode::conflict,
              "this report was decided already (" + held.decision +
                  (held.decision == decision_refund ? " of " + modules::money_text(held.refund)
                                                    : std::string()) +
                  "); a report is decided once");
}

struct PlannedRefund {
  std::string intent_id;
  modules::Money amount;
};

// Takes `amount` from the captured, not yet refunded part of the intents in its currency, by
// intent id.
Result<std::vector<PlannedRefund>> plan_refunds(std::vector<payments::Intent> intents,
                                                const modules::Money& amount) {
  std::ranges::sort(intents, {}, &payments::Intent::id);
  modules::Money left_total{0, amount.currency};
  std::vector<PlannedRefund> plan;
  for (const auto& i : intents) {
    if (i.status != IntentStatus::captured && i.status != IntentStatus::partially_refunded)
      continue;
    if (i.captured.currency != amount.currency) continue;
    RF_TRY(left, modules::subtract(i.captured, i.refunded));
    if (left->amount_minor <= 0) continue;
    RF_TRY(wanted, modules::subtract(amount, left_total));
    const auto take = std::min(left->amount_minor, wanted->amount_minor);
    if (take > 0) plan.push_back({i.id, {take, amount.currency}});
    RF_TRY(total, modules::add(left_total, *left));
    left_total = std::move(*total);
  }
  if (amount.amount_minor > left_total.amount_minor)
    return fail(ErrorCode::validation_failed,
                "the refund is more than what was paid and not yet refunded (" +
                    modules::money_text(left_total) + ")",
                {{"amount_minor", "must be at most " + std::to_string(left_total.amount_minor)}});
  return plan;
}

}  // namespace

Result<Report> Service::resolve(std::string_view report_id, std::string_view admin_id,
                                const Decision& decision) {
  if (decision.refund && decision.amount_minor <= 0)
    return fail(ErrorCode::validation_failed, "a refund is of a positive amount",
                {{"amount_minor", "must be at least 1"}});
  if (!decision.refund && decision.reason.empty())
    return fail(ErrorCode::validation_failed, "say why there is no refund",
                {{"reason", "is required when there is no refund"}});
  RF_TRY(found,
         db_.read([&](store::Transaction& tx) { return repository::report(tx, report_id); }));
  if (!*found) return fail(ErrorCode::not_found, "no such report");
  const auto& report = **found;
  if (report.resolution && !same_decision(*report.resolution, decision))
    return decided_otherwise(*report.resolution);
  if (report.status == status_resolved) return report;  // a retry
  if (report.status == status_refunding) return make_refunds(report);
  if (decision.refund) return decide_refund(report, admin_id, decision);
  return finish(report.id, admin_id, decision);
}

Result<Report> Service::decide_refund(const Report& report, std::string_view admin_id,
                                      const Decision& decision) {
  RF_TRY(intents, payments_.intents_of_order(report.order_id));
  const modules::Money amount{decision.amount_minor, report.currency};
  RF_TRY(plan, plan_refunds(std::move(*intents), amount));
  const Resolution resolution{std::string(decision_refund), amount, decision.reason,
                              std::string(admin_id), 0};
  RF_TRY(decided, db_.write([&](store::Transaction& tx) -> Result<Report> {
    RF_TRY(moved, repository::set_refunding(tx, report.id, resolution));
    if (!*moved) {
      // Another admin decided meanwhile: answer as for a retry of theirs.
      RF_TRY(now, repository::report(tx, report.id));
      if ((*now)->resolution && same_decision(*(*now)->resolution, decision)) return **now;
      return decided_otherwise(*(*now)->resolution);
    }
    for (const auto& r : *plan) {
      RF_TRY(planned, repository::insert_refund(tx, report.id, r.intent_id, r.amount));
    }
    auto out = report;
    out.status = std::string(status_refunding);
    out.resolution = resolution;
    return out;
  }));
  if (decided->status == status_resolved) return *decided;
  return make_refunds(*decided);
}

Result<Report> Service::make_refunds(const Report& report) {
  RF_TRY(plan,
         db_.read([&](store::Transaction& tx) { return repository::refunds(tx, report.id); }));
  const auto reason = refund_reason(report.id);
  for (const auto& [intent_id, amount] : *plan) {
    auto refunded = payments_.refund(intent_id, amount, reason);
    if (!refunded) {
      metrics_.refund_failures.inc();
      log::error("quality_refund_failed", {{"report_id", report.id},
                                           {"intent_id", intent_id},
                                           {"detail", refunded.error().detail}});
      return std::unexpected(refunded.error());
    }
  }
  const auto& r = *report.resolution;
  return finish(report.id, r.resolved_by, {true, r.refund.amount_minor, r.reason});
}

Result<Report> Service::finish(std::string_view report_id, std::string_view admin_id,
                               const Decision& decision) {
  bool resolved_now = false;
  auto done = db_.write([&](store::Transaction& tx) -> Result<Report> {
    RF_TRY(found, repository::report(tx, report_id));
    auto report = std::move(**found);
    if (report.status == status_resolved) {
      if (same_decision(*report.resolution, decision)) return report;
      return decided_otherwise(*report.resolution);
    }
    const Resolution resolution{std::string(decision.refund ? decision_refund : decision_no_refund),
                                {decision.refund ? decision.amount_minor : 0, report.currency},
                                decision.reason,
                                std::string(admin_id),
                                clock_()};
    RF_TRY(resolved, repository::set_resolved(tx, report.id, resolution));
    report.status = std::string(status_resolved);
    report.resolution = resolution;
    const events::ReportResolved event{
        report.id,          report.order_id,   report.customer_id,
        report.merchant_id, report.kind,       resolution.decision,
        resolution.refund,  resolution.reason, resolution.resolved_at_us};
    RF_TRY(published, bus::publish(tx, {std::string(events::report_resolved), report.id,
                                        modules::payload::to_payload(event)}));
    resolved_now = true;
    return report;
  });
  if (done && resolved_now)
    (decision.refund ? metrics_.reports_refunded : metrics_.reports_not_refunded).inc();
  return done;
}

}  // namespace reskflow::quality
