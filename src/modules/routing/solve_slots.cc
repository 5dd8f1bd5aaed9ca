// The concurrent-solve bound: a lock-free counter of slots in use.
#include "solve_slots.h"

namespace reskflow::routing {

SolveSlots::Permit::~Permit() {
  if (slots_ != nullptr) slots_->release();
}

std::optional<SolveSlots::Permit> SolveSlots::try_acquire() {
  std::size_t used = in_use_.load(std::memory_order_acquire);
  do {
    if (used >= capacity_) return std::nullopt;
  } while (!in_use_.compare_exchange_weak(used, used + 1, std::memory_order_acq_rel));
  return Permit(this);
}

}  // namespace reskflow::routing
