// Offline measurement of recommendations (`make bench`): a seeded synthetic order history
// (history.h) is counted by the module's service on a scratch SQLite file, then each order of the
// held-out last week is checked against what was recommended before it began. Hit rate at 10: the
// share of held-out orders with at least one of their items among the 10 recommended.
//   "order again"             the customer's list, against the 10 most ordered items overall
//                             and near the customer (in their zone);
//   "often ordered together"  the list for the order's first item, against the merchant's 10
//                             most ordered other items.
// Usage: recommendations_bench [SEED]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <set>

#include "history.h"
#include "reskflow/core/metrics.h"
#include "reskflow/store/migrations.h"
#include "service.h"

std::span<const reskflow::store::EmbeddedFile> reskflow_migrations_recommendations();

namespace reskflow::recommendations::bench {
namespace {

constexpr std::int64_t start_us = 1'767'571'200'000'000;  // Monday 2026-01-05 00:00 UTC
constexpr std::size_t orders_per_transaction = 500;
constexpr std::size_t top = 10;

struct HitRate {
  std::int64_t hits = 0;
  std::int64_t orders = 0;
  void add(bool hit) {
    hits += hit ? 1 : 0;
    orders += 1;
  }
  double rate() const {
    return orders == 0 ? 0 : static_cast<double>(hits) / static_cast<double>(orders);
  }
};

bool any_in(const std::vector<std::string>& recommended, const std::vector<std::string>& ordered) {
  for (const auto& item : ordered) {
    if (std::find(recommended.begin(), recommended.end(), item) != recommended.end()) return true;
  }
  return false;
}

std::vector<std::string> first_ids(const std::vector<Candidate>& candidates) {
  std::vector<std::string> out;
  for (const auto& c : candidates) {
    if (out.size() == top) break;
    out.push_back(c.item_id);
  }
  return out;
}

// The `top` keys with the highest counts (ties by key), leaving `except` out.
std::vector<std::string> most_counted(const std::map<std::string, std::int64_t>& counts,
                                      const std::string& except = {}) {
  std::vector<std::pair<std::int64_t, std::string>> ranked;
  for (const auto& [key, n] : counts) {
    if (key != except) ranked.emplace_back(-n, key);
  }
  std::sort(ranked.begin(), ranked.end());
  std::vector<std::string> out;
  for (std::size_t i = 0; i < ranked.size() && i < top; ++i) out.push_back(ranked[i].second);
  return out;
}

DeliveredOrder delivered(const City& city, const Order& o) {
  const auto& m = city.merchants[o.merchant];
  DeliveredOrder out{o.id, city.customers[o.customer].id, m.id, o.at_us, {}, m.location};
  for (auto i : o.items) out.items.push_back({m.items[i], "item", 1});
  return out;
}

std::vector<std::string> item_ids(const City& city, const Order& o) {
  std::vector<std::string> out;
  for (auto i : o.items) out.push_back(city.merchants[o.merchant].items[i]);
  return out;
}

// Most-ordered counts over the training weeks: overall, per zone and per merchant.
struct Popularity {
  std::map<std::string, std::int64_t> overall;
  std::vector<std::map<std::string, std::int64_t>> by_zone;
  std::map<std::string, std::map<std::string, std::int64_t>> by_merchant;
};

// Counts the training orders through the service, a transaction per batch, with the clock at
// each batch's last order; returns the seconds it took.
double count_training(Service& service, store::Database& db, modules::ManualClock& clock,
                      const City& city, std::int64_t test_start_us, Popularity& popularity) {
  popularity.by_zone.resize(city.zone_merchants.size());
  const auto started = std::chrono::steady_clock::now();
  std::size_t next = 0;
  while (next < city.orders.size() && city.orders[next].at_us < test_start_us) {
    std::vector<DeliveredOrder> batch;
    for (; next < city.orders.size() && city.orders[next].at_us < test_start_us &&
           batch.size() < orders_per_transaction;
         ++next) {
      const auto& o = city.orders[next];
      batch.push_back(delivered(city, o));
      for (const auto& item : item_ids(city, o)) {
        popularity.overall[item] += 1;
        popularity.by_zone[city.customers[o.customer].zone][item] += 1;
        popularity.by_merchant[city.merchants[o.merchant].id][item] += 1;
      }
    }
    clock.set(batch.back().delivered_at_us);
    auto written = db.write([&](store::Transaction& tx) -> Status {
      for (const auto& order : batch) {
        if (auto ok = service.count_order(tx, order); !ok) return ok;
      }
      return {};
    });
    if (!written) {
      std::fprintf(stderr, "recommendations_bench: %s\n", written.error().detail.c_str());
      std::exit(1);
    }
  }
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
}

struct Results {
  HitRate order_again;
  HitRate order_again_overall;  // baseline: the 10 most ordered items overall
  HitRate order_again_zone;     // baseline: the 10 most ordered items in the customer's zone
  HitRate popular_near;         // the service's "popular near you" at the customer's home
  HitRate together;
  HitRate together_merchant;  // baseline: the merchant's 10 most ordered other items
  std::int64_t queries = 0;
  double query_seconds = 0;
};

std::vector<std::string> timed(Results& r, const Result<std::vector<Candidate>>& candidates,
                               std::chrono::steady_clock::time_point started) {
  r.query_seconds +=
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  r.queries += 1;
  return candidates ? first_ids(*candidates) : std::vector<std::string>{};
}

Results evaluate(Service& service, const City& city, const Popularity& popularity,
                 std::int64_t test_start_us) {
  Results r;
  const auto overall = most_counted(popularity.overall);
  for (const auto& o : city.orders) {
    if (o.at_us < test_start_us) continue;
    const auto& customer = city.customers[o.customer];
    const auto& merchant = city.merchants[o.merchant];
    const auto items = item_ids(city, o);
    auto started = std::chrono::steady_clock::now();
    const auto again = timed(r, service.order_again_items(customer.id), started);
    if (!again.empty()) {  // customers with a history
      r.order_again.add(any_in(again, items));
      r.order_again_overall.add(any_in(overall, items));
      r.order_again_zone.add(any_in(most_counted(popularity.by_zone[customer.zone]), items));
      started = std::chrono::steady_clock::now();
      r.popular_near.add(any_in(timed(r, service.popular_near(customer.home), started), items));
    }
    if (items.size() < 2) continue;
    const std::vector<std::string> rest(items.begin() + 1, items.end());
    started = std::chrono::steady_clock::now();
    r.together.add(any_in(timed(r, service.ordered_with(merchant.id, items[0]), started), rest));
    const auto found = popularity.by_merchant.find(merchant.id);
    r.together_merchant.add(found != popularity.by_merchant.end() &&
                            any_in(most_counted(found->second, items[0]), rest));
  }
  return r;
}

void print(const char* what, const HitRate& h) {
  std::printf("  %-58s %6.3f  (%lld of %lld orders)\n", what, h.rate(),
              static_cast<long long>(h.hits), static_cast<long long>(h.orders));
}

}  // namespace
}  // namespace reskflow::recommendations::bench

