// Reading checkout bodies and rendering orders, pages and quotes as JSON.
#include "document.h"

#include <boost/json.hpp>

#include "reskflow/core/json_body.h"
#include "reskflow/modules/utc_time.h"

namespace reskflow::orders {
namespace {

constexpr std::size_t id_chars_max = 64;

boost::json::value optional_text(const std::string& text) {
  if (text.empty()) return nullptr;
  return boost::json::value(text);
}

boost::json::value optional_time(const std::optional<std::int64_t>& at_us) {
  if (!at_us) return nullptr;
  return boost::json::value(modules::iso_utc(*at_us));
}

// Finishes a nested reader (its unknown fields become errors too) into its parent's errors;
// the nested reader's prefix is its key in the parent.
void close_into(json::ObjectReader& parent, json::ObjectReader& nested) {
  auto ok = nested.finish();
  if (ok) return;
  for (auto& f : ok.error().fields) parent.add_error(f.field, std::move(f.message));
}

Delivery read_delivery(json::ObjectReader& in) {
  Delivery out;
  const auto* delivery = in.object("delivery");
  if (delivery == nullptr) return out;
  json::ObjectReader d(*delivery, "delivery");
  out.address = d.string("address", {true, 1, 300}).value_or("");
  if (const auto* point = d.object("point")) {
    json::ObjectReader p(*point, "point");
    out.point.lat = p.number("lat", {true, -90, 90}).value_or(0);
    out.point.lng = p.number("lng", {true, -180, 180}).value_or(0);
    close_into(d, p);
  }
  out.instructions = d.string("instructions", {false, 0, 500, true}).value_or("");
  out.leave_at_door = d.boolean("leave_at_door", false).value_or(false);
  close_into(in, d);
  return out;
}

boost::json::object line_document(const OrderLine& l) {
  boost::json::array options;
  for (const auto& o : l.options) options.emplace_back(o);
  boost::json::array option_ids;
  for (const auto& id : l.option_ids) option_ids.emplace_back(id);
  return {{"item_id", l.item_id},
          {"name", l.name},
          {"quantity", l.quantity},
          {"options", std::move(options)},
          {"option_ids", std::move(option_ids)},
          {"note", optional_text(l.note)},
          {"unit_price_minor", l.unit_price.amount_minor},
          {"total_minor", l.total.amount_minor}};
}

boost::json::object payment_document(const Order& o) {
  boost::json::array shares;
  for (const auto& s : o.shares) {
    shares.push_back({{"user_id", s.user_id},
                      {"display_name", optional_text(s.display_name)},
                      {"amount_minor", s.amount.amount_minor},
                      {"status", s.status},
                      {"intent_id", optional_text(s.intent_id)},
                      {"challenge_url", optional_text(s.challenge_url)},
                      {"decline_reason", optional_text(s.decline_reason)}});
  }
  return {{"mode", o.payment_mode},
          {"due_at", optional_time(o.payment_due_us)},
          {"shares", std::move(shares)}};
}

boost::json::object summary_document(const Order& o) {
  return {{"id", o.id},
          {"customer_id", o.customer_id},
          {"merchant_id", o.merchant_id},
          {"merchant_name", o.merchant_name},
          {"status", o.status},
          {"total_minor", o.price.total.amount_minor},
          {"currency", o.price.total.currency},
          {"scheduled_for", optional_time(o.scheduled_for_us)},
          {"version", o.version},
          {"created_at", modules::iso_utc(o.created_at_us)},
          {"updated_at", modules::iso_utc(o.updated_at_us)}};
}

}  // namespace

Result<CheckoutRequest> read_checkout(const boost::json::object& body, bool placing) {
  json::ObjectReader in(body);
  CheckoutRequest out;
  out.cart_id = in.string("cart_id", {true, 1, id_chars_max}).value_or("");
  out.delivery = read_delivery(in);
  out.tip_minor = in.integer("tip_minor", {false, 0, 1'000'000}).value_or(0);
  out.promotion_code = in.string("promotion_code", {false, 1, 32}).value_or("");
  if (auto at = in.string("scheduled_for", {false, 1, 40})) {
    out.scheduled_for_us = modules::parse_iso_utc(*at);
    if (!out.scheduled_for_us)
      in.add_error("scheduled_for", "must be an ISO 8601 UTC time (2026-12-24T18:30:00Z)");
  }
  if (placing) {
    out.quote_id = in.string("quote_id", {false, 1, id_chars_max}).value_or("");
    out.split = in.boolean("split", false).value_or(false);
  }
  // A split order's participants each pay later; the host's card, if given, pays their share.
  out.payment_method = in.string("payment_method", {placing && !out.split, 1, 255}).value_or("");
  if (auto ok = in.finish(); !ok) return std::unexpected(ok.error());
  return out;
}

namespace {

constexpr std::size_t changes_max = 50;
constexpr std::size_t option_ids_max = 20;

LineChange read_change(json::ObjectReader& c) {
  LineChange out;
  out.line = c.integer("line", {false, 0, 1'000});
  out.quantity = c.integer("quantity", {true, 0, 99}).value_or(0);
  if (out.line) return out;
  out.item_id = c.string("item_id", {true, 1, id_chars_max}).value_or("");
  if (const auto* ids = c.array("option_ids", option_ids_max, false)) {
    for (const auto& id : *ids) {
      if (!id.is_string() || id.as_string().empty() || id.as_string().size() > id_chars_max) {
        c.add_error("option_ids", "must list option ids (strings of 1 to 64 characters)");
        break;
      }
      out.option_ids.emplace_back(id.as_string());
    }
  }
  out.note = c.string("note", {false, 0, 200, true}).value_or("");
  return out;
}

}  // namespace

Result<ModificationRequest> read_modification(const boost::json::object& body) {
  json::ObjectReader in(body);
  ModificationRequest out;
  if (const auto* changes = in.array("changes", changes_max)) {
    for (std::size_t i = 0; i < changes->size(); ++i) {
      const auto prefix = "changes[" + std::to_string(i) + "]";
      if (!(*changes)[i].is_object()) {
        in.add_error(prefix, "must be an object");
        continue;
      }
      json::ObjectReader c((*changes)[i].as_object(), prefix);
      out.changes.push_back(read_change(c));
      close_into(in, c);
    }
  }
  if (auto ok = in.finish(); !ok) return std::unexpected(ok.error());
  return out;
}

boost::json::object price_document(const PriceBreakdown& price) {
  boost::json::array steps;
  for (const auto& s : price.steps) {
    steps.push_back({{"kind", s.kind},
                     {"label", s.label},
                     {"amount_minor", s.amount.amount_minor},
                     {"added", s.added}});
  }
  return {{"steps", std::move(steps)},
          {"total_minor", price.total.amount_minor},
          {"currency", price.total.currency}};
}

boost::json::object order_document(const Order& o, bool audit) {
  auto out = summary_document(o);
  boost::json::array lines;
  for (const auto& l : o.lines) lines.push_back(line_document(l));
  boost::json::array timeline;
  for (const auto& t : o.timeline) {
    boost::json::object entry{{"status", t.status},
                              {"from", optional_text(t.from)},
                              {"at", modules::iso_utc(t.at_us)},
                              {"by", t.actor},
                              {"note", optional_text(t.note)}};
    if (audit) entry["by_user_id"] = optional_text(t.user_id);
    timeline.push_back(std::move(entry));
  }
  out["lines"] = std::move(lines);
  out["price"] = price_document(o.price);
  out["delivery"] = {{"address", o.delivery.address},
                     {"point", {{"lat", o.delivery.point.lat}, {"lng", o.delivery.point.lng}}},
                     {"instructions", optional_text(o.delivery.instructions)},
                     {"leave_at_door", o.delivery.leave_at_door},
                     {"mode", o.delivery_mode}};
  out["prep_time_minutes"] = nullptr;
  if (o.prep_time_minutes) out["prep_time_minutes"] = *o.prep_time_minutes;
  out["reason"] = optional_text(o.reason);
  out["timeline"] = std::move(timeline);
  out["payment"] = payment_document(o);
  return out;
}

boost::json::object page_document(const OrderPage& page) {
  boost::json::array data;
  for (const auto& o : page.orders) data.push_back(summary_document(o));
  return {{"data", std::move(data)},
          {"has_more", !page.next_cursor.empty()},
          {"next_cursor", optional_text(page.next_cursor)}};
}

boost::json::object quote_document(const Quote& q) {
  return {{"id", q.id},
          {"cart_id", q.cart_id},
          {"price", price_document(q.price)},
          {"expires_at", modules::iso_utc(q.expires_at_us)}};
}

}  // namespace reskflow::orders
