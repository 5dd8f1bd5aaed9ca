// core_bench: JSON on the request path: parse_object + ObjectReader on a ~1 KB order-like body,
// and rendering of problem+json and plain JSON responses.
#include <benchmark/benchmark.h>

#include <boost/json.hpp>
#include <string>

#include "reskflow/core/http.h"
#include "reskflow/core/json_body.h"

namespace reskflow::bench {
namespace {

// An order as a customer app would post it: five items, an address, payment and notes.
std::string order_body() {
  boost::json::array items;
  for (int i = 0; i < 5; ++i) {
    items.push_back({{"product_id", "prod_01HZX3T6Q8W0Y4K2" + std::to_string(i)},
                     {"quantity", 1 + i},
                     {"unit_price_minor", 1250 + 100 * i},
                     {"notes", "no onions, extra sauce on the side please"}});
  }
  boost::json::object order{{"merchant_id", "mrc_01HZX3T6Q8W0Y4K2ZP"},
                            {"items", std::move(items)},
                            {"delivery",
                             {{"address", "Rua Augusta 274, 1100-053 Lisboa, Portugal"},
                              {"lat", 38.7107},
                              {"lng", -9.1382},
                              {"instructions", "ring twice, third floor, door on the left"}}},
                            {"payment_method", "card"},
                            {"tip_minor", 300},
                            {"currency", "EUR"},
                            {"scheduled", false}};
  return boost::json::serialize(order);
}

http::Request order_request() {
  http::Request r;
  r.method = http::Method::post;
  r.target = r.path = "/v1/orders";
  r.headers = {{"Host", "api.reskflow.test"}, {"Content-Type", "application/json"}};
  r.body = order_body();
  return r;
}

bool validate_item(const boost::json::value& value, std::string path, json::ObjectReader& top) {
  if (!value.is_object()) {
    top.add_error(path, "must be an object");
    return false;
  }
  json::ObjectReader item(value.as_object(), std::move(path));
  item.string("product_id", {.min_chars = 1, .max_chars = 64});
  item.integer("quantity", {.min = 1, .max = 99});
  item.integer("unit_price_minor", {.min = 0, .max = 10'000'000});
  item.string("notes", {.required = false, .max_chars = 200});
  const bool ok = item.finish().has_value();
  top.absorb(item);
  return ok;
}

Status validate_order(const boost::json::object& body) {
  json::ObjectReader r(body);
  r.string("merchant_id", {.min_chars = 1, .max_chars = 64});
  if (const auto* items = r.array("items", 50)) {
    for (std::size_t i = 0; i < items->size(); ++i) {
      validate_item((*items)[i], "items[" + std::to_string(i) + "]", r);
    }
  }
  if (const auto* delivery = r.object("delivery")) {
    json::ObjectReader d(*delivery, "delivery");
    d.string("address", {.min_chars = 5, .max_chars = 300});
    d.number("lat", {.min = -90, .max = 90});
    d.number("lng", {.min = -180, .max = 180});
    d.string("instructions", {.required = false, .max_chars = 500});
    (void)d.finish();
    r.absorb(d);
  }
  r.one_of("payment_method", {"card", "cash", "wallet"});
  r.integer("tip_minor", {.required = false, .min = 0, .max = 100'000});
  r.one_of("currency", {"EUR", "USD", "GBP", "BRL"});
  r.boolean("scheduled", false);
  return r.finish();
}

void order_parse_and_validate(benchmark::State& state) {
  const auto request = order_request();
  if (auto parsed = json::parse_object(request); !parsed || !validate_order(*parsed)) {
    state.SkipWithError("the fixture order does not validate");
    return;
  }
  for (auto _ : state) {
    auto parsed = json::parse_object(request);
    auto status = validate_order(*parsed);
    benchmark::DoNotOptimize(status);
  }
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(request.body.size()));
  state.counters["body_bytes"] = static_cast<double>(request.body.size());
}
BENCHMARK(order_parse_and_validate);

void order_parse_only(benchmark::State& state) {
  const auto request = order_request();
  for (auto _ : state) {
    auto parsed = json::parse_object(request);
    benchmark::DoNotOptimize(parsed);
  }
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(request.body.size()));
}
BENCHMARK(order_parse_only);

void problem_render(benchmark::State& state) {
  const Error error{ErrorCode::validation_failed,
                    "some fields are invalid; see errors",
                    {{"items[0].quantity", "must be between 1 and 99"},
                     {"delivery.lat", "is out of range"},
                     {"payment_method", "must be one of: card, cash, wallet"}}};
  for (auto _ : state) {
    auto response = http::problem(error, "9f2c4e1a7b3d5f60", "/v1/orders");
    benchmark::DoNotOptimize(response.body.data());
  }
}
BENCHMARK(problem_render);

void json_status_render(benchmark::State& state) {
  for (auto _ : state) {
    boost::json::object body{{"status", "ok"},
                             {"version", "0.1.0"},
                             {"uptime_seconds", 86'400},
                             {"database", {{"engine", "sqlite"}, {"schema_version", 7}}},
                             {"modules", boost::json::array{"system", "orders", "payments"}}};
    auto response = http::json(200, body);
    benchmark::DoNotOptimize(response.body.data());
  }
}
BENCHMARK(json_status_render);

}  // namespace
}  // namespace reskflow::bench
