// The menu caches with generation checks against racing loads.
#include "menu_cache.h"

#include <functional>

namespace reskflow::catalog {

MenuCache::MenuCache(MenuCacheLimits limits, const Clock& clock)
    : snapshots_(limits.structure_ttl_ms, limits.entries_max, clock),
      rendered_(limits.rendered_ttl_ms, limits.entries_max, clock) {}

std::atomic<std::uint64_t>& MenuCache::slot(std::string_view merchant_id) const {
  return generations_[std::hash<std::string_view>{}(merchant_id) % generation_slots];
}

std::uint64_t MenuCache::generation(std::string_view merchant_id) const {
  return slot(merchant_id).load();
}

std::shared_ptr<const MenuSnapshot> MenuCache::snapshot(std::string_view merchant_id) {
  return snapshots_.get(merchant_id).value_or(nullptr);
}

// Stored only when no change came in since the load began; a change that lands between the
// check and the store is caught by the second check (changes bump, then erase).
void MenuCache::put_snapshot(const std::string& merchant_id,
                             std::shared_ptr<const MenuSnapshot> snapshot,
                             std::uint64_t generation) {
  if (slot(merchant_id).load() != generation) return;
  snapshots_.put(merchant_id, std::move(snapshot));
  if (slot(merchant_id).load() != generation) snapshots_.erase(merchant_id);
}

std::shared_ptr<const http::Representation> MenuCache::rendered(std::string_view merchant_id) {
  return rendered_.get(merchant_id).value_or(nullptr);
}

void MenuCache::put_rendered(const std::string& merchant_id,
                             std::shared_ptr<const http::Representation> rendered,
                             std::uint64_t generation) {
  if (slot(merchant_id).load() != generation) return;
  rendered_.put(merchant_id, std::move(rendered));
  if (slot(merchant_id).load() != generation) rendered_.erase(merchant_id);
}

bool MenuCache::holds_version(std::string_view merchant_id, std::int64_t version) {
  const auto cached = snapshot(merchant_id);
  return cached && cached->merchant.version >= version;
}

void MenuCache::invalidate(std::string_view merchant_id) {
  slot(merchant_id).fetch_add(1);
  snapshots_.erase(merchant_id);
  rendered_.erase(merchant_id);
}

}  // namespace reskflow::catalog
