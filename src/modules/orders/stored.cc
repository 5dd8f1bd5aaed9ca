// JSON text of the documents the orders tables keep whole (stored.h). A malformed stored
// document is a bug, not input: what cannot be read reads as empty.
#include "stored.h"

#include <boost/json.hpp>

#include "reskflow/core/json_text.h"

namespace reskflow::orders::stored {
namespace {

boost::json::value parsed(std::string_view text) {
  boost::system::error_code ec;
  auto v = boost::json::parse(text, ec);
  return ec ? boost::json::value() : v;
}

std::string string_of(const boost::json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  return v != nullptr && v->is_string() ? std::string(v->as_string()) : std::string();
}

std::int64_t int_of(const boost::json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  return v != nullptr && v->is_int64() ? v->as_int64() : 0;
}

double double_of(const boost::json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  if (v == nullptr) return 0;
  if (v->is_double()) return v->as_double();
  return v->is_int64() ? static_cast<double>(v->as_int64()) : 0;
}

bool bool_of(const boost::json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  return v != nullptr && v->is_bool() && v->as_bool();
}

}  // namespace

std::string price_text(const PriceBreakdown& price) {
  boost::json::array steps;
  for (const auto& s : price.steps) {
    steps.push_back({{"kind", s.kind},
                     {"label", s.label},
                     {"amount_minor", s.amount.amount_minor},
                     {"added", s.added}});
  }
  return json::serialize(boost::json::object{{"steps", std::move(steps)},
                                             {"total_minor", price.total.amount_minor},
                                             {"items_minor", price.items.amount_minor},
                                             {"tax_minor", price.tax.amount_minor},
                                             {"fees_minor", price.fees.amount_minor},
                                             {"tip_minor", price.tip.amount_minor}});
}

PriceBreakdown price_of(std::string_view text, const std::string& currency) {
  PriceBreakdown out;
  const auto v = parsed(text);
  const auto* o = v.if_object();
  if (o == nullptr) return out;
  const auto money = [&](std::string_view key) {
    return modules::Money{int_of(*o, key), currency};
  };
  out.total = money("total_minor");
  out.items = money("items_minor");
  out.tax = money("tax_minor");
  out.fees = money("fees_minor");
  out.tip = money("tip_minor");
  const auto* steps = o->if_contains("steps");
  if (steps == nullptr || !steps->is_array()) return out;
  for (const auto& step : steps->as_array()) {
    const auto* s = step.if_object();
    if (s == nullptr) continue;
    out.steps.push_back({string_of(*s, "kind"),
                         string_of(*s, "label"),
                         {int_of(*s, "amount_minor"), currency},
                         bool_of(*s, "added")});
  }
  return out;
}

std::string delivery_text(const Delivery& delivery) {
  return json::serialize(boost::json::object{{"address", delivery.address},
                                             {"lat", delivery.point.lat},
                                             {"lng", delivery.point.lng},
                                             {"instructions", delivery.instructions},
                                             {"leave_at_door", delivery.leave_at_door}});
}

Delivery delivery_of(std::string_view text) {
  const auto v = parsed(text);
  const auto* o = v.if_object();
  if (o == nullptr) return {};
  return {string_of(*o, "address"),
          {double_of(*o, "lat"), double_of(*o, "lng")},
          string_of(*o, "instructions"),
          bool_of(*o, "leave_at_door")};
}

std::string names_text(const std::vector<std::string>& names) {
  boost::json::array out;
  for (const auto& n : names) out.emplace_back(n);
  return json::serialize(out);
}

std::vector<std::string> names_of(std::string_view text) {
  std::vector<std::string> out;
  const auto v = parsed(text);
  if (!v.is_array()) return out;
  for (const auto& n : v.as_array()) {
    if (n.is_string()) out.emplace_back(n.as_string());
  }
  return out;
}

}  // namespace reskflow::orders::stored
