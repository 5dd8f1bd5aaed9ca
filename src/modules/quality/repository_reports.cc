// SQL for quality_orders, quality_reports, quality_report_lines and quality_refunds.
#include "repository.h"

namespace reskflow::quality::repository {
namespace {

constexpr std::string_view report_columns =
    "id, order_id, customer_id, merchant_id, kind, status, comment, created_at_us, decision, "
    "refund_minor, currency, resolution_reason, resolved_by, resolved_at_us";

Report report_of(const store::Row& r) {
  Report out{r.text(0), r.text(1), r.text(2),  r.text(3),    r.text(4), r.text(5),
             {},        r.text(6), r.int64(7), std::nullopt, r.text(10)};
  if (auto decision = r.optional_text(8)) {
    out.resolution = Resolution{std::move(*decision),
                                {r.int64(9), r.text(10)},
                                r.optional_text(11).value_or(""),
                                r.optional_text(12).value_or(""),
                                r.optional_int64(13).value_or(0)};
  }
  return out;
}

// Loads the lines of `reports` in one query.
Status attach_lines(store::Transaction& tx, std::vector<Report>& reports) {
  if (reports.empty()) return {};
  std::string in;
  store::Params params;
  for (std::size_t i = 0; i < reports.size(); ++i) {
    in += (i == 0 ? "$" : ", $") + std::to_string(i + 1);
    params.emplace_back(reports[i].id);
  }
  RF_TRY(rows, tx.query("SELECT report_id, item_id, quantity FROM quality_report_lines WHERE "
                        "report_id IN (" +
                            in + ") ORDER BY report_id, item_id",
                        params));
  for (const auto r : *rows) {
    for (auto& report : reports) {
      if (report.id == r.text_view(0)) report.lines.push_back({r.text(1), r.int64(2)});
    }
  }
  return {};
}

Result<std::vector<Report>> reports_where(store::Transaction& tx, const std::string& tail,
                                          const store::Params& params) {
  RF_TRY(rows, tx.query("SELECT " + std::string(report_columns) + " FROM quality_reports " + tail,
                        params));
  std::vector<Report> out;
  for (const auto r : *rows) out.push_back(report_of(r));
  RF_TRY(attached, attach_lines(tx, out));
  return out;
}

}  // namespace

Result<bool> insert_order(store::Transaction& tx, const DeliveredOrder& o, std::int64_t now_us) {
  RF_TRY(n, tx.exec(
                "INSERT INTO quality_orders (order_id, customer_id, merchant_id, currency, "
                "delivered_at_us, recorded_at_us) VALUES ($1, $2, $3, $4, $5, $6) "
                "ON CONFLICT (order_id) DO NOTHING",
                {o.order_id, o.customer_id, o.merchant_id, o.currency, o.delivered_at_us, now_us}));
  return *n == 1;
}

Result<std::optional<StoredOrder>> order(store::Transaction& tx, std::string_view order_id) {
  RF_TRY(rows, tx.query("SELECT order_id, customer_id, merchant_id, currency, delivered_at_us, "
                        "inaccurate_at_us FROM quality_orders WHERE order_id = $1",
                        {std::string(order_id)}));
  if (rows->empty()) return std::optional<StoredOrder>{};
  const auto r = rows->front();
  return std::optional<StoredOrder>{
      StoredOrder{{r.text(0), r.text(1), r.text(2), r.text(3), r.int64(4)}, r.optional_int64(5)}};
}

Result<bool> mark_inaccurate(store::Transaction& tx, std::string_view order_id,
                             std::int64_t now_us) {
  RF_TRY(n, tx.exec("UPDATE quality_orders SET inaccurate_at_us = $2 WHERE order_id = $1 AND "
                    "inaccurate_at_us IS NULL",
                    {std::string(order_id), now_us}));
  return *n == 1;
}

Result<std::int64_t> reports_count(store::Transaction& tx, std::string_view order_id) {
  RF_TRY(rows, tx.query("SELECT COUNT(*) FROM quality_reports WHERE order_id = $1",
                        {std::string(order_id)}));
  return rows->front().int64(0);
}

Result<bool> unresolved_exists(store::Transaction& tx, std::string_view order_id,
                               std::string_view kind) {
  RF_TRY(rows, tx.query("SELECT 1 FROM quality_reports WHERE order_id = $1 AND kind = $2 AND "
                        "status <> 'resolved'",
                        {std::string(order_id), std::string(kind)}));
  return !rows->empty();
}

Status insert_report(store::Transaction& tx, const Report& r, std::string_view currency) {
  RF_TRY(n, tx.exec("INSERT INTO quality_reports (id, order_id, customer_id, merchant_id, kind, "
                    "status, comment, created_at_us, currency) VALUES ($1, $2, $3, $4, $5, $6, "
                    "$7, $8, $9)",
                    {r.id, r.order_id, r.customer_id, r.merchant_id, r.kind, r.status, r.comment,
                     r.created_at_us, std::string(currency)}));
  for (const auto& line : r.lines) {
    RF_TRY(added, tx.exec("INSERT INTO quality_report_lines (report_id, item_id, quantity) "
                          "VALUES ($1, $2, $3)",
                          {r.id, line.item_id, line.quantity}));
  }
  return {};
}

Result<std::optional<Report>> report(store::Transaction& tx, std::string_view report_id) {
  RF_TRY(found, reports_where(tx, "WHERE id = $1", {std::string(report_id)}));
  if (found->empty()) return std::optional<Report>{};
  return std::optional<Report>{std::move(found->front())};
}

Result<std::vector<Report>> order_reports(store::Transaction& tx, std::string_view order_id) {
  return reports_where(tx, "WHERE order_id = $1 ORDER BY id", {std::string(order_id)});
}

Result<std::vector<Report>> customer_reports(store::Transaction& tx, std::string_view customer_id,
                                             std::string_view before_id, std::int64_t limit) {
  return reports_where(tx,
                       "WHERE customer_id = $1 AND ($2 = '' OR id < $2) ORDER BY id DESC LIMIT $3",
                       {std::string(customer_id), std::string(before_id), limit});
}

Result<std::vector<Report>> reports_by_status(store::Transaction& tx, bool resolved,
                                              std::string_view after_id, std::int64_t limit) {
  const std::string where = resolved ? "status = 'resolved'" : "status <> 'resolved'";
  return reports_where(tx, "WHERE " + where + " AND ($1 = '' OR id > $1) ORDER BY id LIMIT $2",
                       {std::string(after_id), limit});
}

Result<bool> set_refunding(store::Transaction& tx, std::string_view report_id,
                           const Resolution& s) {
  RF_TRY(n, tx.exec("UPDATE quality_reports SET status = 'refunding', decision = $2, "
                    "refund_minor = $3, resolution_reason = $4, resolved_by = $5 WHERE id = $1 "
                    "AND status = 'open'",
                    {std::string(report_id), s.decision, s.refund.amount_minor, s.reason,
                     s.resolved_by}));
  return *n == 1;
}

Status insert_refund(store::Transaction& tx, std::string_view report_id, std::string_view intent_id,
                     const modules::Money& amount) {
  RF_TRY(n, tx.exec("INSERT INTO quality_refunds (report_id, intent_id, amount_minor) VALUES "
                    "($1, $2, $3)",
                    {std::string(report_id), std::string(intent_id), amount.amount_minor}));
  return {};
}

Result<std::vector<std::pair<std::string, modules::Money>>> refunds(store::Transaction& tx,
                                                                    std::string_view report_id) {
  RF_TRY(rows, tx.query("SELECT f.intent_id, f.amount_minor, r.currency FROM quality_refunds f "
                        "JOIN quality_reports r ON r.id = f.report_id WHERE f.report_id = $1 "
                        "ORDER BY f.intent_id",
                        {std::string(report_id)}));
  std::vector<std::pair<std::string, modules::Money>> out;
  for (const auto r : *rows) out.emplace_back(r.text(0), modules::Money{r.int64(1), r.text(2)});
  return out;
}

Result<bool> set_resolved(store::Transaction& tx, std::string_view report_id, const Resolution& s) {
  RF_TRY(n, tx.exec("UPDATE quality_reports SET status = 'resolved', decision = $2, "
                    "refund_minor = $3, resolution_reason = $4, resolved_by = $5, "
                    "resolved_at_us = $6 WHERE id = $1 AND status <> 'resolved'",
                    {std::string(report_id), s.decision, s.refund.amount_minor, s.reason,
                     s.resolved_by, s.resolved_at_us}));
  return *n == 1;
}

}  // namespace reskflow::quality::repository
