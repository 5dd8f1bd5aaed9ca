// A bound on concurrent solves: solves are CPU-bound and run on the server's worker pool, so
// at most `capacity` of them may hold a worker at once; the rest are refused, not queued.
#pragma once

#include <atomic>
#include <cstddef>
#include <optional>

namespace reskflow::routing {

class SolveSlots {
 public:
  // Holds one slot until destroyed (move-only).
  class Permit {
   public:
    Permit(Permit&& other) noexcept : slots_(other.slots_) { other.slots_ = nullptr; }
    Permit& operator=(Permit&&) = delete;
    Permit(const Permit&) = delete;
    Permit& operator=(const Permit&) = delete;
    ~Permit();

   private:
    friend class SolveSlots;
    explicit Permit(SolveSlots* slots) : slots_(slots) {}
    SolveSlots* slots_;
  };

  explicit SolveSlots(std::size_t capacity) : capacity_(capacity) {}

  // A permit when a slot is free; nullopt when `capacity` solves are already running.
  std::optional<Permit> try_acquire();

  std::size_t in_use() const { return in_use_.load(std::memory_order_acquire); }
  std::size_t capacity() const { return capacity_; }

 private:
  void release() { in_use_.fetch_sub(1, std::memory_order_acq_rel); }

  const std::size_t capacity_;
  std::atomic<std::size_t> in_use_{0};
};

}  // namespace reskflow::routing
