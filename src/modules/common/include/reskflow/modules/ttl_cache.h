// A small thread-safe cache whose entries expire after a fixed time, with an injected clock and
// a bound on its entries (in-process caches with TTLs, invalidated on writes).
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>

namespace reskflow::modules {

template <class V>
class TtlCache {
 public:
  using Clock = std::function<std::chrono::steady_clock::time_point()>;

  TtlCache(std::chrono::milliseconds ttl_ms, std::size_t entries_max, Clock clock = {})
      : ttl_(ttl_ms), entries_max_(entries_max), clock_(std::move(clock)) {
    if (!clock_) clock_ = [] { return std::chrono::steady_clock::now(); };
  }

  std::optional<V> get(std::string_view key) {
    std::lock_guard lock(mutex_);
    const auto it = entries_.find(std::string(key));
    if (it == entries_.end()) return std::nullopt;
    if (clock_() >= it->second.expires) {
      entries_.erase(it);
      return std::nullopt;
    }
    return it->second.value;
  }

  void put(std::string key, V value) {
    std::lock_guard lock(mutex_);
    const auto now = clock_();
    if (entries_.size() >= entries_max_) {
      std::erase_if(entries_, [now](const auto& e) { return now >= e.second.expires; });
      if (entries_.size() >= entries_max_) entries_.clear();
    }
    entries_.insert_or_assign(std::move(key), Entry{std::move(value), now + ttl_});
  }

  void erase(std::string_view key) {
    std::lock_guard lock(mutex_);
    entries_.erase(std::string(key));
  }

  void clear() {
    std::lock_guard lock(mutex_);
    entries_.clear();
  }

 private:
  struct Entry {
    V value;
    std::chrono::steady_clock::time_point expires;
  };
  std::chrono::milliseconds ttl_;
  std::size_t entries_max_;
  Clock clock_;
  std::mutex mutex_;
  std::unordered_map<std::string, Entry> entries_;  // guarded by mutex_
};

}  // namespace reskflow::modules
