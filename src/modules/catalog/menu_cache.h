// The menu caches: a merchant with its loaded menu for the structure TTL (5 min),
// and the rendered GET response (bytes, ETag, gzip) for the availability TTL (1 min), both
// dropped on every change to that merchant. A load that raced with a change is never stored:
// each merchant hashes to a generation counter that a change bumps before it drops entries.
#pragma once

#include <array>
#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "model.h"
#include "reskflow/core/representation.h"
#include "reskflow/modules/ttl_cache.h"

namespace reskflow::catalog {

// A merchant and its menu, read in one transaction.
struct MenuSnapshot {
  Merchant merchant;
  Menu menu;
};

struct MenuCacheLimits {
  std::chrono::milliseconds structure_ttl_ms{300'000};
  std::chrono::milliseconds rendered_ttl_ms{60'000};
  std::size_t entries_max = 10'000;
};

class MenuCache {
 public:
  using Clock = modules::TtlCache<int>::Clock;
  explicit MenuCache(MenuCacheLimits limits, const Clock& clock = {});

  // Read before loading from storage; pass to put_* so a stale load is dropped.
  std::uint64_t generation(std::string_view merchant_id) const;

  std::shared_ptr<const MenuSnapshot> snapshot(std::string_view merchant_id);
  void put_snapshot(const std::string& merchant_id, std::shared_ptr<const MenuSnapshot> snapshot,
                    std::uint64_t generation);

  // Non-blocking (a mutex held for a map lookup): safe on an I/O thread.
  std::shared_ptr<const http::Representation> rendered(std::string_view merchant_id);
  void put_rendered(const std::string& merchant_id,
                    std::shared_ptr<const http::Representation> rendered, std::uint64_t generation);

  void invalidate(std::string_view merchant_id);

  // True when the cached snapshot is at `version` or newer, so an event of that version
  // (this node's own change, or one it has already reloaded) need not drop anything.
  bool holds_version(std::string_view merchant_id, std::int64_t version);

 private:
  static constexpr std::size_t generation_slots = 1024;
  std::atomic<std::uint64_t>& slot(std::string_view merchant_id) const;

  mutable std::array<std::atomic<std::uint64_t>, generation_slots> generations_{};
  modules::TtlCache<std::shared_ptr<const MenuSnapshot>> snapshots_;
  modules::TtlCache<std::shared_ptr<const http::Representation>> rendered_;
};

}  // namespace reskflow::catalog
