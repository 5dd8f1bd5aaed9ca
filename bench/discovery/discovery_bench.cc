// Discovery at metro scale: 50,000 merchants (radius and polygon zones of 3-7 km, seeded)
// spread over a 20 km radius around Paris, loaded into the index, then listing and search
// queries timed at the centre. SQLite always; PostgreSQL too when RESKFLOW_TEST_DATABASE_URL is
// set. Target: a listing under 20 ms. The service's in-memory index is loaded before the timings.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <iostream>
#include <map>
#include <memory>

#include "catalog_generator.h"
#include "fake_drivers.h"
#include "index.h"
#include "module.h"
#include "repository.h"
#include "reskflow/bus/outbox.h"
#include "reskflow/store/migrations.h"
#include "service.h"
#include "test_database.h"

namespace reskflow::discovery {
namespace {

constexpr std::size_t merchants_loaded = 50'000;
constexpr std::size_t merchants_per_transaction = 1'000;
constexpr geo::Point paris{48.8566, 2.3522};
constexpr std::int64_t monday_noon_us = 1'768'219'200'000'000;  // 2026-01-12 12:00 UTC

// One loaded index per engine, built on first use and kept for every benchmark.
class LoadedIndex {
 public:
  static LoadedIndex* get(store::Engine engine) {
    static std::map<store::Engine, std::unique_ptr<LoadedIndex>> loaded;
    auto& slot = loaded[engine];
    if (!slot) slot = std::make_unique<LoadedIndex>(engine);
    return slot->service_ ? slot.get() : nullptr;
  }

  explicit LoadedIndex(store::Engine engine) {
    auto scratch = store::testing::ScratchDatabase::create(engine);
    if (!scratch) return;
    scratch_ = std::move(*scratch);
    auto db = scratch_->open();
    if (!db) return;
    db_ = std::move(*db);
    const std::vector<store::MigrationSet> sets{bus::migrations(), migrations()};
    if (!store::migrate(*db_, sets)) return;
    service_ = std::make_unique<Service>(*db_, DiscoverySettings{}, metrics_, drivers_);
    if (!load()) service_.reset();
  }

  Service& service() { return *service_; }
  // Merchants whose zone's bounding box holds the point: the rows a plain listing ranks.
  std::int64_t candidates_at(geo::Point at) {
    if (!index_) {
      auto rows = db_->read([](store::Transaction& tx) { return read_index_rows(tx); });
      if (!rows) return -1;
      index_ = std::make_unique<Index>(std::move(*rows));
    }
    return static_cast<std::int64_t>(index_->merchants_near(at).size());
  }

 private:
  bool load() {
    const auto city = testing::generate_city({.seed = 50'000,
                                              .merchants = merchants_loaded,
                                              .spread_m = 20'000,
                                              .reach_center = false,
                                              .far_every = 0,
                                              .menus = false});
    const auto& events = city.merchant_events;
    for (std::size_t start = 0; start < events.size(); start += merchants_per_transaction) {
      const auto end = std::min(events.size(), start + merchants_per_transaction);
      const auto done = db_->write([&](store::Transaction& tx) -> Status {
        for (std::size_t i = start; i < end; ++i) {
          auto record = read_merchant_event(events[i].payload_json);
          if (!record) return std::unexpected(record.error());
          if (auto applied = apply_merchant(tx, *record, monday_noon_us); !applied)
            return std::unexpected(applied.error());
        }
        return {};
      });
      if (!done) {
        std::cerr << "loading failed: " << done.error().detail << "\n";
        return false;
      }
    }
    for (const auto& e : city.rating_events) {
      if (!service_->on_rating_updated(e)) return false;
    }
    // The first query loads the in-memory index: load it here, outside the timings.
    return service_->list_merchants({.at = paris}, monday_noon_us).has_value();
  }

  std::unique_ptr<store::testing::ScratchDatabase> scratch_;
  std::unique_ptr<store::Database> db_;
  metrics::Registry registry_;
  DiscoveryMetrics metrics_{registry_};
  drivers::testing::FakeDrivers drivers_;  // travel times for the estimate
  std::unique_ptr<Service> service_;
  std::unique_ptr<Index> index_;  // a copy for counting candidates
};

void run_listing(benchmark::State& state, store::Engine engine, const ListingQuery& query) {
  auto* index = LoadedIndex::get(engine);
  if (index == nullptr) {
    state.SkipWithError("no database for this engine (set RESKFLOW_TEST_DATABASE_URL)");
    return;
  }
  std::size_t results = 0;
  for (auto _ : state) {
    auto page = index->service().list_merchants(query, monday_noon_us);
    if (!page) {
      state.SkipWithError(page.error().detail.c_str());
      return;
    }
    results = page->data.size();
    benchmark::DoNotOptimize(page);
  }
  state.counters["results"] = static_cast<double>(results);
  state.counters["candidates"] = static_cast<double>(index->candidates_at(query.at));
}

void run_search(benchmark::State& state, store::Engine engine, const SearchQuery& query) {
  auto* index = LoadedIndex::get(engine);
  if (index == nullptr) {
    state.SkipWithError("no database for this engine (set RESKFLOW_TEST_DATABASE_URL)");
    return;
  }
  for (auto _ : state) {
    auto results = index->service().search(query, monday_noon_us);
    if (!results) {
      state.SkipWithError(results.error().detail.c_str());
      return;
    }
    benchmark::DoNotOptimize(results);
  }
}

void register_engine(store::Engine engine) {
  const std::string name(store::engine_name(engine));
  const auto listing = [engine](const char* label, const ListingQuery& query) {
    benchmark::RegisterBenchmark(label, [engine, query](benchmark::State& s) {
      run_listing(s, engine, query);
    })->Unit(benchmark::kMillisecond);
  };
  listing(("listing_by_distance/" + name).c_str(), {.at = paris});
  listing(("listing_open_now/" + name).c_str(), {.at = paris, .open_now = true});
  listing(("listing_by_rating/" + name).c_str(), {.at = paris, .sort = Sort::rating});
  // Every candidate's estimate from the travel model, not only the page's.
  listing(("listing_by_delivery_time/" + name).c_str(), {.at = paris, .sort = Sort::delivery_time});
  listing(("listing_cuisine_thai/" + name).c_str(), {.at = paris, .cuisines = {"thai"}});
  listing(("listing_q_pizza/" + name).c_str(), {.at = paris, .q = "pizza"});
  benchmark::RegisterBenchmark(("search_piza_near/" + name).c_str(), [engine](benchmark::State& s) {
    run_search(s, engine, {"piza", paris, search_results_default});
  })->Unit(benchmark::kMillisecond);
}

}  // namespace
}  // namespace reskflow::discovery

int main(int argc, char** argv) {
  using reskflow::store::Engine;
  reskflow::discovery::register_engine(Engine::sqlite);
  if (std::getenv("RESKFLOW_TEST_DATABASE_URL") != nullptr)
    reskflow::discovery::register_engine(Engine::postgres);
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
