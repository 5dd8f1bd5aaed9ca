// The edges of the order state machine and who may take them.
#include "lifecycle.h"

#include <algorithm>

#include "reskflow/orders/orders.h"

namespace reskflow::orders {
namespace {

struct Edge {
  std::string_view from;
  std::string_view to;
  std::vector<Actor> who;
};

const std::vector<Edge>& edges() {
  static const std::vector<Edge> table{
      {status_awaiting_payment, status_placed, {Actor::system}},
      {status_awaiting_payment, status_cancelled, {Actor::customer, Actor::admin, Actor::system}},
      {status_placed, status_accepted, {Actor::merchant, Actor::admin}},
      {status_placed, status_rejected, {Actor::merchant, Actor::admin, Actor::system}},
      {status_placed, status_cancelled, {Actor::customer, Actor::merchant, Actor::admin}},
      {status_accepted, status_preparing, {Actor::merchant, Actor::admin, Actor::courier}},
      {status_accepted, status_cancelled, {Actor::merchant, Actor::admin}},
      {status_preparing, status_ready, {Actor::merchant, Actor::admin, Actor::courier}},
      {status_preparing, status_cancelled, {Actor::merchant, Actor::admin}},
      {status_ready, status_picked_up, {Actor::merchant, Actor::admin, Actor::courier}},
      {status_ready, status_cancelled, {Actor::admin}},
      {status_picked_up, status_delivered, {Actor::merchant, Actor::admin, Actor::courier}},
      {status_picked_up, status_failed, {Actor::merchant, Actor::admin, Actor::courier}},
      {status_delivered, status_refunded, {Actor::admin}},
      {status_failed, status_refunded, {Actor::admin}},
  };
  return table;
}

}  // namespace

std::vector<std::string_view> allowed_next(std::string_view status, Actor actor) {
  std::vector<std::string_view> out;
  for (const auto& e : edges()) {
    if (e.from == status && std::ranges::find(e.who, actor) != e.who.end()) out.push_back(e.to);
  }
  return out;
}

Status check_transition(std::string_view status, std::string_view next, Actor actor) {
  const auto allowed = allowed_next(status, actor);
  if (std::ranges::find(allowed, next) != allowed.end()) return {};
  std::string list;
  for (const auto s : allowed) list += (list.empty() ? "" : ", ") + std::string(s);
  Error error{ErrorCode::invalid_transition,
              "an order that is " + std::string(status) + " cannot become " + std::string(next) +
                  (list.empty() ? " or change any more here" : "; it can become " + list),
              {},
              {}};
  error.members.push_back({"current_status", std::string(status)});
  error.members.push_back({"allowed", list});
  return std::unexpected(std::move(error));
}

bool terminal(std::string_view status) {
  return std::ranges::none_of(edges(), [status](const Edge& e) { return e.from == status; });
}

}  // namespace reskflow::orders
