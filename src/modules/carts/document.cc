// Rendering carts, cart lists and invitations as JSON.
#include "document.h"

#include <boost/json.hpp>

#include "cart_limits.h"
#include "reskflow/modules/utc_time.h"

namespace reskflow::carts {
namespace {

boost::json::value optional_text(const std::string& text) {
  if (text.empty()) return nullptr;
  return boost::json::value(text);
}

boost::json::value point_document(const std::optional<modules::geo::Point>& point) {
  if (!point) return nullptr;
  return boost::json::object{{"lat", point->lat}, {"lng", point->lng}};
}

boost::json::object line_document(const PricedLine& l) {
  boost::json::array options;
  for (const auto& o : l.options) {
    options.push_back({{"id", o.id},
                       {"group_id", o.group_id},
                       {"name", o.name},
                       {"price_delta_minor", o.price_delta.amount_minor}});
  }
  boost::json::object out{{"id", l.id},
                          {"participant_id", l.participant_id},
                          {"item_id", l.item_id},
                          {"name", l.name},
                          {"quantity", l.quantity},
                          {"options", std::move(options)},
                          {"note", optional_text(l.note)},
                          {"unit_price_minor", l.unit_price.amount_minor},
                          {"total_minor", l.total.amount_minor},
                          {"available", l.available},
                          {"problem", optional_text(l.problem)},
                          {"previous_unit_price_minor", nullptr},
                          {"created_at", modules::iso_utc(l.created_at_us)}};
  if (l.previous_unit_price) out["previous_unit_price_minor"] = l.previous_unit_price->amount_minor;
  return out;
}

boost::json::object share_document(const Share& s) {
  return {{"user_id", s.user_id},
          {"display_name", s.display_name},
          {"host", s.host},
          {"line_ids", boost::json::value_from(s.line_ids)},
          {"item_count", s.item_count},
          {"subtotal_minor", s.subtotal.amount_minor},
          {"joined_at", modules::iso_utc(s.joined_at_us)}};
}

}  // namespace

boost::json::object cart_document(const PricedCart& c) {
  boost::json::array lines;
  for (const auto& l : c.lines) lines.push_back(line_document(l));
  boost::json::array participants;
  for (const auto& s : c.participants) participants.push_back(share_document(s));
  return {{"id", c.id},
          {"merchant_id", c.merchant_id},
          {"merchant_name", c.merchant_name},
          {"host_id", c.host_id},
          {"status", c.status},
          {"group", c.group},
          {"currency", c.currency},
          {"lines", std::move(lines)},
          {"participants", std::move(participants)},
          {"item_count", c.item_count},
          {"subtotal_minor", c.subtotal.amount_minor},
          {"minimum_order_minor", c.minimum_order.amount_minor},
          {"meets_minimum", c.meets_minimum},
          {"merchant_open", c.merchant_open},
          {"delivery_point", point_document(c.delivery_point)},
          {"delivers_to_point", c.delivers_to_point ? boost::json::value(*c.delivers_to_point)
                                                    : boost::json::value(nullptr)},
          {"delivery_problem", optional_text(c.delivery_problem)},
          {"participants_max", cart_participants_max},
          {"version", c.version},
          {"created_at", modules::iso_utc(c.created_at_us)},
          {"updated_at", modules::iso_utc(c.updated_at_us)}};
}

boost::json::object summary_document(const CartSummary& s) {
  return {{"id", s.cart.id},
          {"merchant_id", s.cart.merchant_id},
          {"status", s.cart.status},
          {"group", s.cart.group},
          {"role", s.host ? "host" : "participant"},
          {"line_count", s.line_count},
          {"item_count", s.item_count},
          {"version", s.cart.version},
          {"created_at", modules::iso_utc(s.cart.created_at_us)},
          {"updated_at", modules::iso_utc(s.cart.updated_at_us)}};
}

boost::json::object invite_document(const InvitePreview& p) {
  return {{"cart_id", p.cart_id},
          {"merchant_id", p.merchant_id},
          {"merchant_name", p.merchant_name},
          {"host_display_name", p.host_display_name},
          {"participant_count", p.participant_count},
          {"participants_max", cart_participants_max},
          {"status", p.status},
          {"joined", p.joined}};
}

}  // namespace reskflow::carts
