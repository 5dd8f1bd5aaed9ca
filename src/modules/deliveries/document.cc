// JSON rendering of deliveries, offers, paths and ETA reports; times are ISO 8601 UTC.
#include "document.h"

#include <algorithm>
#include <boost/json.hpp>

#include "reskflow/core/json_text.h"
#include "reskflow/modules/utc_time.h"

namespace reskflow::deliveries {
namespace {

boost::json::value time_or_null(const std::optional<std::int64_t>& us) {
  return us ? boost::json::value(modules::iso_utc(*us)) : boost::json::value(nullptr);
}

boost::json::object point_document(modules::geo::Point p) {
  return {{"lat", p.lat}, {"lng", p.lng}};
}

// A string that needs no escaping (ids, status names) as it is; any other through the
// serializer.
void append_string(std::string& out, std::string_view text) {
  const bool plain = std::ranges::all_of(
      text, [](char c) { return c != '"' && c != '\\' && static_cast<unsigned char>(c) >= 0x20; });
  if (!plain) {
    json::serialize_to(out, boost::json::value(boost::json::string(text.data(), text.size())));
    return;
  }
  out += '"';
  out += text;
  out += '"';
}

void append_time_or_null(std::string& out, const std::optional<std::int64_t>& us) {
  if (!us) {
    out += "null";
    return;
  }
  out += '"';
  out += modules::iso_utc(*us);
  out += '"';
}

}  // namespace

Result<boost::json::object> delivery_document(const DeliveryRecord& r, View view) {
  const auto& d = r.delivery;
  boost::json::object out{
      {"id", d.id},
      {"order_id", d.order_id},
      {"merchant_id", d.merchant_id},
      {"merchant_name", r.merchant_name},
      {"driver_id",
       d.driver_id.empty() ? boost::json::value(nullptr) : boost::json::value(d.driver_id)},
      {"status", d.status},
      {"pickup", {{"location", point_document(d.pickup)}, {"address", r.pickup_address}}},
      {"dropoff", {{"location", point_document(d.dropoff)}, {"address", r.dropoff_address}}},
      {"instructions", r.instructions},
      {"leave_at_door", r.leave_at_door},
      {"age_restricted", r.age_restricted},
      {"pin_required", !r.pin.empty()},
      {"cold_chain", d.cold_chain ? boost::json::value{{"min_c", d.cold_chain->min_c},
                                                       {"max_c", d.cold_chain->max_c}}
                                  : boost::json::value(nullptr)},
      {"ready_at", modules::iso_utc(r.ready_at_us)},
      {"due_by", modules::iso_utc(r.due_by_us)},
      {"pickup_eta", time_or_null(r.pickup_eta_us)},
      {"dropoff_eta", time_or_null(r.dropoff_eta_us)},
      {"distance_m", r.distance_m},
      {"reason", r.reason.empty() ? boost::json::value(nullptr) : boost::json::value(r.reason)},
      {"created_at", modules::iso_utc(d.created_at_us)},
      {"picked_up_at", time_or_null(d.picked_up_at_us)},
      {"delivered_at", time_or_null(d.delivered_at_us)},
      {"version", r.version}};
  if (view == View::merchant || view == View::admin) out["pickup_code"] = r.pickup_code;
  if ((view == View::customer || view == View::admin) && !r.pin.empty()) out["pin"] = r.pin;
  if (view == View::courier || view == View::admin) {
    RF_TRY(pay, modules::add(r.earnings, r.tip));
    out["earnings"] = {{"amount_minor", pay->amount_minor},
                       {"tip_minor", r.tip.amount_minor},
                       {"currency", pay->currency}};
  }
  return out;
}

boost::json::object offer_document(const OfferView& o, std::int64_t now_us) {
  const auto& d = o.delivery;
  const auto left_us = std::max<std::int64_t>(0, o.offer.expires_at_us - now_us);
  return {{"id", o.offer.id},
          {"delivery_id", o.offer.delivery_id},
          {"status", o.offer.status},
          {"pickup",
           {{"location", point_document(d.delivery.pickup)},
            {"address", d.pickup_address},
            {"merchant_name", d.merchant_name}}},
          {"dropoff",
           {{"location", point_document(d.delivery.dropoff)}, {"address", d.dropoff_address}}},
          {"estimated_earnings",
           {{"amount_minor", o.offer.earnings_minor}, {"currency", d.tip.currency}}},
          {"distance_m", o.offer.distance_m},
          {"cold_chain", d.needs_cold()},
          {"ready_at", modules::iso_utc(d.ready_at_us)},
          {"expires_at", modules::iso_utc(o.offer.expires_at_us)},
          {"expires_in_s", (left_us + 999'999) / 1'000'000}};
}

boost::json::object path_document(const DeliveryRecord& r, const std::vector<PathPoint>& path) {
  boost::json::array coordinates;
  boost::json::array times;
  for (const auto& p : path) {
    coordinates.push_back(boost::json::array{p.point.lng, p.point.lat});
    times.push_back(boost::json::value(modules::iso_utc(p.at_us)));
  }
  return {{"type", "Feature"},
          {"geometry", {{"type", "LineString"}, {"coordinates", std::move(coordinates)}}},
          {"properties",
           {{"delivery_id", r.id()}, {"status", r.status()}, {"times", std::move(times)}}}};
}

boost::json::object eta_document(const std::vector<EtaQuality>& rows, std::int64_t window_hours) {
  boost::json::array data;
  for (const auto& q : rows) {
    data.push_back({{"zone", q.zone},
                    {"hour", q.hour},
                    {"deliveries", q.deliveries},
                    {"mae_s", q.mae_s},
                    {"p90_s", q.p90_s}});
  }
  return {{"window_hours", window_hours}, {"data", std::move(data)}};
}

std::string tracking_text(const DeliveryRecord& r, const std::optional<PathPoint>& position) {
  constexpr std::size_t typical_bytes = 256;
  std::string out;
  out.reserve(typical_bytes);
  out += R"({"delivery_id":)";
  append_string(out, r.id());
  out += R"(,"status":)";
  append_string(out, r.status());
  out += R"(,"pickup_eta":)";
  append_time_or_null(out, r.pickup_eta_us);
  out += R"(,"dropoff_eta":)";
  append_time_or_null(out, r.dropoff_eta_us);
  if (position) {
    out += R"(,"position":{"lat":)";
    json::serialize_to(out, boost::json::value(position->point.lat));
    out += R"(,"lng":)";
    json::serialize_to(out, boost::json::value(position->point.lng));
    out += R"(},"at":)";
    append_time_or_null(out, position->at_us);
  }
  out += '}';
  return out;
}

}  // namespace reskflow::deliveries
