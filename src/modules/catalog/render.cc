// Rendering of merchant and menu documents (the cached menu response among them) and of event
// payloads.
#include "render.h"

#include <boost/json.hpp>

#include "availability.h"
#include "input.h"
#include "reskflow/core/json_text.h"
#include "reskflow/modules/utc_time.h"
#include "service.h"
#include "text.h"
#include "vocabulary.h"

namespace reskflow::catalog {
namespace {

boost::json::value optional_text(const std::optional<std::string>& text) {
  if (!text) return nullptr;
  return boost::json::value(*text);
}

bool window_open(const std::vector<Window>& windows, const Merchant& merchant, std::int64_t at_us) {
  return inside(windows, merchant.profile.time_zone, at_us).value_or(false);
}

}  // namespace

Result<RenderedMenu> rendered_menu(Service& service, std::string_view merchant_id) {
  const auto generation = service.cache().generation(merchant_id);
  auto snap = service.snapshot(merchant_id);
  if (!snap) return std::unexpected(snap.error());
  const auto& s = **snap;
  auto representation = std::make_shared<const http::Representation>(
      json::serialize(menu_document(s.merchant, s.menu, service.now())), "application/json",
      service.settings().menu_cache_control);
  if (s.merchant.active())
    service.cache().put_rendered(std::string(merchant_id), representation, generation);
  return RenderedMenu{std::move(*snap), std::move(representation)};
}

bool open_now(const Merchant& merchant, std::int64_t at_us) {
  if (!merchant.active() || merchant.paused_at(at_us)) return false;
  return hours::open_at(merchant.profile.opening_hours, merchant.profile.time_zone, at_us)
      .value_or(false);
}

boost::json::value address_document(const Address& a) {
  return boost::json::object{{"line1", a.line1},
                             {"line2", optional_text(a.line2)},
                             {"city", a.city},
                             {"postal_code", a.postal_code},
                             {"country", a.country}};
}

boost::json::value windows_document(const std::vector<Window>& windows) {
  boost::json::array out;
  for (const auto& w : windows) {
    boost::json::array days;
    for (const int d : w.days) days.emplace_back(weekday_name(d));
    out.push_back(boost::json::object{{"days", std::move(days)},
                                      {"start", local_time_text(w.start_minute)},
                                      {"end", local_time_text(w.end_minute)}});
  }
  return out;
}

boost::json::value strings_document(const std::vector<std::string>& list) {
  boost::json::array out;
  for (const auto& s : list) out.emplace_back(s);
  return out;
}

boost::json::object merchant_document(const Merchant& m, std::optional<std::int64_t> at_us) {
  const auto& p = m.profile;
  boost::json::object out{
      {"id", m.id},
      {"kitchen_id", optional_text(m.kitchen_id)},
      {"slug", m.slug},
      {"name", p.name},
      {"description", optional_text(p.description)},
      {"phone", optional_text(p.phone)},
      {"address", address_document(p.address)},
      {"location", {{"lat", p.location.lat}, {"lng", p.location.lng}}},
      {"time_zone", p.time_zone},
      {"currency", p.currency},
      {"cuisines", strings_document(p.cuisines)},
      {"price_level", p.price_level},
      {"photo_url", optional_text(p.photo_url)},
      {"prep_time_minutes", p.prep_time_minutes},
      {"minimum_order_minor", p.minimum_order_minor},
      {"delivery_zone", geo::zone_document(p.delivery_zone)},
      {"opening_hours", hours::document(p.opening_hours)},
      {"delivery_mode", delivery_mode_name(p.delivery_mode)},
      {"paused_until", m.paused_until_us ? boost::json::value(modules::iso_utc(*m.paused_until_us))
                                         : boost::json::value(nullptr)},
      {"pause_reason", optional_text(m.pause_reason)},
      {"status", m.status}};
  if (at_us) out["open_now"] = open_now(m, *at_us);
  out["version"] = m.version;
  out["created_at"] = modules::iso_utc(m.created_at_us);
  out["updated_at"] = modules::iso_utc(m.updated_at_us);
  return out;
}

boost::json::object item_document(const Item& item, const Menu& menu, const Merchant& merchant,
                                  std::int64_t at_us) {
  const auto* category = menu.category(item.category_id);
  const bool available =
      item.orderable_stock() && window_open(item.availability, merchant, at_us) &&
      (category == nullptr || window_open(category->availability, merchant, at_us));
  return {{"id", item.id},
          {"category_id", item.category_id},
          {"name", item.name},
          {"description", optional_text(item.description)},
          {"price_minor", item.price_minor},
          {"photo_urls", strings_document(item.photo_urls)},
          {"dietary", strings_document(item.dietary)},
          {"allergens", strings_document(item.allergens)},
          {"age_restricted", item.age_restricted},
          {"cold_chain", item.cold_chain ? boost::json::value{{"min_c", item.cold_chain->min_c},
                                                              {"max_c", item.cold_chain->max_c}}
                                         : boost::json::value(nullptr)},
          {"calories", item.calories ? boost::json::value(*item.calories) : nullptr},
          {"position", item.position},
          {"availability", windows_document(item.availability)},
          {"stock_count", item.stock_count ? boost::json::value(*item.stock_count) : nullptr},
          {"sold_out", !item.orderable_stock()},
          {"available_now", available},
          {"modifier_group_ids", strings_document(item.modifier_group_ids)}};
}

boost::json::object category_document(const Category& category, const Menu& menu,
                                      const Merchant& merchant, std::int64_t at_us) {
  boost::json::array items;
  for (const auto& item : menu.items) {
    if (item.category_id == category.id)
      items.push_back(item_document(item, menu, merchant, at_us));
  }
  return {{"id", category.id},
          {"name", category.name},
          {"description", optional_text(category.description)},
          {"position", category.position},
          {"availability", windows_document(category.availability)},
          {"available_now", window_open(category.availability, merchant, at_us)},
          {"items", std::move(items)}};
}

boost::json::object group_document(const ModifierGroup& group) {
  boost::json::array options;
  for (const auto& o : group.options) {
    options.push_back(boost::json::object{{"id", o.id},
                                          {"name", o.name},
                                          {"price_delta_minor", o.price_delta_minor},
                                          {"sold_out", o.sold_out}});
  }
  return {{"id", group.id},
          {"name", group.name},
          {"min_selections", group.min_selections},
          {"max_selections", group.max_selections},
          {"required", group.min_selections > 0},
          {"position", group.position},
          {"options", std::move(options)}};
}

boost::json::object menu_document(const Merchant& merchant, const Menu& menu, std::int64_t at_us) {
  boost::json::array categories;
  for (const auto& c : menu.categories)
    categories.push_back(category_document(c, menu, merchant, at_us));
  boost::json::array groups;
  for (const auto& g : menu.groups) groups.push_back(group_document(g));
  return {{"merchant_id", merchant.id},
          {"currency", merchant.profile.currency},
          {"version", merchant.version},
          {"updated_at", modules::iso_utc(merchant.menu_updated_at_us)},
          {"categories", std::move(categories)},
          {"modifier_groups", std::move(groups)}};
}

events::MerchantUpdated merchant_event(const Merchant& m) {
  const auto& p = m.profile;
  return {m.id,
          m.kitchen_id,
          m.slug,
          p.name,
          p.description,
          p.phone,
          address_document(p.address),
          p.location,
          p.time_zone,
          p.currency,
          p.cuisines,
          p.price_level,
          p.photo_url,
          p.prep_time_minutes,
          {p.minimum_order_minor, p.currency},
          geo::zone_document(p.delivery_zone),
          hours::document(p.opening_hours),
          std::string(delivery_mode_name(p.delivery_mode)),
          m.paused_until_us,
          m.pause_reason,
          m.status,
          m.version,
          m.created_at_us,
          m.updated_at_us};
}

events::MenuUpdated menu_event(const Merchant& merchant, const Menu& menu) {
  events::MenuUpdated out{merchant.id, merchant.version, {}};
  for (const auto& item : menu.items) {
    const auto* category = menu.category(item.category_id);
    out.items.push_back(
        {item.id,
         item.name,
         item.description,
         category != nullptr ? category->name : std::string(),
         {item.price_minor, merchant.profile.currency},
         item.dietary,
         item.allergens,
         !item.orderable_stock(),
         item.photo_urls.empty() ? std::nullopt : std::optional(item.photo_urls.front())});
  }
  return out;
}

}  // namespace reskflow::catalog
