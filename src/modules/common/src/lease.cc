// Job leases: claiming and renewing the row on PostgreSQL, giving it up, the held gauge, and the
// background loop that runs a job only on the lease's holder.
#include "reskflow/modules/lease.h"

#include <memory>
#include <string_view>

#include "reskflow/core/assert.h"
#include "reskflow/core/log.h"
#include "reskflow/modules/settings.h"

std::span<const reskflow::store::EmbeddedFile> reskflow_migrations_leases();

namespace reskflow::modules {
namespace {

// Takes the row when it is free, expired or already ours; the expiry is the database's clock
// plus the ttl, so nodes whose clocks disagree still agree on who holds it.
constexpr std::string_view claim_sql =
    "INSERT INTO job_leases (job, owner, acquired_at, expires_at) "
    "VALUES ($1, $2, clock_timestamp(), clock_timestamp() + $3::bigint * interval '1 millisecond') "
    "ON CONFLICT (job) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at, "
    "acquired_at = CASE WHEN job_leases.owner = excluded.owner THEN job_leases.acquired_at "
    "ELSE excluded.acquired_at END "
    "WHERE job_leases.owner = excluded.owner OR job_leases.expires_at < clock_timestamp() "
    "RETURNING owner";

constexpr std::string_view release_sql = "DELETE FROM job_leases WHERE job = $1 AND owner = $2";

}  // namespace

Result<LeaseSettings> lease_settings(const std::map<std::string, std::string>& environment) {
  Settings s("lease", environment);
  LeaseSettings out;
  out.ttl_ms = std::chrono::milliseconds(s.integer("TTL_MS", out.ttl_ms.count(), 300, 600'000));
  if (auto ok = s.finish(); !ok) return std::unexpected(ok.error());
  return out;
}

store::MigrationSet lease_migrations() { return {"leases", reskflow_migrations_leases()}; }

Lease::Lease(store::Database& database, std::string job, std::string owner, LeaseSettings settings,
             metrics::Registry& metrics)
    : database_(database),
      several_nodes_(database.engine() == store::Engine::postgres),
      job_(std::move(job)),
      owner_(std::move(owner)),
      settings_(settings),
      held_gauge_(metrics.gauge("lease_held", "1 on the node that holds the job's lease",
                                {{"lease", job_}})),
      renewal_failures_(metrics.counter("lease_renewal_failures_total",
                                        "Claims or renewals of a job's lease that failed (storage)",
                                        {{"lease", job_}})) {}

Lease::~Lease() {
  renewer_.reset();  // waits for a renewal in flight, so none follows the release
  release();
}

void Lease::start() {
  RF_ASSERT(!renewer_);
  renewer_.emplace("lease_" + job_, settings_.ttl_ms / 3, [this] { (void)renew(); });
  renewer_->start();
}

bool Lease::renew() {
  const auto sent = std::chrono::steady_clock::now();
  if (!several_nodes_) {
    record(true, std::chrono::steady_clock::time_point::max(), {});
    return true;
  }
  auto claimed = database_.write([&](store::Transaction& tx) -> Result<bool> {
    const std::int64_t ttl_ms = settings_.ttl_ms.count();
    auto rows = tx.query(claim_sql, {job_, owner_, ttl_ms});
    if (!rows) return std::unexpected(rows.error());
    return !rows->empty();
  });
  if (!claimed) {
    renewal_failures_.inc();
    log::warn("lease_renewal_failed", {{"job", job_}, {"detail", claimed.error().detail}});
  }
  const bool now_held = claimed && *claimed;
  record(now_held, sent + settings_.ttl_ms, "lease_lost");
  return now_held;
}

bool Lease::held() const {
  std::lock_guard lock(mutex_);
  return held_ && std::chrono::steady_clock::now() < held_until_;
}

void Lease::release() {
  bool was_held = false;
  {
    std::lock_guard lock(mutex_);
    was_held = held_;
  }
  record(false, {}, "lease_released");
  // Touches the database only to give a PostgreSQL lease back: a lease never claimed (a module
  // built but never started) may outlive its database, as in tests.
  if (!several_nodes_ || !was_held) return;
  auto released = database_.write([&](store::Transaction& tx) -> Result<std::int64_t> {
    return tx.exec(release_sql, {job_, owner_});
  });
  if (!released)
    log::warn("lease_release_failed", {{"job", job_}, {"detail", released.error().detail}});
}

// Keeps the state, the gauge and the log in step; logs only when the holder changes.
void Lease::record(bool held, std::chrono::steady_clock::time_point until,
                   std::string_view lost_event) {
  bool changed = false;
  {
    std::lock_guard lock(mutex_);
    changed = held != held_;
    held_ = held;
    held_until_ = until;
  }
  held_gauge_.set(held ? 1.0 : 0.0);
  if (changed) log::info(held ? "lease_acquired" : lost_event, {{"job", job_}, {"owner", owner_}});
}

namespace {

// A leased job's state, shared by the copies of the loop's body; runs on the loop's thread only.
class LeasedJob {
 public:
  LeasedJob(const Platform& platform, const std::string& name, LeaseSettings settings,
            std::function<void()> body)
      : lease_(platform.database, name, per_node_consumer(platform.config, ""), settings,
               platform.metrics),
        body_(std::move(body)) {}

  // The first run claims the lease and starts renewing it.
  void run() {
    if (!started_) {
      started_ = true;
      (void)lease_.renew();
      lease_.start();
    }
    if (lease_.held()) body_();
  }

 private:
  Lease lease_;
  std::function<void()> body_;
  bool started_ = false;
};

}  // namespace

BackgroundLoop leased_loop(const Platform& platform, std::string name,
                           std::chrono::milliseconds period, std::function<void()> body,
                           std::chrono::milliseconds wake_gap) {
  // The platform refused to start with invalid lease settings, so these are valid or unset.
  const auto settings = lease_settings(Settings::process_environment()).value_or(LeaseSettings{});
  auto job = std::make_shared<LeasedJob>(platform, name, settings, std::move(body));
  return BackgroundLoop(
      std::move(name), period, [job] { job->run(); }, wake_gap);
}

}  // namespace reskflow::modules
