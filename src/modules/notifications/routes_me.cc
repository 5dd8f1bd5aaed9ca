// HTTP binding of a user's own notifications: the preference centre and the in-app inbox.
#include <fmt/format.h>

#include "module.h"
#include "reskflow/core/json_body.h"
#include "reskflow/modules/utc_time.h"
#include "routes_common.h"

namespace reskflow::notifications {
namespace {

std::string clock_text(std::int64_t minutes) {
  return fmt::format("{:02}:{:02}", minutes / 60, minutes % 60);
}

// "HH:MM" -> minutes after midnight.
std::optional<std::int64_t> minutes_of(std::string_view text) {
  if (text.size() != 5 || text[2] != ':') return std::nullopt;
  for (const std::size_t i : {0U, 1U, 3U, 4U})
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
  const auto digit = [&](std::size_t i) { return static_cast<std::int64_t>(text[i] - '0'); };
  const auto h = digit(0) * 10 + digit(1);
  const auto m = digit(3) * 10 + digit(4);
  if (h > 23 || m > 59) return std::nullopt;
  return h * 60 + m;
}

boost::json::object preferences_json(const Preferences& p) {
  boost::json::object channels;
  for (const auto kind : all_kinds) {
    boost::json::object of_kind;
    for (const auto channel : all_channels)
      of_kind[channel_name(channel)] = p.allows(kind, channel);
    channels[kind_name(kind)] = std::move(of_kind);
  }
  boost::json::value quiet = nullptr;
  if (p.quiet_hours)
    quiet = {{"start", clock_text(p.quiet_hours->start_min)},
             {"end", clock_text(p.quiet_hours->end_min)}};
  return {{"locale", p.locale},
          {"time_zone", p.time_zone},
          {"quiet_hours", std::move(quiet)},
          {"channels", std::move(channels)}};
}

// The nested reader's errors, unknown fields included, under their full paths.
void collect(json::ObjectReader& root, json::ObjectReader& nested) {
  if (auto ok = nested.finish(); !ok) {
    for (auto& f : ok.error().fields) root.add_error(f.field, std::move(f.message));
  }
}

// "quiet_hours": {"start": "22:00", "end": "07:00"}, or null for none.
void read_quiet_hours(json::ObjectReader& in, Preferences& out) {
  const auto* object = in.object("quiet_hours", false);
  if (object == nullptr) return;
  json::ObjectReader quiet(*object, "quiet_hours");
  const auto start = quiet.string("start", {true, 5, 5});
  const auto end = quiet.string("end", {true, 5, 5});
  const auto start_min = start ? minutes_of(*start) : std::nullopt;
  const auto end_min = end ? minutes_of(*end) : std::nullopt;
  if (start && !start_min) quiet.add_error("start", "must be a time of day, HH:MM");
  if (end && !end_min) quiet.add_error("end", "must be a time of day, HH:MM");
  collect(in, quiet);
  if (start_min && end_min) out.quiet_hours = QuietHours{*start_min, *end_min};
}

void read_channels(json::ObjectReader& in, Preferences& out) {
  const auto* channels = in.object("channels", false);
  if (channels == nullptr) return;
  json::ObjectReader kinds(*channels, "channels");
  for (const auto kind : all_kinds) {
    const auto* choices = kinds.object(kind_name(kind), false);
    if (choices == nullptr) continue;
    json::ObjectReader of_kind(*choices, "channels." + std::string(kind_name(kind)));
    for (const auto channel : all_channels) {
      if (const auto on = of_kind.boolean(channel_name(channel), false))
        out.choices[{kind, channel}] = *on;
    }
    collect(in, of_kind);
  }
  collect(in, kinds);
}

http::Response get_preferences(Service& service, http::Request& request) {
  auto found = service.preferences(request.principal->subject);
  if (!found) return error_response(request, found.error());
  return no_store(http::json(200, preferences_json(*found)));
}

// The whole document: what it leaves out goes back to its default.
http::Response put_preferences(Service& service, http::Request& request) {
  auto body = json::parse_object(request);
  if (!body) return error_response(request, body.error());
  json::ObjectReader in(*body);
  Preferences p;
  p.locale = in.string("locale", {false, 2, 2}).value_or(p.locale);
  p.time_zone = in.string("time_zone", {false, 1, 64}).value_or(p.time_zone);
  read_quiet_hours(in, p);
  read_channels(in, p);
  if (auto ok = in.finish(); !ok) return error_response(request, ok.error());
  auto stored = service.put_preferences(request.principal->subject, p);
  if (!stored) return error_response(request, stored.error());
  return no_store(http::json(200, preferences_json(*stored)));
}

http::Response list_inbox(Service& service, http::Request& request) {
  auto page = modules::page_request(request);
  if (!page) return error_response(request, page.error());
  const auto unread = request.query_param("unread").value_or("false");
  if (unread != "true" && unread != "false")
    return error_response(request, Error{ErrorCode::validation_failed,
                                         "unread is true or false",
                                         {{"unread", "must be true or false"}}});
  const auto& user = request.principal->subject;
  auto found = service.inbox(user, *page, unread == "true");
  if (!found) return error_response(request, found.error());
  auto count = service.unread_count(user);
  if (!count) return error_response(request, count.error());
  boost::json::array data;
  for (const auto& item : found->items) data.push_back(inbox_item_json(item));
  return no_store(http::json(200, {{"data", std::move(data)},
                                   {"has_more", found->next_cursor.has_value()},
                                   {"next_cursor", cursor_json(found->next_cursor)},
                                   {"unread_count", *count}}));
}

http::Response unread_count(Service& service, http::Request& request) {
  auto count = service.unread_count(request.principal->subject);
  if (!count) return error_response(request, count.error());
  return no_store(http::json(200, {{"unread_count", *count}}));
}

http::Response mark_read(Service& service, http::Request& request) {
  if (auto ok = service.mark_read(request.principal->subject, param(request, "id")); !ok)
    return error_response(request, ok.error());
  return modules::no_content();
}

http::Response mark_all_read(Service& service, http::Request& request) {
  auto marked = service.mark_all_read(request.principal->subject);
  if (!marked) return error_response(request, marked.error());
  return no_store(http::json(200, {{"marked", *marked}, {"unread_count", 0}}));
}

http::Route bound(http::Method method, std::string pattern,
                  http::Response (*handler)(Service&, http::Request&), Service& service) {
  return route(method, std::move(pattern), http::Access::authenticated("self"),
               [handler, &service](http::Request& r) { return handler(service, r); });
}

}  // namespace

boost::json::object inbox_item_json(const InboxItem& item) {
  return {{"id", item.id},
          {"kind", kind_name(item.kind)},
          {"title", item.title},
          {"body", item.body},
          {"subject_id", item.subject_id},
          {"created_at", modules::iso_utc(item.created_at_us)},
          {"read_at", item.read_at_us ? boost::json::value(modules::iso_utc(*item.read_at_us))
                                      : boost::json::value(nullptr)}};
}

std::vector<http::Route> me_routes(Service& service) {
  using http::Method;
  return {
      bound(Method::get, "/v1/me/notification-preferences", get_preferences, service),
      bound(Method::put, "/v1/me/notification-preferences", put_preferences, service),
      bound(Method::get, "/v1/me/notifications", list_inbox, service),
      bound(Method::get, "/v1/me/notifications/unread-count", unread_count, service),
      bound(Method::post, "/v1/me/notifications/read-all", mark_all_read, service),
      bound(Method::post, "/v1/me/notifications/{id}/read", mark_read, service),
  };
}

}  // namespace reskflow::notifications