namespace reskflow::recommendations::bench {
namespace {

int run(std::uint64_t seed, const std::filesystem::path& dir) {
  const CityShape shape;
  const auto city = generate_city(shape, seed, start_us);
  const auto test_start_us = start_us + (shape.weeks - 1) * week_us;
  auto db = store::Database::open("sqlite:" + (dir / "recommendations.db").string());
  if (!db) {
    std::fprintf(stderr, "recommendations_bench: %s\n", db.error().detail.c_str());
    return 1;
  }
  const std::vector<store::MigrationSet> sets{
      {"recommendations", reskflow_migrations_recommendations()}};
  if (auto migrated = store::migrate(**db, sets); !migrated) {
    std::fprintf(stderr, "recommendations_bench: %s\n", migrated.error().detail.c_str());
    return 1;
  }
  metrics::Registry registry;
  RecommendationsMetrics metrics(registry);
  modules::ManualClock clock(start_us);
  // Every order carries its merchant's location (history.h), so the locator is never asked.
  const LocateMerchant unused = [](std::string_view) -> Result<std::optional<modules::geo::Point>> {
    return std::nullopt;
  };
  Service service(**db, unused, RecommendationsSettings{}, metrics, clock.clock());
  Popularity popularity;
  const auto seconds = count_training(service, **db, clock, city, test_start_us, popularity);
  clock.set(test_start_us);
  const auto r = evaluate(service, city, popularity, test_start_us);
  std::size_t training = 0;
  for (const auto& o : city.orders) training += o.at_us < test_start_us ? 1 : 0;
  std::printf(
      "seed %llu: %zu customers in %zu zones, %zu merchants of %zu items; %zu orders "
      "over %lld weeks, the last one (%zu orders) held out\n",
      static_cast<unsigned long long>(seed), city.customers.size(), shape.zones,
      city.merchants.size(), shape.items_per_merchant, city.orders.size(),
      static_cast<long long>(shape.weeks), city.orders.size() - training);
  std::printf(
      "counted %zu training orders in %.1f s (%.0f orders/s, SQLite, %zu per "
      "transaction); %lld queries, %.2f ms each on average\n",
      training, seconds, static_cast<double>(training) / seconds, orders_per_transaction,
      static_cast<long long>(r.queries),
      1000.0 * r.query_seconds / static_cast<double>(std::max<std::int64_t>(r.queries, 1)));
  std::printf("hit rate at 10 on the held-out week:\n");
  print("order again", r.order_again);
  print("  baseline: most ordered items overall", r.order_again_overall);
  print("  baseline: most ordered items in the customer's zone", r.order_again_zone);
  print("  popular near you (the service, at the customer's home)", r.popular_near);
  print("often ordered together (with the order's first item)", r.together);
  print("  baseline: the merchant's most ordered other items", r.together_merchant);
  return 0;
}

}  // namespace
}  // namespace reskflow::recommendations::bench

int main(int argc, char** argv) {
  const std::uint64_t seed = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 20'261'207;
  std::error_code ec;
  auto dir = std::filesystem::temp_directory_path(ec) /
             ("recommendations_bench." + std::to_string(seed) + "." +
              std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()));
  if (ec || !std::filesystem::create_directories(dir, ec)) {
    std::fprintf(stderr, "recommendations_bench: cannot create a scratch directory\n");
    return 1;
  }
  const int status = reskflow::recommendations::bench::run(seed, dir);
  std::filesystem::remove_all(dir, ec);
  return status;
}
