// Group commit's queue and leader hand-over (the batch itself is the engine's: RunBatch).
#include "group_commit.h"

#include <algorithm>
#include <utility>

namespace reskflow::store::detail {
namespace {

// The group commit whose batch this thread is running: a write started from inside one of its
// bodies would wait for the batch it is part of.
thread_local const GroupCommit* running_batch_of = nullptr;

}  // namespace

GroupCommit::GroupCommit(std::size_t batch_units_max, RunBatch run_batch)
    : batch_units_max_(std::max<std::size_t>(batch_units_max, 1)),
      run_batch_(std::move(run_batch)) {}

void GroupCommit::submit(CommitUnit& unit) {
  if (running_batch_of == this) {
    unit.result = fail(ErrorCode::internal,
                       "a write transaction was started inside another on the same database");
    return;
  }
  std::unique_lock lock(mutex_);
  queue_.push_back(&unit);
  while (!unit.done) {
    if (leading_) {
      batch_ended_.wait(lock);
    } else {
      lead(lock);
    }
  }
}

// Takes up to batch_units_max_ units from the front of the queue and runs them unlocked. Those
// that queued meanwhile form the next batch, led by one of them once this one has ended.
void GroupCommit::lead(std::unique_lock<std::mutex>& lock) {
  leading_ = true;
  const auto count = static_cast<std::ptrdiff_t>(std::min(queue_.size(), batch_units_max_));
  const std::vector<CommitUnit*> batch(queue_.begin(), queue_.begin() + count);
  queue_.erase(queue_.begin(), queue_.begin() + count);
  lock.unlock();
  running_batch_of = this;
  try {
    run_batch_(batch);
  } catch (...) {
    // Only an allocation can fail here (bodies' exceptions are caught per unit): whatever the
    // batch had not settled fails, and the caller of each unit sees the exception.
    for (CommitUnit* waiting : batch) {
      if (!waiting->exception) waiting->exception = std::current_exception();
    }
  }
  running_batch_of = nullptr;
  lock.lock();
  for (CommitUnit* finished : batch) finished->done = true;
  leading_ = false;
  batch_ended_.notify_all();
}

std::size_t GroupCommit::queued() const {
  const std::lock_guard lock(mutex_);
  return queue_.size();
}

}  // namespace reskflow::store::detail
