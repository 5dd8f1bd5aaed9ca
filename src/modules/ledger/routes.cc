// HTTP binding of the ledger: a merchant's balance with its entries, and the admin's payout
// batches (list, one batch, a run on demand, and the bank's answer for a batch).
#include <boost/json.hpp>

#include "accounts.h"
#include "module.h"
#include "reskflow/core/json_body.h"
#include "reskflow/identity/identity.h"
#include "reskflow/modules/page.h"
#include "reskflow/modules/routes.h"
#include "reskflow/modules/utc_time.h"

namespace reskflow::ledger {
namespace {

using http::Access;
using http::Method;
using modules::cursor_json;
using modules::error_response;
using modules::no_store;

http::Route route(Method method, std::string pattern, Access access, http::Handler handler) {
  return modules::worker_route("ledger", method, std::move(pattern), std::move(access),
                               std::move(handler));
}

boost::json::object entry_json(const Entry& e) {
  return {{"id", e.id},
          {"transaction_id", e.transaction_id},
          {"reference", e.reference},
          {"description", e.description},
          {"account", kind_name(e.account.kind)},
          {"amount", boost::json::value_from(e.amount)},
          {"created_at", modules::iso_utc(e.created_at_us)}};
}

boost::json::object statement_json(std::string_view merchant_id, const Statement& s) {
  boost::json::array balances;
  for (const auto& b : s.balances) {
    balances.push_back({{"currency", b.available.currency},
                        {"available", boost::json::value_from(b.available)},
                        {"in_transit", boost::json::value_from(b.in_transit)}});
  }
  boost::json::array entries;
  for (const auto& e : s.entries) entries.push_back(entry_json(e));
  return {{"merchant_id", merchant_id},
          {"balances", std::move(balances)},
          {"entries", std::move(entries)},
          {"has_more", s.next_cursor.has_value()},
          {"next_cursor", cursor_json(s.next_cursor)}};
}

boost::json::object batch_json(const PayoutBatch& b, bool with_payouts) {
  boost::json::object out{
      {"id", b.id},
      {"payouts_count", b.payouts_count},
      {"created_at", modules::iso_utc(b.created_at_us)},
      {"status", b.status},
      {"settled_at", b.settled_at_us ? boost::json::value(modules::iso_utc(*b.settled_at_us))
                                     : boost::json::value(nullptr)},
      {"failure_reason", b.failure_reason.empty() ? boost::json::value(nullptr)
                                                  : boost::json::value(b.failure_reason)}};
  if (!with_payouts) return out;
  boost::json::array payouts;
  for (const auto& p : b.payouts) {
    payouts.push_back({{"id", p.id},
                       {"merchant_id", p.merchant_id},
                       {"amount", boost::json::value_from(p.amount)},
                       {"transaction_id", p.transaction_id}});
  }
  out["payouts"] = std::move(payouts);
  return out;
}

http::Response get_balance(Service& service, identity::Directory& directory,
                           const http::Request& request) {
  const std::string merchant_id(request.param("merchant_id").value_or(""));
  if (auto ok = directory.require_merchant_staff(*request.principal, merchant_id,
                                                 identity::MerchantLevel::manager);
      !ok)
    return error_response(request, ok.error());
  auto page = modules::page_request(request);
  if (!page) return error_response(request, page.error());
  StatementQuery query{std::string(request.query_param("currency").value_or("")),
                       page->cursor.value_or(""), page->limit};
  if (!query.currency.empty() && !modules::valid_currency(query.currency))
    return error_response(request, {ErrorCode::validation_failed,
                                    "the currency is not an ISO 4217 code",
                                    {{"currency", "must be three capital letters"}}});
  auto statement = service.merchant_statement(merchant_id, query);
  if (!statement) return error_response(request, statement.error());
  return no_store(http::json(200, statement_json(merchant_id, *statement)));
}

http::Response list_batches(Service& service, const http::Request& request) {
  auto page = modules::page_request(request);
  if (!page) return error_response(request, page.error());
  auto found = service.payout_batches(page->cursor.value_or(""), page->limit);
  if (!found) return error_response(request, found.error());
  boost::json::array data;
  for (const auto& b : found->batches) data.push_back(batch_json(b, false));
  return no_store(http::json(200, {{"data", std::move(data)},
                                   {"has_more", found->next_cursor.has_value()},
                                   {"next_cursor", cursor_json(found->next_cursor)}}));
}

http::Response get_batch(Service& service, const http::Request& request) {
  auto batch = service.payout_batch(request.param("batch_id").value_or(""));
  if (!batch) return error_response(request, batch.error());
  return no_store(http::json(200, batch_json(*batch, true)));
}

// POST .../{batch_id}/settlement {"outcome": "paid"|"failed", "reason": "..."}: the bank's answer.
http::Response settle_batch(Service& service, const http::Request& request) {
  auto body = json::parse_object(request);
  if (!body) return error_response(request, body.error());
  json::ObjectReader in(*body);
  const auto outcome = in.string("outcome", {true, 1, 20}).value_or("");
  const auto reason = in.string("reason", {false, 1, 200}).value_or("");
  if (auto ok = in.finish(); !ok) return error_response(request, ok.error());
  auto batch = service.settle_batch(request.param("batch_id").value_or(""), outcome, reason);
  if (!batch) return error_response(request, batch.error());
  return no_store(http::json(200, batch_json(*batch, true)));
}

// Runs one payout batch now: 201 with it, or 204 when no merchant is owed the minimum.
http::Response post_batch(LedgerModuleImpl& module, const http::Request& request) {
  auto batch = module.service().pay_out(module.payout_rules());
  if (!batch) return error_response(request, batch.error());
  if (!*batch) return modules::no_content();
  auto response = http::json(201, batch_json(**batch, true));
  response.set_header("Location", "/v1/ledger/payout-batches/" + (*batch)->id);
  return no_store(std::move(response));
}

}  // namespace

Status add_ledger_routes(http::Router& router, LedgerModuleImpl& module,
                         identity::Directory& directory) {
  auto* service = &module.service();
  auto* owner = &module;
  auto* dir = &directory;
  const auto admins = Access::roles_in({std::string(identity::role_admin)});
  const auto staff = Access::roles_in(
      {std::string(identity::role_merchant), std::string(identity::role_admin)}, "merchant_staff");
  const std::string batches = "/v1/ledger/payout-batches";
  return router.add_all(
      {route(Method::get, "/v1/merchants/{merchant_id}/balance", staff,
             [service, dir](http::Request& r) { return get_balance(*service, *dir, r); }),
       route(Method::get, batches, admins,
             [service](http::Request& r) { return list_batches(*service, r); }),
       http::idempotent(route(Method::post, batches, admins,
                              [owner](http::Request& r) { return post_batch(*owner, r); })),
       route(Method::get, batches + "/{batch_id}", admins,
             [service](http::Request& r) { return get_batch(*service, r); }),
       http::idempotent(route(Method::post, batches + "/{batch_id}/settlement", admins,
                              [service](http::Request& r) { return settle_batch(*service, r); }))});
}

}  // namespace reskflow::ledger
