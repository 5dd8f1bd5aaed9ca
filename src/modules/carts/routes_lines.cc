// HTTP binding of cart lines: add, change, remove. Bodies are validated field by field; the
// catalog's field errors (a required group missing, too many options, sold out) pass through
// as 422.
#include "cart_limits.h"
#include "routes_common.h"

namespace reskflow::carts {
namespace {

std::optional<std::vector<std::string>> read_option_ids(json::ObjectReader& in) {
  const auto* list = in.array("option_ids", line_options_max, false);
  if (list == nullptr) return std::nullopt;
  std::vector<std::string> out;
  for (std::size_t i = 0; i < list->size(); ++i) {
    const auto& v = (*list)[i];
    if (!v.is_string() || v.as_string().empty() || v.as_string().size() > id_chars_max) {
      in.add_error("option_ids[" + std::to_string(i) + "]",
                   "must be an option id (1 to 64 characters)");
      continue;
    }
    out.emplace_back(v.as_string());
  }
  return out;
}

http::Response add_line(Service& service, http::Request& request) {
  auto expected = if_match_of(request);
  if (!expected) return error_response(request, expected.error());
  auto body = json::parse_object(request);
  if (!body) return error_response(request, body.error());
  json::ObjectReader in(*body);
  LineInput line;
  line.item_id = in.string("item_id", {true, 1, id_chars_max}).value_or("");
  line.quantity = in.integer("quantity", {false, line_quantity_min, line_quantity_max}).value_or(1);
  line.option_ids = read_option_ids(in).value_or(std::vector<std::string>{});
  line.note = in.string("note", {false, 0, line_note_chars_max}).value_or("");
  if (auto ok = in.finish(); !ok) return error_response(request, ok.error());
  return render_cart(
      request,
      service.add_line(caller_of(request), param(request, "cart_id"), std::move(line), *expected),
      201);
}

http::Response change_line(Service& service, http::Request& request) {
  auto expected = if_match_of(request);
  if (!expected) return error_response(request, expected.error());
  auto body = json::parse_object(request);
  if (!body) return error_response(request, body.error());
  json::ObjectReader in(*body);
  LineChange change;
  change.quantity = in.integer("quantity", {false, line_quantity_min, line_quantity_max});
  change.option_ids = read_option_ids(in);
  change.note = in.string("note", {false, 0, line_note_chars_max});
  // null clears the note, as with every optional field of a PATCH.
  if (const auto* note = body->if_contains("note"); note != nullptr && note->is_null())
    change.note = std::string();
  if (auto ok = in.finish(); !ok) return error_response(request, ok.error());
  return render_cart(request, service.change_line(caller_of(request), param(request, "cart_id"),
                                                  param(request, "line_id"), change, *expected));
}

}  // namespace

Status add_line_routes(http::Router& router, Service& service) {
  using http::Access;
  using http::Method;
  const auto members = Access::roles_in(customers(), "cart_member");
  return router.add_all(
      {http::idempotent(route(Method::post, "/v1/carts/{cart_id}/lines", members,
                              [&service](http::Request& r) { return add_line(service, r); })),
       route(Method::patch, "/v1/carts/{cart_id}/lines/{line_id}", members,
             [&service](http::Request& r) { return change_line(service, r); }),
       route(Method::delete_, "/v1/carts/{cart_id}/lines/{line_id}", members,
             [&service](http::Request& r) {
               auto expected = if_match_of(r);
               if (!expected) return error_response(r, expected.error());
               return render_cart(r, service.remove_line(caller_of(r), param(r, "cart_id"),
                                                         param(r, "line_id"), *expected));
             })});
}

}  // namespace reskflow::carts
