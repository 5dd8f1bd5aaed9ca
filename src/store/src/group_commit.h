// Group commit: write transactions from many threads queue here, and one of the waiting threads
// at a time (the leader) runs a batch of them so that a single durable commit covers them all.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <span>
#include <string>
#include <vector>

#include "reskflow/core/trace.h"
#include "reskflow/store/database.h"

namespace reskflow::store::detail {

// One caller's transaction body and, once its batch has ended, what became of it.
struct CommitUnit {
  explicit CommitUnit(const std::function<Status(Transaction&)>& unit_body) : body(unit_body) {}

  const std::function<Status(Transaction&)>& body;
  // The submitter's span: the body runs in it whichever thread leads the batch, so an event it
  // publishes carries its caller's trace, not the leader's.
  const trace::Span* span = trace::current();
  // Set by the batch: success only when the body succeeded and the batch's commit is durable.
  Status result = std::unexpected(Error{ErrorCode::internal, "not run", {}});
  std::exception_ptr exception;  // the body threw: rethrown on the caller's thread
  std::vector<std::string> channels;
  std::uint64_t statements = 0;
  bool done = false;  // guarded by GroupCommit's mutex
};

class GroupCommit {
 public:
  // Runs every unit of a batch and commits once; sets each unit's result. Called by one thread
  // at a time, never with the queue's lock held.
  using RunBatch = std::function<void(std::span<CommitUnit* const>)>;

  GroupCommit(std::size_t batch_units_max, RunBatch run_batch);

  // Queues unit and returns once its batch has ended (run by this thread or another).
  void submit(CommitUnit& unit);
  // Units waiting for a batch to take them.
  std::size_t queued() const;

 private:
  void lead(std::unique_lock<std::mutex>& lock);

  const std::size_t batch_units_max_;
  const RunBatch run_batch_;
  mutable std::mutex mutex_;
  std::condition_variable batch_ended_;
  std::deque<CommitUnit*> queue_;  // guarded by mutex_
  bool leading_ = false;           // guarded by mutex_: a thread is running a batch
};

}  // namespace reskflow::store::detail
