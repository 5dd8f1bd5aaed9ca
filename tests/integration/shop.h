// One merchant, its customers and their orders over the real binary's HTTP API: what the money
// simulation and the crash test share (accounts, a menu with stock, carts, checkout bodies).
#pragma once

#include <boost/json.hpp>

#include <filesystem>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "reskflow/testing/client.h"

namespace reskflow::testing {

// The binary's environment for a test on `database_url` with files under `dir`, plus `extra`.
std::map<std::string, std::string> shop_env(const std::string& database_url,
                                            const std::filesystem::path& dir,
                                            const std::map<std::string, std::string>& extra = {});

// A request with a bearer token, a JSON body when not empty, and an Idempotency-Key when set.
HttpResult call(HttpClient& client, std::string_view method, std::string_view path,
                const std::string& token, const boost::json::object& body = {},
                const std::string& idempotency_key = {});

// The same request sent by `racers` threads at one moment, each on its own connection to
// `port`: their answers, in thread order.
std::vector<HttpResult> race(std::uint16_t port, std::size_t racers, std::string_view method,
                             std::string_view path, const std::string& token,
                             const boost::json::object& body, const std::string& idempotency_key);

// A new account's access token; throws when registration fails.
std::string register_user(HttpClient& client, const std::string& email, const std::string& role);

struct Storefront {
  std::string merchant_id;
  std::string owner_token;
  std::vector<std::string> item_ids;  // Margherita 10.00, Calzone 12.00, Tiramisu 6.00
};

// Luigi's (luigis_profile) with three items; Tiramisu has `tiramisu_stock` in stock.
Storefront open_storefront(HttpClient& client, std::int64_t tiramisu_stock);

// The customer's open cart at the merchant (a new one, or the one left open) with `lines` added
// as (item id, quantity), skipping a line refused as sold out; throws when a request fails.
std::string fill_cart(HttpClient& client, const std::string& token, const std::string& merchant_id,
                      const std::vector<std::pair<std::string, int>>& lines);

// POST /v1/orders's body: a delivery point 1.6 km from Luigi's.
boost::json::object checkout_body(const std::string& cart_id, std::int64_t tip_minor,
                                  const std::string& payment_method);

}  // namespace reskflow::testing
