// One node at a time for a scheduled job: a lease row in PostgreSQL that its holder renews, and
// the background loop that runs its body only on the lease's holder (docs/deployment.md#leases).
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "reskflow/core/errors.h"
#include "reskflow/core/metrics.h"
#include "reskflow/modules/background_loop.h"
#include "reskflow/modules/module.h"
#include "reskflow/store/database.h"
#include "reskflow/store/migrations.h"

namespace reskflow::modules {

// RESKFLOW_LEASE_<KEY>; unknown keys are refused at start-up.
struct LeaseSettings {
  // A lease not renewed for this long is free for another node. The holder renews it every
  // third of it, so a node that died is replaced after at most ttl + ttl / 3.
  std::chrono::milliseconds ttl_ms{15'000};
};

Result<LeaseSettings> lease_settings(const std::map<std::string, std::string>& environment);

// The lease table (empty on SQLite, where one node always holds): migrate it with the bus's.
store::MigrationSet lease_migrations();

// This node's claim on the job `job`. On SQLite it is always held and nothing is written. On
// PostgreSQL the row job_leases(job) names its owner and when it expires by the database's
// clock, so the nodes' clocks need not agree; a node takes the row when it is free, expired or
// already its own (a restarted node with the same name resumes at once). `lease_held{lease}` is 1
// on the node that holds it.
class Lease {
 public:
  Lease(store::Database& database, std::string job, std::string owner, LeaseSettings settings,
        metrics::Registry& metrics);
  // Stops renewing and gives the lease up, so that another node takes it at its next renewal.
  ~Lease();
  Lease(const Lease&) = delete;
  Lease& operator=(const Lease&) = delete;

  // Renews (or claims) the lease every ttl / 3 on a thread of its own, so a long run of the
  // job does not let it lapse. Once only.
  void start();
  // Claims or renews the lease now; whether this node holds it afterwards.
  bool renew();
  // True while this node holds the lease: its last claim or renewal succeeded less than a ttl
  // ago, counted on this node's steady clock from before the claim was sent (so it ends before
  // the database lets another node in).
  bool held() const;
  // Gives the lease up now; the next renew() claims it again if it is still free.
  void release();

 private:
  // Sets the state and the gauge; logs lease_acquired, or lost_event when this node stops
  // holding the lease.
  void record(bool held, std::chrono::steady_clock::time_point until, std::string_view lost_event);

  store::Database& database_;
  const bool several_nodes_;  // PostgreSQL; SQLite serves one node and always holds
  const std::string job_;
  const std::string owner_;
  const LeaseSettings settings_;
  metrics::Gauge& held_gauge_;
  metrics::Counter& renewal_failures_;
  mutable std::mutex mutex_;
  bool held_ = false;                                   // guarded by mutex_
  std::chrono::steady_clock::time_point held_until_{};  // guarded by mutex_
  std::optional<BackgroundLoop> renewer_;               // from start() on
};

// A background loop (as BackgroundLoop(name, period, body, wake_gap)) for a job that must not run
// on two nodes at once: the lease `name` is claimed at the loop's first run and renewed from then
// on, and each run calls `body` only while this node holds it. Nodes that do not hold it keep their
// schedule and skip, so a node that takes the lease over runs the job at its next period.
BackgroundLoop leased_loop(const Platform& platform, std::string name,
                           std::chrono::milliseconds period, std::function<void()> body,
                           std::chrono::milliseconds wake_gap = {});

}  // namespace reskflow::modules
