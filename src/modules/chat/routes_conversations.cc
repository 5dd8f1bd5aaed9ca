// HTTP binding of conversations for their participants: the caller's list, opening a support
// conversation, one conversation, its messages (history and sending), the read marker, closing.
#include "document.h"
#include "reskflow/core/json_body.h"
#include "reskflow/identity/identity.h"
#include "reskflow/modules/page.h"
#include "reskflow/modules/uuid_text.h"
#include "routes_common.h"

namespace reskflow::chat {
namespace {

constexpr std::size_t subject_chars_max = 200;

std::string id_of(const http::Request& request) {
  return std::string(request.param("conversation_id").value_or(""));
}

http::Response rate_limited(const http::Request& request, const modules::RateDecision& decision) {
  auto r = http::problem(
      Error{ErrorCode::rate_limited, "you are sending messages too fast; wait a moment", {}},
      request.request_id, request.path);
  r.set_header("Retry-After",
               std::to_string(std::max<std::int64_t>(1, decision.retry_after_seconds)));
  r.set_header("RateLimit-Limit", std::to_string(decision.limit));
  r.set_header("RateLimit-Remaining", std::to_string(decision.remaining));
  r.set_header("RateLimit-Reset", std::to_string(decision.reset_seconds));
  return r;
}

// ?order_id= when given: a UUID.
Result<std::optional<std::string>> order_filter(const http::Request& request) {
  const auto order_id = request.query_param("order_id");
  if (!order_id) return std::optional<std::string>{};
  if (!modules::uuid_shaped(*order_id))
    return fail(ErrorCode::validation_failed, "invalid query", {{"order_id", "must be a UUID"}});
  return std::optional<std::string>(std::string(*order_id));
}

http::Response list(Service& service, http::Request& request) {
  auto order_id = order_filter(request);
  if (!order_id) return error_response(request, order_id.error());
  auto page = modules::page_request(request);
  if (!page) return error_response(request, page.error());
  auto found = service.conversations(*request.principal, *order_id, *page);
  if (!found) return error_response(request, found.error());
  return conversation_page_response(*found);
}

http::Response open(const RouteDeps& deps, http::Request& request) {
  auto body = json::parse_object(request);
  if (!body) return error_response(request, body.error());
  json::ObjectReader in(*body);
  NewSupportConversation open;
  open.subject = in.string("subject", {false, 0, subject_chars_max}).value_or("");
  open.order_id = in.string("order_id", {false, 36, 36});
  const auto chars_max = static_cast<std::size_t>(deps.service.settings().message_chars_max);
  open.first_message = in.string("message", {true, 1, chars_max, true}).value_or("");
  if (open.order_id && !modules::uuid_shaped(*open.order_id))
    in.add_error("order_id", "must be a UUID");
  if (auto ok = in.finish(); !ok) return error_response(request, ok.error());
  const auto decision = deps.message_limiter.take(request.principal->subject);
  if (!decision.allowed) {
    deps.metrics.messages_rate_limited.inc();
    return rate_limited(request, decision);
  }
  auto opened = deps.service.open_support(*request.principal, open);
  if (!opened) return error_response(request, opened.error());
  auto response = conversation_response(*opened, 201);
  response.set_header("Location", "/v1/conversations/" + opened->id);
  return response;
}

http::Response one(Service& service, http::Request& request) {
  auto c = service.conversation(*request.principal, id_of(request));
  if (!c) return error_response(request, c.error());
  return conversation_response(*c);
}

http::Response history(Service& service, http::Request& request) {
  auto page = modules::page_request(request, 50);
  if (!page) return error_response(request, page.error());
  auto found = service.messages(*request.principal, id_of(request), *page);
  if (!found) return error_response(request, found.error());
  boost::json::array data;
  for (const auto& m : found->messages) data.push_back(message_json(m));
  return no_store(http::json(200, {{"data", std::move(data)},
                                   {"has_more", found->next_cursor.has_value()},
                                   {"next_cursor", modules::cursor_json(found->next_cursor)}}));
}

http::Response send(const RouteDeps& deps, http::Request& request) {
  auto body = json::parse_object(request);
  if (!body) return error_response(request, body.error());
  json::ObjectReader in(*body);
  const auto chars_max = static_cast<std::size_t>(deps.service.settings().message_chars_max);
  auto text = in.string("body", {true, 1, chars_max, true});
  if (auto ok = in.finish(); !ok) return error_response(request, ok.error());
  const auto decision = deps.message_limiter.take(request.principal->subject);
  if (!decision.allowed) {
    deps.metrics.messages_rate_limited.inc();
    return rate_limited(request, decision);
  }
  auto sent = deps.service.send(*request.principal, id_of(request), *text);
  if (!sent) return error_response(request, sent.error());
  auto response = no_store(http::json(201, message_json(*sent)));
  response.set_header("Location", "/v1/conversations/" + sent->conversation_id + "/messages");
  return response;
}

http::Response read(Service& service, http::Request& request) {
  auto body = json::parse_object(request);
  if (!body) return error_response(request, body.error());
  json::ObjectReader in(*body);
  auto seq = in.integer("seq", {true, 0});
  if (auto ok = in.finish(); !ok) return error_response(request, ok.error());
  auto marked = service.mark_read(*request.principal, id_of(request), *seq);
  if (!marked) return error_response(request, marked.error());
  return conversation_response(*marked);
}

http::Response close(Service& service, http::Request& request) {
  auto closed = service.close(*request.principal, id_of(request));
  if (!closed) return error_response(request, closed.error());
  return conversation_response(*closed);
}

}  // namespace

http::Response conversation_response(const Conversation& c, int status) {
  return no_store(http::json(status, conversation_json(c)));
}

http::Response conversation_page_response(const ConversationPage& page) {
  boost::json::array data;
  for (const auto& c : page.conversations) data.push_back(conversation_json(c));
  return no_store(http::json(200, {{"data", std::move(data)},
                                   {"has_more", page.next_cursor.has_value()},
                                   {"next_cursor", modules::cursor_json(page.next_cursor)}}));
}

Status add_conversation_routes(http::Router& router, RouteDeps deps) {
  using http::Access;
  using http::Method;
  const std::vector<std::string> everyone{
      std::string(identity::role_customer), std::string(identity::role_merchant),
      std::string(identity::role_driver), std::string(identity::role_admin)};
  const std::vector<std::string> openers{std::string(identity::role_customer),
                                         std::string(identity::role_merchant)};
  Service& s = deps.service;
  const auto member = [&everyone] {
    return Access::roles_in(everyone, "conversation_participant");
  };
  std::vector<http::Route> routes{
      route(Method::get, "/v1/conversations", Access::roles_in(everyone),
            [&s](http::Request& r) { return list(s, r); }),
      http::idempotent(route(Method::post, "/v1/conversations", Access::roles_in(openers),
                             [deps](http::Request& r) { return open(deps, r); })),
      route(Method::get, "/v1/conversations/{conversation_id}", member(),
            [&s](http::Request& r) { return one(s, r); }),
      route(Method::get, "/v1/conversations/{conversation_id}/messages", member(),
            [&s](http::Request& r) { return history(s, r); }),
      http::idempotent(route(Method::post, "/v1/conversations/{conversation_id}/messages", member(),
                             [deps](http::Request& r) { return send(deps, r); })),
      route(Method::post, "/v1/conversations/{conversation_id}/read", member(),
            [&s](http::Request& r) { return read(s, r); }),
      route(Method::post, "/v1/conversations/{conversation_id}/close", member(),
            [&s](http::Request& r) { return close(s, r); }),
  };
  return router.add_all(std::move(routes));
}

}  // namespace reskflow::chat
