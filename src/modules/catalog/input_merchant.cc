// Validation of merchant documents: create, brand create, PATCH and pause bodies.
#include <boost/json.hpp>

#include <algorithm>
#include <limits>

#include "input.h"
#include "vocabulary.h"

namespace reskflow::catalog {
namespace {

using json::ObjectReader;

bool valid_phone(std::string_view phone) {
  int digits = 0;
  for (const char c : phone) {
    if (c >= '0' && c <= '9') {
      ++digits;
    } else if (c != '+' && c != ' ' && c != '-' && c != '(' && c != ')' && c != '.') {
      return false;
    }
  }
  return digits >= 4;
}

bool upper_letters(std::string_view text, std::size_t size) {
  if (text.size() != size) return false;
  for (const char c : text) {
    if (c < 'A' || c > 'Z') return false;
  }
  return true;
}

std::optional<Address> read_address(ObjectReader& in, Errors& errors) {
  const auto* object = in.object("address");
  if (object == nullptr) return std::nullopt;
  ObjectReader a(*object, in.path("address"));
  Address out;
  out.line1 = a.string("line1", {true, 1, address_line_chars_max}).value_or("");
  out.line2 = a.string("line2", {false, 1, address_line_chars_max});
  out.city = a.string("city", {true, 1, city_chars_max}).value_or("");
  out.postal_code = a.string("postal_code", {true, 1, postal_code_chars_max}).value_or("");
  out.country = a.string("country", {true, 2, 2}).value_or("");
  if (!out.country.empty() && !upper_letters(out.country, 2))
    a.add_error("country", "must be an ISO 3166-1 alpha-2 code in capitals, e.g. FR");
  errors.collect(a);
  return out;
}

std::optional<geo::Point> read_location(ObjectReader& in, Errors& errors) {
  const auto* object = in.object("location");
  if (object == nullptr) return std::nullopt;
  ObjectReader l(*object, in.path("location"));
  const auto lat = l.number("lat", {true, -90, 90});
  const auto lng = l.number("lng", {true, -180, 180});
  errors.collect(l);
  if (!lat || !lng) return std::nullopt;
  const geo::Point p{*lat, *lng};
  if (!geo::valid(p)) {
    errors.add(in.path("location"), "is not a valid position");
    return std::nullopt;
  }
  return p;
}

std::optional<std::vector<std::string>> read_cuisines(ObjectReader& in) {
  const auto* list = in.array("cuisines", cuisines_max);
  if (list == nullptr) return std::nullopt;
  std::vector<std::string> out;
  for (const auto& v : *list) {
    if (!v.is_string() || !contains(cuisines(), v.as_string())) {
      in.add_error("cuisines", "must list known cuisines (see docs/commerce.md)");
      return std::nullopt;
    }
    const std::string tag(v.as_string());
    if (std::find(out.begin(), out.end(), tag) != out.end()) {
      in.add_error("cuisines", "lists " + tag + " twice");
      return std::nullopt;
    }
    out.push_back(tag);
  }
  if (out.empty()) in.add_error("cuisines", "must list 1 to 5 cuisines");
  return out;
}

std::optional<std::string> read_time_zone(ObjectReader& in) {
  auto zone = in.string("time_zone", {true, 1, time_zone_chars_max});
  if (zone && !hours::known_time_zone(*zone)) {
    in.add_error("time_zone", "must be an IANA time zone, e.g. Europe/Paris");
    return std::nullopt;
  }
  return zone;
}

std::optional<std::string> read_currency(ObjectReader& in) {
  auto code = in.string("currency", {true, 3, 3});
  if (code && !known_currency(*code)) {
    in.add_error("currency", "must be an ISO 4217 code in capitals, e.g. EUR");
    return std::nullopt;
  }
  return code;
}

// The kitchen-only fields: a brand takes them from its kitchen and may not send them.
void read_site(const boost::json::object& body, ObjectReader& in, Errors& errors, bool patch,
               MerchantProfile& p) {
  if (present(body, "address", patch))
    if (auto a = read_address(in, errors)) p.address = std::move(*a);
  if (present(body, "location", patch))
    if (auto l = read_location(in, errors)) p.location = *l;
  if (present(body, "time_zone", patch))
    if (auto z = read_time_zone(in)) p.time_zone = std::move(*z);
  if (present(body, "currency", patch))
    if (auto c = read_currency(in)) p.currency = std::move(*c);
}

// Marks a field as read whatever its type, so that only the caller's error names it.
void mark_read(ObjectReader& in, std::string_view key, const boost::json::value& v) {
  if (v.is_object()) {
    (void)in.object(key, false);
  } else if (v.is_array()) {
    (void)in.array(key, std::numeric_limits<std::size_t>::max(), false);
  } else if (v.is_string()) {
    (void)in.string(key, {false, 0, std::numeric_limits<std::size_t>::max()});
  } else if (v.is_bool()) {
    (void)in.boolean(key, false);
  } else {
    (void)in.number(key, {false});
  }
}

void refuse_site(const boost::json::object& body, ObjectReader& in) {
  for (const std::string_view key : {"address", "location", "time_zone", "currency"}) {
    const auto* v = body.if_contains(key);
    if (v == nullptr) continue;
    mark_read(in, key, *v);
    in.add_error(key, "a virtual brand shares its kitchen's; change it on the kitchen");
  }
}

// Create: absent or null means none. PATCH: absent keeps the value, null clears it.
void read_optional_text(const boost::json::object& body, ObjectReader& in, bool patch,
                        std::string_view key, json::StringRule rule,
                        std::optional<std::string>& field) {
  if (patch && !body.contains(key)) return;
  rule.required = false;
  field = in.string(key, rule);
}

void read_texts(const boost::json::object& body, ObjectReader& in, bool patch, MerchantProfile& p) {
  if (present(body, "name", patch))
    p.name = in.string("name", {true, 1, name_chars_max}).value_or("");
  read_optional_text(body, in, patch, "description",
                     {false, 1, description_chars_max, /*multiline=*/true}, p.description);
  read_optional_text(body, in, patch, "phone", {false, phone_chars_min, phone_chars_max}, p.phone);
  if (p.phone && !valid_phone(*p.phone)) in.add_error("phone", "must be a phone number");
  read_optional_text(body, in, patch, "photo_url", {false, 1, photo_url_chars_max}, p.photo_url);
  if (p.photo_url && !valid_photo_url(*p.photo_url))
    in.add_error("photo_url", "must be a path starting with / or an https URL");
}

void read_numbers(const boost::json::object& body, ObjectReader& in, bool patch,
                  MerchantProfile& p) {
  if (present(body, "cuisines", patch))
    if (auto c = read_cuisines(in)) p.cuisines = std::move(*c);
  if (present(body, "price_level", patch))
    p.price_level = in.integer("price_level", {true, 1, 4}).value_or(p.price_level);
  if (body.contains("prep_time_minutes"))
    p.prep_time_minutes =
        in.integer("prep_time_minutes", {true, 1, prep_time_minutes_max}).value_or(15);
  if (body.contains("minimum_order_minor"))
    p.minimum_order_minor =
        in.integer("minimum_order_minor", {true, 0, minimum_order_minor_max}).value_or(0);
  if (body.contains("delivery_mode")) {
    const auto mode = in.one_of("delivery_mode", {"platform", "merchant"});
    p.delivery_mode = parse_delivery_mode(mode.value_or("")).value_or(p.delivery_mode);
  }
}

// The zone (centred on the location, which may have just changed) and the hours.
void read_zone_and_hours(const boost::json::object& body, ObjectReader& in, Errors& errors,
                         bool patch, MerchantProfile& p) {
  if (present(body, "delivery_zone", patch)) {
    if (const auto* zone = in.object("delivery_zone")) {
      auto parsed = geo::parse_zone(boost::json::value(*zone), p.location, "delivery_zone");
      if (parsed)
        p.delivery_zone = std::move(*parsed);
      else
        errors.add(parsed.error().fields);
    }
  }
  if (p.delivery_zone.kind == geo::Zone::Kind::radius) p.delivery_zone.center = p.location;
  if (present(body, "opening_hours", patch)) {
    if (const auto* h = in.object("opening_hours")) {
      auto parsed = hours::parse(boost::json::value(*h), "opening_hours");
      if (parsed)
        p.opening_hours = std::move(*parsed);
      else
        errors.add(parsed.error().fields);
    }
  }
}

}  // namespace

Result<NewMerchant> read_new_merchant(const boost::json::object& body,
                                      const MerchantProfile* kitchen, bool owner_field) {
  ObjectReader in(body);
  Errors errors;
  NewMerchant out;
  auto& p = out.profile;
  if (owner_field) out.owner_user_id = in.string("owner_user_id", {true, 36, 36});
  read_texts(body, in, false, p);
  if (kitchen == nullptr) {
    read_site(body, in, errors, false, p);
  } else {
    refuse_site(body, in);
    p.address = kitchen->address;
    p.location = kitchen->location;
    p.time_zone = kitchen->time_zone;
    p.currency = kitchen->currency;
  }
  read_numbers(body, in, false, p);
  read_zone_and_hours(body, in, errors, false, p);
  errors.collect(in);
  if (auto ok = errors.finish(); !ok) return std::unexpected(ok.error());
  return out;
}

Result<MerchantProfile> read_merchant_patch(const boost::json::object& body,
                                            const Merchant& current) {
  ObjectReader in(body);
  Errors errors;
  MerchantProfile p = current.profile;
  read_texts(body, in, true, p);
  if (current.kitchen_id)
    refuse_site(body, in);
  else
    read_site(body, in, errors, true, p);
  read_numbers(body, in, true, p);
  read_zone_and_hours(body, in, errors, true, p);
  errors.collect(in);
  if (auto ok = errors.finish(); !ok) return std::unexpected(ok.error());
  return p;
}

Result<PauseRequest> read_pause(const boost::json::object& body) {
  ObjectReader in(body);
  PauseRequest out;
  out.minutes = in.integer("minutes", {true, 1, pause_minutes_max}).value_or(0);
  out.reason = in.string("reason", {false, 1, pause_reason_chars_max});
  if (auto ok = in.finish(); !ok) return std::unexpected(ok.error());
  return out;
}

Result<std::string> read_suspension(const boost::json::object& body) {
  ObjectReader in(body);
  auto reason = in.string("reason", {true, 1, suspension_reason_chars_max});
  if (reason) {
    const auto first = reason->find_first_not_of(" \t");
    *reason = first == std::string::npos
                  ? std::string()
                  : reason->substr(first, reason->find_last_not_of(" \t") - first + 1);
    const bool control = std::any_of(reason->begin(), reason->end(), [](char c) {
      return static_cast<unsigned char>(c) < 0x20 || c == 0x7F;
    });
    if (reason->empty())
      in.add_error("reason", "must say why the merchant is suspended");
    else if (control)
      in.add_error("reason", "must be a single line");
  }
  if (auto ok = in.finish(); !ok) return std::unexpected(ok.error());
  return std::move(*reason);
}

bool valid_photo_url(std::string_view url) {
  for (const char c : url) {
    if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7F || c == '"' || c == '\\') return false;
  }
  if (url.starts_with("/")) return !url.starts_with("//");
  constexpr std::string_view https = "https://";
  return url.starts_with(https) && url.size() > https.size() && url[https.size()] != '/';
}

void Errors::collect(json::ObjectReader& reader) {
  if (auto ok = reader.finish(); !ok) add(ok.error().fields);
}

void Errors::add(std::string field, std::string message) {
  fields_.push_back({std::move(field), std::move(message)});
}

void Errors::add(const std::vector<FieldError>& more) {
  fields_.insert(fields_.end(), more.begin(), more.end());
}

Status Errors::finish() {
  if (fields_.empty()) return {};
  std::vector<FieldError> out;
  out.swap(fields_);
  return fail(ErrorCode::validation_failed, "some fields are invalid; see errors", std::move(out));
}

}  // namespace reskflow::catalog
