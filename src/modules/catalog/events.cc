// catalog's event payloads <-> JSON: the one place their field names are written down.
#include "reskflow/catalog/events.h"

#include <boost/json.hpp>

#include "reskflow/modules/payload.h"
#include "reskflow/modules/utc_time.h"

namespace reskflow::catalog::events {
namespace {

namespace payload = modules::payload;

boost::json::value optional_text(const std::optional<std::string>& text) {
  return text ? boost::json::value(*text) : boost::json::value(nullptr);
}

boost::json::value strings(const std::vector<std::string>& list) {
  return boost::json::value_from(list);
}

void read_location(const boost::json::object& in, modules::geo::Point& out,
                   boost::system::error_code& ec) {
  boost::json::value location;
  payload::read(in, "location", location, ec);
  if (ec) return;
  const auto* point = location.if_object();
  if (point == nullptr) {
    ec = boost::json::error::not_object;
    return;
  }
  payload::read(*point, "lat", out.lat, ec);
  payload::read(*point, "lng", out.lng, ec);
}

void read_profile(const boost::json::object& in, MerchantUpdated& m,
                  boost::system::error_code& ec) {
  payload::read(in, "kitchen_id", m.kitchen_id, ec);
  payload::read(in, "slug", m.slug, ec);
  payload::read(in, "name", m.name, ec);
  payload::read(in, "description", m.description, ec);
  payload::read(in, "phone", m.phone, ec);
  payload::read(in, "address", m.address, ec);
  read_location(in, m.location, ec);
  payload::read(in, "time_zone", m.time_zone, ec);
  payload::read(in, "currency", m.currency, ec);
  payload::read(in, "cuisines", m.cuisines, ec);
  payload::read(in, "price_level", m.price_level, ec);
  payload::read(in, "photo_url", m.photo_url, ec);
  payload::read(in, "prep_time_minutes", m.prep_time_minutes, ec);
  payload::read(in, "minimum_order_minor", m.minimum_order.amount_minor, ec);
  m.minimum_order.currency = m.currency;
  payload::read(in, "delivery_zone", m.delivery_zone, ec);
  payload::read(in, "opening_hours", m.opening_hours, ec);
  const auto* mode = in.if_contains("delivery_mode");
  m.delivery_mode = mode != nullptr && mode->is_string() ? std::string(mode->as_string())
                                                         : std::string("platform");
  payload::read_time(in, "paused_until", m.paused_until_us, ec);
  payload::read(in, "pause_reason", m.pause_reason, ec);
  payload::read_time(in, "created_at", m.created_at_us, ec);
  payload::read_time(in, "updated_at", m.updated_at_us, ec);
}

}  // namespace

void tag_invoke(const boost::json::value_from_tag&, boost::json::value& out,
                const MerchantUpdated& m) {
  if (m.deleted()) {
    out = boost::json::object{{"id", m.id}, {"status", m.status}, {"version", m.version}};
    return;
  }
  out = boost::json::object{
      {"id", m.id},
      {"kitchen_id", optional_text(m.kitchen_id)},
      {"slug", m.slug},
      {"name", m.name},
      {"description", optional_text(m.description)},
      {"phone", optional_text(m.phone)},
      {"address", m.address},
      {"location", {{"lat", m.location.lat}, {"lng", m.location.lng}}},
      {"time_zone", m.time_zone},
      {"currency", m.currency},
      {"cuisines", strings(m.cuisines)},
      {"price_level", m.price_level},
      {"photo_url", optional_text(m.photo_url)},
      {"prep_time_minutes", m.prep_time_minutes},
      {"minimum_order_minor", m.minimum_order.amount_minor},
      {"delivery_zone", m.delivery_zone},
      {"opening_hours", m.opening_hours},
      {"delivery_mode", m.delivery_mode},
      {"paused_until", m.paused_until_us ? boost::json::value(modules::iso_utc(*m.paused_until_us))
                                         : boost::json::value(nullptr)},
      {"pause_reason", optional_text(m.pause_reason)},
      {"status", m.status},
      {"version", m.version},
      {"created_at", modules::iso_utc(m.created_at_us)},
      {"updated_at", modules::iso_utc(m.updated_at_us)}};
}

boost::system::result<MerchantUpdated> tag_invoke(
    const boost::json::try_value_to_tag<MerchantUpdated>&, const boost::json::value& in) {
  const auto* object = in.if_object();
  if (object == nullptr) return boost::json::make_error_code(boost::json::error::not_object);
  MerchantUpdated m;
  boost::system::error_code ec;
  payload::read(*object, "id", m.id, ec);
  payload::read(*object, "status", m.status, ec);
  payload::read(*object, "version", m.version, ec);
  if (!ec && !m.deleted()) read_profile(*object, m, ec);
  if (ec) return ec;
  return m;
}

void tag_invoke(const boost::json::value_from_tag&, boost::json::value& out, const MenuItem& i) {
  out = boost::json::object{{"id", i.id},
                            {"name", i.name},
                            {"description", optional_text(i.description)},
                            {"category", i.category},
                            {"price_minor", i.price.amount_minor},
                            {"currency", i.price.currency},
                            {"dietary", strings(i.dietary)},
                            {"allergens", strings(i.allergens)},
                            {"sold_out", i.sold_out},
                            {"photo_url", optional_text(i.photo_url)}};
}

boost::system::result<MenuItem> tag_invoke(const boost::json::try_value_to_tag<MenuItem>&,
                                           const boost::json::value& in) {
  const auto* object = in.if_object();
  if (object == nullptr) return boost::json::make_error_code(boost::json::error::not_object);
  MenuItem i;
  boost::system::error_code ec;
  payload::read(*object, "id", i.id, ec);
  payload::read(*object, "name", i.name, ec);
  payload::read(*object, "description", i.description, ec);
  payload::read(*object, "category", i.category, ec);
  payload::read(*object, "price_minor", i.price.amount_minor, ec);
  payload::read(*object, "currency", i.price.currency, ec);
  payload::read(*object, "dietary", i.dietary, ec);
  payload::read(*object, "allergens", i.allergens, ec);
  payload::read(*object, "sold_out", i.sold_out, ec);
  payload::read(*object, "photo_url", i.photo_url, ec);
  if (ec) return ec;
  return i;
}

void tag_invoke(const boost::json::value_from_tag&, boost::json::value& out,
                const MenuUpdated& event) {
  out = boost::json::object{{"merchant_id", event.merchant_id},
                            {"version", event.version},
                            {"items", boost::json::value_from(event.items)}};
}

boost::system::result<MenuUpdated> tag_invoke(const boost::json::try_value_to_tag<MenuUpdated>&,
                                              const boost::json::value& in) {
  const auto* object = in.if_object();
  if (object == nullptr) return boost::json::make_error_code(boost::json::error::not_object);
  MenuUpdated event;
  boost::system::error_code ec;
  payload::read(*object, "merchant_id", event.merchant_id, ec);
  payload::read(*object, "version", event.version, ec);
  const auto* items = object->if_contains("items");
  if (ec) return ec;
  if (items == nullptr || !items->is_array())
    return boost::json::make_error_code(boost::json::error::not_array);
  for (const auto& item : items->as_array()) {
    auto read = boost::json::try_value_to<MenuItem>(item);
    if (!read) return read.error();
    event.items.push_back(std::move(*read));
  }
  return event;
}

}  // namespace reskflow::catalog::events
