// Recording milestones from deliveries' events, listing batches, and proofs of record.
#include "service.h"

#include <cmath>

#include "repository.h"
#include "reskflow/chain/eth/merkle.h"
#include "reskflow/core/log.h"
#include "reskflow/deliveries/events.h"
#include "reskflow/modules/payload.h"

namespace reskflow::chain {
namespace {

namespace devents = deliveries::events;

std::int64_t milli_celsius(const std::optional<double>& c) {
  return c ? static_cast<std::int64_t>(std::llround(*c * 1000)) : 0;
}

eth::Bytes text_bytes(std::string_view s) { return {s.begin(), s.end()}; }

std::optional<Record> milestone_of(const devents::DeliveryChanged& e, std::string_view type) {
  Record r{Milestone::created, e.delivery_id, e.at_us, {}};
  if (type == devents::delivery_pending) {
    r.detail = text_bytes(e.order_id);
  } else if (type == devents::delivery_picked_up) {
    r.milestone = Milestone::picked_up;
    r.detail = text_bytes(e.driver_id);
  } else if (type == devents::delivery_delivered) {
    r.milestone = Milestone::delivered;
    r.detail = detail_of(e.on_time, e.driver_id);
  } else {
    return std::nullopt;
  }
  return r;
}

}  // namespace

Service::Service(store::Database& database, Deps deps, ChainMetrics& metrics, Anchoring anchoring,
                 modules::Clock clock)
    : db_(database),
      deps_(deps),
      metrics_(metrics),
      anchoring_(std::move(anchoring)),
      clock_(std::move(clock)) {}

Result<bool> Service::record(const Record& record) {
  const auto now_us = clock_();
  auto inserted = db_.write(
      [&](store::Transaction& tx) { return repository::insert_record(tx, record, now_us); });
  if (inserted && *inserted) metrics_.records.inc();
  return inserted;
}

Status Service::on_delivery_changed(const bus::Envelope& event) {
  auto e = modules::payload::from_payload<devents::DeliveryChanged>(event.type, event.payload_json);
  if (!e || e->delivery_id.empty()) {
    metrics_.events_rejected.inc();
    log::error("chain_event_rejected", {{"event_id", event.event_id}, {"type", event.type}});
    return {};
  }
  const auto milestone = milestone_of(*e, event.type);
  if (!milestone) return {};
  RF_TRY(recorded, record(*milestone));
  if (milestone->milestone == Milestone::delivered) return record_proofs(e->delivery_id, e->at_us);
  return {};
}

// The proofs as they stand at delivery: photo and signature hashes, and a cold-chain summary.
Status Service::record_proofs(const std::string& delivery_id, std::int64_t at_us) {
  RF_TRY(proofs, deps_.proofs.record(delivery_id));
  std::vector<Record> records;
  for (const auto& [stored, milestone] : {std::pair{&proofs->photo, Milestone::proof_photo},
                                          std::pair{&proofs->signature, Milestone::signature}}) {
    if (!*stored) continue;
    const auto hash = eth::from_hex((*stored)->sha256).value_or(eth::Bytes{});
    records.push_back({milestone, delivery_id, (*stored)->uploaded_at_us, hash});
  }
  if (const auto& t = proofs->temperature) {
    const TemperatureDetail detail{t->compliant(),          t->readings,
                                   t->out_of_range_s,       t->excursions,
                                   milli_celsius(t->min_c), milli_celsius(t->max_c)};
    records.push_back({Milestone::temperature, delivery_id, at_us, detail_of(detail)});
  }
  for (const auto& r : records) {
    RF_TRY(recorded, record(r));
  }
  return {};
}

Result<std::vector<BatchView>> Service::batches(std::string_view state, std::int64_t after_id,
                                                std::int64_t limit) {
  return db_.read(
      [&](store::Transaction& tx) { return repository::batches(tx, state, after_id, limit); });
}

Status Service::readable(const http::Principal& caller, std::string_view delivery_id) {
  RF_TRY(d, deps_.deliveries.delivery(delivery_id));
  const auto& role = caller.role;
  if (role == identity::role_admin) return {};
  if (role == identity::role_customer && caller.subject == d->customer_id) return {};
  if (role == identity::role_driver && !d->driver_id.empty() && caller.subject == d->driver_id)
    return {};
  if (role == identity::role_merchant) {
    auto staff = deps_.directory.require_merchant_staff(caller, d->merchant_id,
                                                        identity::MerchantLevel::staff);
    if (staff) return {};
    if (staff.error().code != ErrorCode::not_found) return std::unexpected(staff.error());
  }
  return fail(ErrorCode::not_found, "no such delivery");
}

Result<ProofOfRecord> proof_of_record_in(store::Transaction& tx, std::string_view delivery_id,
                                         const Anchoring& anchoring) {
  ProofOfRecord out{std::string(delivery_id), anchoring.contract, anchoring.chain_id, {}};
  RF_TRY(stored, repository::records_of(tx, delivery_id));
  for (const auto& s : *stored) {
    RecordProof p{s.milestone, s.at_us, s.record, eth::to_hex(s.leaf), std::nullopt, {}};
    if (s.batch_id) {
      RF_TRY(batch, repository::batch(tx, *s.batch_id));
      p.batch = *batch;
      RF_TRY(leaves, repository::batch_leaves(tx, *s.batch_id));
      const eth::merkle::Tree tree(*leaves);
      for (const auto& sibling : tree.proof(static_cast<std::size_t>(s.position)))
        p.proof.push_back(eth::to_hex(sibling));
    }
    out.records.push_back(std::move(p));
  }
  return out;
}

Result<ProofOfRecord> Service::proof_of_record(const http::Principal& caller,
                                               std::string_view delivery_id) {
  RF_TRY(allowed, readable(caller, delivery_id));
  return db_.read(
      [&](store::Transaction& tx) { return proof_of_record_in(tx, delivery_id, anchoring_); });
}

}  // namespace reskflow::chain
