// Reading catalog's and reviews' event payloads (through their events.h) into discovery's
// records, with the checks the payload types cannot express.
#include "model.h"

#include <cmath>

#include <boost/json.hpp>

#include "reskflow/catalog/events.h"
#include "reskflow/core/json_text.h"
#include "reskflow/modules/payload.h"
#include "reskflow/reviews/events.h"

namespace reskflow::discovery {
namespace {

// Semantic problems the payload's types cannot express, the first one kept.
class Problems {
 public:
  void add(std::string_view field, std::string message) {
    if (!error_) error_ = FieldError{std::string(field), std::move(message)};
  }
  Status finish(std::string_view type) const {
    if (!error_) return {};
    return fail(ErrorCode::validation_failed,
                std::string(type) + " payload: " + error_->field + " " + error_->message,
                {*error_});
  }

 private:
  std::optional<FieldError> error_;
};

void check_location_zone_hours(const catalog::events::MerchantUpdated& in, MerchantRecord& m,
                               Problems& problems) {
  m.location = in.location;
  if (!geo::valid(m.location)) problems.add("location", "must be {lat, lng} in range");
  auto zone = geo::parse_zone(in.delivery_zone, m.location, "delivery_zone");
  if (zone) {
    m.zone = std::move(*zone);
    m.zone_json = json::serialize(in.delivery_zone);
  } else {
    problems.add("delivery_zone", "is not a valid zone");
  }
  if (hours::parse(in.opening_hours, "opening_hours")) {
    m.hours_json = json::serialize(in.opening_hours);
  } else {
    problems.add("opening_hours", "are not valid opening hours");
  }
}

}  // namespace

Result<MerchantRecord> read_merchant_event(std::string_view payload_json) {
  namespace events = catalog::events;
  RF_TRY(in, modules::payload::from_payload<events::MerchantUpdated>(events::merchant_updated,
                                                                     payload_json));
  MerchantRecord m;
  m.id = in->id;
  m.version = in->version;
  m.status = in->status;
  if (in->deleted()) return m;  // a tombstone needs nothing else
  m.kitchen_id = in->kitchen_id;
  m.slug = in->slug;
  m.name = in->name;
  m.description = in->description;
  m.cuisines = in->cuisines;
  m.price_level = in->price_level;
  m.photo_url = in->photo_url;
  m.time_zone = in->time_zone;
  m.currency = in->currency;
  m.prep_time_minutes = in->prep_time_minutes;
  m.minimum_order = in->minimum_order;
  m.paused_until_us = in->paused_until_us;
  Problems problems;
  check_location_zone_hours(*in, m, problems);
  if (!hours::known_time_zone(m.time_zone))
    problems.add("time_zone", "is not a known IANA time zone");
  RF_TRY(checked, problems.finish(events::merchant_updated));
  return m;
}

Result<MenuRecord> read_menu_event(std::string_view payload_json) {
  namespace events = catalog::events;
  RF_TRY(in,
         modules::payload::from_payload<events::MenuUpdated>(events::menu_updated, payload_json));
  MenuRecord menu{in->merchant_id, in->version, {}};
  for (auto& item : in->items) {
    menu.items.push_back({std::move(item.id), std::move(item.name), std::move(item.description),
                          std::move(item.category), std::move(item.price), std::move(item.dietary),
                          item.sold_out, std::move(item.photo_url)});
  }
  return menu;
}

Result<RatingRecord> read_rating_event(std::string_view payload_json) {
  namespace events = reviews::events;
  RF_TRY(in, modules::payload::from_payload<events::RatingUpdated>(events::rating_updated,
                                                                   payload_json));
  Problems problems;
  if (!std::isfinite(in->average) || in->average < 0 || in->average > 5)
    problems.add("average", "must be between 0 and 5");
  if (in->count < 0) problems.add("count", "must not be negative");
  RF_TRY(checked, problems.finish(events::rating_updated));
  return RatingRecord{in->merchant_id, in->version, in->average, in->count};
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
