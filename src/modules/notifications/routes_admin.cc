// HTTP binding of the send queue: admins see and replay dead letters and see one user's sends;
// Twilio reports delivery statuses of SMS to a callback it signs.
#include "module.h"
#include "reskflow/modules/utc_time.h"
#include "reskflow/modules/uuid_text.h"
#include "routes_common.h"

namespace reskflow::notifications {
namespace {

boost::json::value optional_json(const std::optional<std::string>& text) {
  return text ? boost::json::value(*text) : boost::json::value(nullptr);
}

// A send as admins see it: identity's sealed mail shows no text (it may hold a one-time code).
boost::json::object send_json(const Send& s) {
  return {{"id", s.id},
          {"user_id", s.user_id},
          {"channel", channel_name(s.channel)},
          {"kind", kind_name(s.kind)},
          {"event_id", s.event_id},
          {"subject", s.subject},
          {"status", s.status},
          {"attempts", s.attempts},
          {"next_attempt_at", modules::iso_utc(s.next_attempt_at_us)},
          {"last_error", s.last_error},
          {"provider_id", optional_json(s.provider_id)},
          {"provider_status", optional_json(s.provider_status)},
          {"created_at", modules::iso_utc(s.created_at_us)},
          {"updated_at", modules::iso_utc(s.updated_at_us)}};
}

http::Response send_page(const http::Request& request, const Result<Page<Send>>& found) {
  if (!found) return error_response(request, found.error());
  boost::json::array data;
  for (const auto& s : found->items) data.push_back(send_json(s));
  return no_store(http::json(200, {{"data", std::move(data)},
                                   {"has_more", found->next_cursor.has_value()},
                                   {"next_cursor", cursor_json(found->next_cursor)}}));
}

// GET /v1/admin/notifications/sends?user_id=: one user's sends on every channel.
http::Response user_sends(Service& service, http::Request& request) {
  auto page = modules::page_request(request);
  if (!page) return error_response(request, page.error());
  const auto user_id = request.query_param("user_id").value_or("");
  if (!modules::uuid_shaped(user_id))
    return error_response(
        request,
        {ErrorCode::validation_failed, "name the user", {{"user_id", "must be the id of a user"}}});
  return send_page(request, service.sends_of(user_id, *page));
}

http::Response dead_letters(Service& service, http::Request& request) {
  auto page = modules::page_request(request);
  if (!page) return error_response(request, page.error());
  return send_page(request, service.dead_letters(*page));
}

http::Response replay(Service& service, http::Request& request) {
  auto replayed = service.replay(param(request, "id"));
  if (!replayed) return error_response(request, replayed.error());
  return no_store(http::json(200, send_json(*replayed)));
}

// Twilio's form: MessageSid, MessageStatus (queued, sent, delivered, undelivered, failed), ...
http::Response sms_status(Service& service, const NotificationsSettings& settings,
                          http::Request& request) {
  if (!service.sms_enabled() || settings.twilio_status_callback_url.empty())
    return error_response(request, {ErrorCode::not_found, "SMS status callbacks are not enabled"});
  std::vector<std::pair<std::string, std::string>> form;
  if (!http::parse_query(request.body, form))
    return error_response(request, {ErrorCode::bad_request, "the body is not a form"});
  const auto signature = request.header("X-Twilio-Signature").value_or("");
  if (!verify_twilio_signature(settings.twilio_auth_token, settings.twilio_status_callback_url,
                               form, signature))
    return error_response(request, {ErrorCode::forbidden, "the X-Twilio-Signature does not match"});
  std::string sid;
  std::string status;
  for (const auto& [name, value] : form) {
    if (name == "MessageSid") sid = value;
    if (name == "MessageStatus") status = value;
  }
  if (sid.empty() || status.empty())
    return error_response(request, {ErrorCode::validation_failed,
                                    "MessageSid and MessageStatus are required",
                                    {{"MessageStatus", "is required"}}});
  if (auto ok = service.record_provider_status(sid, status); !ok)
    return error_response(request, ok.error());
  return modules::no_content();
}

}  // namespace

std::vector<http::Route> admin_routes(Service& service, const NotificationsSettings& settings) {
  using http::Access;
  using http::Method;
  const auto admins = Access::roles_in({std::string(identity::role_admin)});
  return {
      route(Method::get, "/v1/admin/notifications/dead-letters", admins,
            [&service](http::Request& r) { return dead_letters(service, r); }),
      route(Method::get, "/v1/admin/notifications/sends", admins,
            [&service](http::Request& r) { return user_sends(service, r); }),
      route(Method::post, "/v1/admin/notifications/dead-letters/{id}/replay", admins,
            [&service](http::Request& r) { return replay(service, r); }),
      route(Method::post, "/v1/notifications/sms/status", Access::anyone(),
            [&service, &settings](http::Request& r) { return sms_status(service, settings, r); }),
  };
}

}  // namespace reskflow::notifications
