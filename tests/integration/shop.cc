// The integration tests' shop over HTTP (shop.h).
#include "shop.h"

#include <chrono>
#include <latch>
#include <stdexcept>
#include <thread>

#include "api.h"

namespace reskflow::testing {

namespace {

boost::json::object must_answer(const HttpResult& r, int status, std::string_view what) {
  if (r.status != status)
    throw std::runtime_error(std::string(what) + ": " + std::to_string(r.status) + " " + r.body);
  return json_of(r);
}

bool short_of_stock(const HttpResult& added) {
  if (added.status != 422) return false;
  boost::system::error_code ec;
  const auto body = boost::json::parse(added.body, ec);
  const auto* errors = body.is_object() ? body.as_object().if_contains("errors") : nullptr;
  if (errors == nullptr || !errors->is_array()) return false;
  for (const auto& e : errors->as_array()) {
    const auto* field = e.as_object().if_contains("field");
    const auto* message = e.as_object().if_contains("message");
    if (field == nullptr || message == nullptr || !message->is_string()) continue;
    const std::string_view text = message->as_string();
    if (text.ends_with("is sold out") || (*field == "quantity" && text.ends_with(" left")))
      return true;
  }
  return false;
}

}  // namespace

std::map<std::string, std::string> shop_env(const std::string& database_url,
                                            const std::filesystem::path& dir,
                                            const std::map<std::string, std::string>& extra) {
  std::map<std::string, std::string> out{
      {"DATABASE_URL", database_url},
      {"RESKFLOW_WEB_ROOT", (dir / "web").string()},
      {"RESKFLOW_IDENTITY_ARGON2_OPS", "1"},
      {"RESKFLOW_IDENTITY_ARGON2_MEMORY_KIB", "64"},
      {"RESKFLOW_NOTIFICATIONS_MAIL_FILE", (dir / "mail.log").string()},
      {"RESKFLOW_IDENTITY_AUTH_RATE_BURST", "1000"}};
  for (const auto& [k, v] : extra) out[k] = v;
  return out;
}

std::vector<HttpResult> race(std::uint16_t port, std::size_t racers, std::string_view method,
                             std::string_view path, const std::string& token,
                             const boost::json::object& body, const std::string& idempotency_key) {
  std::vector<HttpResult> answers(racers);
  std::latch start(static_cast<std::ptrdiff_t>(racers));
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < racers; ++t) {
    threads.emplace_back([&, t] {
      HttpClient own(port, std::chrono::seconds(30));
      start.arrive_and_wait();
      answers[t] = call(own, method, path, token, body, idempotency_key);
    });
  }
  for (auto& t : threads) t.join();
  return answers;
}

HttpResult call(HttpClient& client, std::string_view method, std::string_view path,
                const std::string& token, const boost::json::object& body,
                const std::string& idempotency_key) {
  std::vector<std::pair<std::string, std::string>> headers;
  if (!token.empty()) headers.emplace_back("Authorization", "Bearer " + token);
  if (!body.empty()) headers.emplace_back("Content-Type", "application/json");
  if (!idempotency_key.empty()) headers.emplace_back("Idempotency-Key", idempotency_key);
  return client.request(method, path, body.empty() ? "" : boost::json::serialize(body), headers);
}

std::string register_user(HttpClient& client, const std::string& email, const std::string& role) {
  const auto r = call(client, "POST", "/v1/auth/register", {},
                      {{"email", email},
                       {"password", "plum tractor midnight"},
                       {"name", "N " + email},
                       {"role", role}});
  return str(must_answer(r, 201, "register " + email), "access_token");
}

Storefront open_storefront(HttpClient& client, std::int64_t tiramisu_stock) {
  Storefront s;
  s.owner_token = register_user(client, "luigi@example.com", "merchant");
  // Luigi's own staff carry the orders (merchant delivery): these tests are about the money.
  auto profile = luigis_profile();
  profile["delivery_mode"] = "merchant";
  s.merchant_id = str(must_answer(call(client, "POST", "/v1/merchants", s.owner_token, profile),
                                  201, "open the merchant"),
                      "id");
  const auto menu = "/v1/merchants/" + s.merchant_id + "/menu";
  const auto category =
      str(must_answer(call(client, "POST", menu + "/categories", s.owner_token, {{"name", "Menu"}}),
                      201, "add a category"),
          "id");
  for (const auto& [name, price] :
       {std::pair{"Margherita", 1000}, {"Calzone", 1200}, {"Tiramisu", 600}}) {
    const auto item =
        must_answer(call(client, "POST", menu + "/items", s.owner_token,
                         {{"category_id", category}, {"name", name}, {"price_minor", price}}),
                    201, std::string("add ") + name);
    s.item_ids.push_back(str(item, "id"));
  }
  must_answer(call(client, "PUT", menu + "/items/" + s.item_ids[2] + "/stock", s.owner_token,
                   {{"stock_count", tiramisu_stock}}),
              200, "stock the tiramisu");
  return s;
}

std::string fill_cart(HttpClient& client, const std::string& token, const std::string& merchant_id,
                      const std::vector<std::pair<std::string, int>>& lines) {
  const auto opened = call(client, "POST", "/v1/carts", token, {{"merchant_id", merchant_id}});
  const auto cart = str(must_answer(opened, opened.status == 200 ? 200 : 201, "open a cart"), "id");
  for (const auto& [item, quantity] : lines) {
    const auto added = call(client, "POST", "/v1/carts/" + cart + "/lines", token,
                            {{"item_id", item}, {"quantity", quantity}});
    // Stock runs out under the clients: a line refused for it (sold out, or fewer left than
    // asked) is left out, as a customer would.
    if (!short_of_stock(added)) must_answer(added, 201, "add a line");
  }
  return cart;
}

boost::json::object checkout_body(const std::string& cart_id, std::int64_t tip_minor,
                                  const std::string& payment_method) {
  return {{"cart_id", cart_id},
          {"tip_minor", tip_minor},
          {"payment_method", payment_method},
          {"delivery",
           {{"address", "1 rue de Rivoli, Paris"},
            {"point", {{"lat", 48.8606}, {"lng", 2.3376}}},
            {"instructions", "Second floor"},
            {"leave_at_door", false}}}};
}

}  // namespace reskflow::testing
