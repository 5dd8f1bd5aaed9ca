// Reading catalog's and reviews' event payloads into discovery's records. Fields discovery does
// not use are ignored, so publishers may add fields without breaking it.
#include "model.h"

#include <cmath>

#include <boost/json.hpp>

#include "reskflow/modules/utc_time.h"

namespace reskflow::discovery {
namespace {

// Reads fields of one payload object, remembering the first problem.
class PayloadReader {
 public:
  explicit PayloadReader(const boost::json::object& object) : object_(object) {}

  const boost::json::value* find(std::string_view key, bool required) {
    const auto* v = object_.if_contains(key);
    if (v != nullptr && !v->is_null()) return v;
    if (required) problem(key, "is required");
    return nullptr;
  }
  std::optional<std::string> text(std::string_view key, bool required = true) {
    const auto* v = find(key, required);
    if (v == nullptr) return std::nullopt;
    if (v->is_string()) return std::string(v->as_string());
    problem(key, "must be a string");
    return std::nullopt;
  }
  std::int64_t integer(std::string_view key) {
    const auto* v = find(key, true);
    if (v == nullptr) return 0;
    if (v->is_int64()) return v->as_int64();
    if (v->is_uint64() && v->as_uint64() <= INT64_MAX)
      return static_cast<std::int64_t>(v->as_uint64());
    problem(key, "must be an integer");
    return 0;
  }
  double number(std::string_view key) {
    const auto* v = find(key, true);
    if (v == nullptr) return 0;
    if (v->is_number()) return v->to_number<double>();
    problem(key, "must be a number");
    return 0;
  }
  bool boolean(std::string_view key) {
    const auto* v = find(key, false);
    if (v == nullptr) return false;
    if (v->is_bool()) return v->as_bool();
    problem(key, "must be true or false");
    return false;
  }
  std::vector<std::string> strings(std::string_view key) {
    std::vector<std::string> out;
    const auto* v = find(key, false);
    if (v == nullptr) return out;
    const auto* list = v->if_array();
    for (std::size_t i = 0; list != nullptr && i < list->size(); ++i) {
      if (!(*list)[i].is_string()) break;
      out.emplace_back((*list)[i].as_string());
    }
    if (list == nullptr || out.size() != list->size()) problem(key, "must be an array of strings");
    return out;
  }
  void problem(std::string_view key, std::string message) {
    if (!error_) error_ = FieldError{std::string(key), std::move(message)};
  }
  Status finish(std::string_view what) const {
    if (!error_) return {};
    return fail(ErrorCode::validation_failed,
                std::string(what) + " payload: " + error_->field + " " + error_->message,
                {*error_});
  }

