// Delivery conversations follow their delivery: opened when a courier is assigned, handed to a
// new courier on reassignment, closed when the delivery ends; and erasure of a user's text.
#include "repository.h"
#include "reskflow/deliveries/delivery.h"
#include "reskflow/store/uuid.h"
#include "service.h"

namespace reskflow::chat {

std::string_view closing_reason(std::string_view delivery_status) {
  if (delivery_status == deliveries::status_delivered) return "the order was delivered";
  if (delivery_status == deliveries::status_failed) return "the delivery failed";
  if (delivery_status == deliveries::status_returned)
    return "the order was returned to the merchant";
  if (delivery_status == deliveries::status_cancelled) return "the order was cancelled";
  return {};
}

Result<Conversation> Service::open_delivery_conversation(store::Transaction& tx,
                                                         const DeliveryChange& change,
                                                         bool closed) {
  const auto now = clock_();
  Conversation c;
  c.id = store::new_uuid_v7();
  c.kind = kind_delivery;
  c.status = status_open;
  c.delivery_id = change.delivery_id;
  c.order_id = change.order_id;
  c.created_at_us = now;
  RF_TRY(inserted, repository::insert_conversation(tx, c));
  c.participants.push_back({change.customer_id, std::string(part_customer), 0});
  if (!change.driver_id.empty())
    c.participants.push_back({change.driver_id, std::string(part_courier), 0});
  for (const auto& p : c.participants) {
    RF_TRY(joined, repository::put_participant(tx, c.id, p, now));
  }
  if (!closed) metrics_.conversations_opened.inc();
  return c;
}

Result<std::optional<Conversation>> Service::apply_delivery_change(store::Transaction& tx,
                                                                   const DeliveryChange& change) {
  using Changed = std::optional<Conversation>;
  const auto reason = closing_reason(change.status);
  RF_TRY(found, repository::conversation_of_delivery(tx, change.delivery_id));
  if (!*found) {
    // A delivery that ended before chat heard of a courier still gets its (closed) record, so
    // that a late event cannot open a conversation about a finished delivery.
    if (change.status == deliveries::status_pending) return Changed{};
    RF_TRY(opened, open_delivery_conversation(tx, change, !reason.empty()));
    if (reason.empty()) return Changed{std::move(*opened)};
    RF_TRY(closed, close_in(tx, std::move(*opened), std::string(reason)));
    return Changed{};
  }
  auto c = std::move(**found);
  if (c.status == status_closed) return Changed{};
  if (!reason.empty()) {
    RF_TRY(closed, close_in(tx, std::move(c), std::string(reason)));
    metrics_.conversations_closed.inc();
    RF_TRY(people, repository::participants(tx, closed->id));
    closed->participants = std::move(*people);
    return Changed{std::move(*closed)};
  }
  RF_TRY(people, repository::participants(tx, c.id));
  std::string courier;
  for (const auto& p : *people)
    if (p.role == part_courier) courier = p.user_id;
  if (courier == change.driver_id) return Changed{};
  // Reassigned (or back to pending): the previous courier leaves, the new one joins.
  RF_TRY(removed, repository::remove_role(tx, c.id, part_courier));
  if (!change.driver_id.empty()) {
    RF_TRY(joined, repository::put_participant(
                       tx, c.id, {change.driver_id, std::string(part_courier), 0}, clock_()));
  }
  RF_TRY(now_in, repository::participants(tx, c.id));
  c.participants = std::move(*now_in);
  return Changed{std::move(c)};
}

Result<std::int64_t> Service::erase_user(store::Transaction& tx, std::string_view user_id) {
  return repository::erase_user(tx, user_id, clock_());
}

}  // namespace reskflow::chat
