// The orders events promotions consumes: a delivered order's redemptions are funded (a
// platform-funded discount paid to the merchant from promotions expense), a called-off order's
// given back, a refunded order's reversed (docs/promotions.md, "Money").
#include "repository.h"
#include "reskflow/bus/outbox.h"
#include "reskflow/core/log.h"
#include "reskflow/orders/events.h"
#include "service.h"

namespace reskflow::promotions {
namespace {

using ledger::AccountKind;

Result<ledger::TransactionRequest> funding(const Redemption& r) {
  const auto& amount = r.amount;
  RF_TRY(credit, modules::negate(amount));
  return ledger::TransactionRequest{
      "promotion:" + r.order_id + ":" + r.promotion_id + ":funding",
      "Platform-funded discount of " + modules::money_text(amount) + " on order " + r.order_id,
      {{{AccountKind::promotions_expense, ""}, amount},
       {{AccountKind::merchant_payable, r.merchant_id}, std::move(*credit)}}};
}

Result<ledger::TransactionRequest> reversal(const Redemption& r) {
  const auto& amount = r.amount;
  RF_TRY(credit, modules::negate(amount));
  return ledger::TransactionRequest{"promotion:" + r.order_id + ":" + r.promotion_id + ":reversal",
                                    "Platform-funded discount of " + modules::money_text(amount) +
                                        " taken back: order " + r.order_id + " was refunded",
                                    {{{AccountKind::merchant_payable, r.merchant_id}, amount},
                                     {{AccountKind::promotions_expense, ""}, std::move(*credit)}}};
}

}  // namespace

Status Service::rejected(const bus::Envelope& event) {
  metrics_.events_rejected.inc();
  log::error("promotions_event_rejected", {{"event_id", event.event_id}, {"type", event.type}});
  return {};
}

Status Service::on_order_delivered(const bus::Envelope& event) {
  const auto order = orders::events::read_order_changed(event.type, event.payload_json);
  if (!order) return rejected(event);
  std::int64_t funded = 0;
  auto done =
      bus::handle_once(db_, consumer_delivered, event, [&](store::Transaction& tx) -> Status {
        const auto now = clock_();
        RF_TRY(reserved, repository::redemptions_of(tx, order->order_id, redemption_reserved));
        for (const auto& r : *reserved) {
          RF_TRY(moved,
                 repository::move_redemption(tx, r, redemption_reserved, redemption_funded, now));
          if (*moved && r.funder == funder_name(Funder::platform)) {
            RF_TRY(transaction, funding(r));
            RF_TRY(posted, ledger_.post(tx, *transaction));
          }
          funded += *moved ? 1 : 0;
        }
        return {};
      });
  if (done) metrics_.funded.inc(static_cast<double>(funded));
  return done;
}

Status Service::on_order_called_off(const bus::Envelope& event) {
  const auto order = orders::events::read_order_changed(event.type, event.payload_json);
  if (!order) return rejected(event);
  std::int64_t released = 0;
  auto done =
      bus::handle_once(db_, consumer_called_off, event, [&](store::Transaction& tx) -> Status {
        const auto now = clock_();
        RF_TRY(reserved, repository::redemptions_of(tx, order->order_id, redemption_reserved));
        for (const auto& r : *reserved) {
          RF_TRY(moved,
                 repository::move_redemption(tx, r, redemption_reserved, redemption_released, now));
          if (!*moved) continue;
          RF_TRY(given, repository::give_back(tx, r, now));
          ++released;
        }
        return {};
      });
  if (done) metrics_.released.inc(static_cast<double>(released));
  return done;
}

Status Service::on_order_refunded(const bus::Envelope& event) {
  const auto order = orders::events::read_order_changed(event.type, event.payload_json);
  if (!order) return rejected(event);
  std::int64_t released = 0;
  auto done =
      bus::handle_once(db_, consumer_refunded, event, [&](store::Transaction& tx) -> Status {
        const auto now = clock_();
        for (const auto from : {redemption_reserved, redemption_funded}) {
          const auto to = from == redemption_funded ? redemption_reversed : redemption_released;
          RF_TRY(found, repository::redemptions_of(tx, order->order_id, from));
          for (const auto& r : *found) {
            RF_TRY(moved, repository::move_redemption(tx, r, from, to, now));
            if (!*moved) continue;
            if (from == redemption_funded && r.funder == funder_name(Funder::platform)) {
              RF_TRY(transaction, reversal(r));
              RF_TRY(posted, ledger_.post(tx, *transaction));
            }
            RF_TRY(given, repository::give_back(tx, r, now));
            ++released;
          }
        }
        return {};
      });
  if (done) metrics_.released.inc(static_cast<double>(released));
  return done;
}

}  // namespace reskflow::promotions