 private:
  const boost::json::object& object_;
  std::optional<FieldError> error_;
};

Result<boost::json::object> parse_payload(std::string_view payload_json, std::string_view what) {
  boost::system::error_code ec;
  auto value = boost::json::parse(payload_json, ec);
  if (ec || !value.is_object())
    return fail(ErrorCode::validation_failed, std::string(what) + " payload is not a JSON object");
  return std::move(value.as_object());
}

void read_location_zone_hours(PayloadReader& in, MerchantRecord& m) {
  const auto* location = in.find("location", true);
  if (location != nullptr && location->is_object()) {
    PayloadReader point(location->as_object());
    m.location = {point.number("lat"), point.number("lng")};
    if (!point.finish("location") || !geo::valid(m.location))
      in.problem("location", "must be {lat, lng} in range");
  } else if (location != nullptr) {
    in.problem("location", "must be an object");
  }
  if (const auto* zone = in.find("delivery_zone", true)) {
    auto parsed = geo::parse_zone(*zone, m.location, "delivery_zone");
    if (parsed) {
      m.zone = std::move(*parsed);
      m.zone_json = boost::json::serialize(*zone);
    } else {
      in.problem("delivery_zone", "is not a valid zone");
    }
  }
  if (const auto* hours = in.find("opening_hours", true)) {
    if (hours::parse(*hours, "opening_hours")) {
      m.hours_json = boost::json::serialize(*hours);
    } else {
      in.problem("opening_hours", "are not valid opening hours");
    }
  }
}

}  // namespace

Result<MerchantRecord> read_merchant_event(std::string_view payload_json) {
  auto doc = parse_payload(payload_json, "catalog.merchant.updated");
  if (!doc) return std::unexpected(doc.error());
  PayloadReader in(*doc);
  MerchantRecord m;
  m.id = in.text("id").value_or("");
  m.version = in.integer("version");
  m.status = in.text("status").value_or("");
  if (m.status == "deleted") {  // a tombstone needs nothing else
    if (auto ok = in.finish("catalog.merchant.updated"); !ok) return std::unexpected(ok.error());
    return m;
  }
  m.kitchen_id = in.text("kitchen_id", false);
  m.slug = in.text("slug").value_or("");
  m.name = in.text("name").value_or("");
  m.description = in.text("description", false);
  m.cuisines = in.strings("cuisines");
  m.price_level = in.integer("price_level");
  m.photo_url = in.text("photo_url", false);
  m.time_zone = in.text("time_zone").value_or("");
  m.currency = in.text("currency").value_or("");
  m.prep_time_minutes = in.integer("prep_time_minutes");
  m.minimum_order_minor = in.integer("minimum_order_minor");
  read_location_zone_hours(in, m);
  if (const auto paused = in.text("paused_until", false)) {
    m.paused_until_us = modules::parse_iso_utc(*paused);
    if (!m.paused_until_us) in.problem("paused_until", "must be an ISO 8601 UTC time");
  }
  if (!m.time_zone.empty() && !hours::known_time_zone(m.time_zone))
    in.problem("time_zone", "is not a known IANA time zone");
  if (auto ok = in.finish("catalog.merchant.updated"); !ok) return std::unexpected(ok.error());
  return m;
}

Result<MenuRecord> read_menu_event(std::string_view payload_json) {
  auto doc = parse_payload(payload_json, "catalog.menu.updated");
  if (!doc) return std::unexpected(doc.error());
  PayloadReader in(*doc);
  MenuRecord menu;
  menu.merchant_id = in.text("merchant_id").value_or("");
  menu.version = in.integer("version");
  const auto* items = in.find("items", true);
  if (items != nullptr && !items->is_array()) in.problem("items", "must be an array");
  for (std::size_t i = 0; items != nullptr && items->is_array() && i < items->as_array().size();
       ++i) {
    const auto& value = items->as_array()[i];
    if (!value.is_object()) {
      in.problem("items", "must hold objects");
      break;
    }
    PayloadReader item(value.as_object());
    MenuItemRecord r;
    r.id = item.text("id").value_or("");
    r.name = item.text("name").value_or("");
    r.description = item.text("description", false);
    r.category = item.text("category", false).value_or("");
    r.price_minor = item.integer("price_minor");
    r.currency = item.text("currency").value_or("");
    r.dietary = item.strings("dietary");
    r.sold_out = item.boolean("sold_out");
    r.photo_url = item.text("photo_url", false);
    if (auto ok = item.finish("item"); !ok) {
      in.problem("items[" + std::to_string(i) + "]", ok.error().detail);
      break;
    }
    menu.items.push_back(std::move(r));
  }
  if (auto ok = in.finish("catalog.menu.updated"); !ok) return std::unexpected(ok.error());
  return menu;
}

Result<RatingRecord> read_rating_event(std::string_view payload_json) {
  auto doc = parse_payload(payload_json, "reviews.rating.updated");
  if (!doc) return std::unexpected(doc.error());
  PayloadReader in(*doc);
  RatingRecord r;
  r.merchant_id = in.text("merchant_id").value_or("");
  r.version = in.integer("version");
  r.average = in.number("average");
  r.count = in.integer("count");
  if (!std::isfinite(r.average) || r.average < 0 || r.average > 5)
    in.problem("average", "must be between 0 and 5");
  if (r.count < 0) in.problem("count", "must not be negative");
  if (auto ok = in.finish("reviews.rating.updated"); !ok) return std::unexpected(ok.error());
  return r;
}

std::string tag_list(const std::vector<std::string>& tags) {
  std::string out = ",";
  for (const auto& t : tags) out += t + ",";
  return out;
}

std::vector<std::string> tags_of(std::string_view stored) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < stored.size()) {
    const auto end = stored.find(',', start);
    const auto piece = stored.substr(start, end == std::string_view::npos ? end : end - start);
    if (!piece.empty()) out.emplace_back(piece);
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return out;
}

}  // namespace reskflow::discovery
