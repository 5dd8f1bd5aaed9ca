// Dispatch and offers: a round expires lapsed offers, reads the waiting deliveries and the
// couriers (their committed stops, load and quality scores), lets plan_dispatch choose, and
// offers each choice; a courier accepts or declines; an admin assigns by hand.
#include <algorithm>
#include <limits>
#include <unordered_map>
#include <unordered_set>

#include "publish.h"
#include "repository.h"
#include "reskflow/core/log.h"
#include "reskflow/store/uuid.h"
#include "service.h"

namespace reskflow::deliveries {
namespace {

constexpr std::int64_t lapsed_batch_max = 500;

std::int64_t micros(std::chrono::nanoseconds d) {
  return std::chrono::duration_cast<std::chrono::microseconds>(d).count();
}

// A courier's stops still to make: the pickups they have not made, then the drop-offs, each in
// the order the deliveries were assigned.
void add_stops(const std::vector<DeliveryRecord>& mine, Courier& c) {
  for (const auto& r : mine) {
    if (r.status() == status_assigned || r.status() == status_at_pickup)
      c.committed.push_back({r.id(), true, r.delivery.pickup});
  }
  for (const auto& r : mine) c.committed.push_back({r.id(), false, r.delivery.dropoff});
  c.on_board_or_assigned = static_cast<std::int64_t>(mine.size());
}

}  // namespace

// The couriers a round may offer to (those of `on_shift` not answering an offer), with their
// committed stops and load. Their record waits until the round knows whom it reaches.
Result<std::vector<Courier>> Service::couriers(std::vector<drivers::OnlineDriver> on_shift) {
  struct Read {
    std::vector<DeliveryRecord> active;
    std::vector<Offer> pending;
  };
  RF_TRY(read, db_.read([&](store::Transaction& tx) -> Result<Read> {
    RF_TRY(active, repository::active(tx));
    RF_TRY(pending, repository::pending_offers(tx));
    return Read{std::move(*active), std::move(*pending)};
  }));
  std::unordered_map<std::string, std::vector<DeliveryRecord>> by_driver;
  for (auto& r : read->active) by_driver[r.delivery.driver_id].push_back(std::move(r));
  std::unordered_set<std::string> answering;  // waiting for their answer to an offer
  for (const auto& o : read->pending) answering.insert(o.driver_id);
  std::vector<Courier> out;
  out.reserve(on_shift.size());
  for (auto& driver : on_shift) {
    if (answering.contains(driver.driver_id)) continue;
    Courier c{std::move(driver), {}, 0, {}, {}};
    if (const auto it = by_driver.find(c.driver.driver_id); it != by_driver.end())
      add_stops(it->second, c);
    out.push_back(std::move(c));
  }
  return out;
}

// The acceptance and on-time rates and the rating of the quality module's scores, with what
// each was counted over, for the couriers `which` (indices into `couriers`) alone: one read,
// however many couriers are on shift.
Status Service::add_records(std::vector<Courier>& couriers, const std::vector<std::size_t>& which) {
  std::vector<std::string> ids;
  ids.reserve(which.size());
  for (const auto c : which) ids.push_back(couriers[c].driver.driver_id);
  RF_TRY(scores, quality_.scores_of_drivers(ids));
  for (std::size_t i = 0; i < which.size() && i < scores->size(); ++i) {
    auto& c = couriers[which[i]];
    const auto& score = (*scores)[i];
    c.acceptance_rate = score.acceptance_rate;
    c.on_time_rate = score.on_time_rate;
    c.rating = score.rating;
    c.offers = score.offers;
    c.deliveries = score.deliveries;
    c.ratings = score.rating_count;
  }
  return {};
}

// The product's policy, weighted by the settings.
DispatchPolicy Service::dispatch_policy() const {
  DispatchPolicy policy;
  policy.decline_penalty = settings_.decline_penalty_s;
  policy.late_record_penalty = settings_.late_record_penalty_s;
  policy.low_rating_penalty = settings_.low_rating_penalty_s;
  policy.defer_cost_above = settings_.defer_cost_above_s;
  policy.dispatch_lead = settings_.dispatch_lead_s;
  policy.batch_detour_max = settings_.batch_detour_s_max;
  policy.candidates_per_delivery = static_cast<std::size_t>(settings_.candidates_per_delivery);
  return policy;
}

Result<std::int64_t> Service::dispatch_round() {
  RF_TRY(expired, expire_offers());
  const auto now = clock_();
  // The nearest rule offers whatever the readiness; the product's policy nothing beyond its
  // horizon, so that the orders still being cooked (most of a busy city's) are not read.
  const bool nearest = settings_.dispatch_policy == DispatchRule::nearest;
  auto policy = dispatch_policy();
  const auto ready_by =
      nearest ? std::numeric_limits<std::int64_t>::max() : now + micros(offer_horizon(policy));
  RF_TRY(waiting, db_.read([&](store::Transaction& tx) -> Result<std::vector<WaitingDelivery>> {
    RF_TRY(records, repository::waiting(tx, ready_by, settings_.round_deliveries_max));
    std::vector<WaitingDelivery> out;
    for (const auto& r : *records) {
      RF_TRY(passed, repository::passed_over(tx, r.id()));
      out.push_back({r.id(), r.delivery.pickup, r.delivery.dropoff, r.ready_at_us, r.due_by_us,
                     r.needs_cold(), std::move(*passed)});
    }
    return out;
  }));
  if (waiting->empty()) return 0;
  // One read of the fleet a round (a Redis round trip with the shared fleet): the couriers the
  // round may offer to, indexed once for every delivery's search.
  RF_TRY(couriers_now, couriers(drivers_.available()));
  std::vector<Proposal> proposals;
  if (nearest) {
    proposals = plan_nearest_first(*waiting, *couriers_now);
  } else {
    const auto reached = reach(*waiting, *couriers_now, policy);
    RF_TRY(recorded, add_records(*couriers_now, reached.couriers));
    policy.deadline = std::chrono::steady_clock::now() + settings_.round_budget_ms;
    proposals = plan_dispatch(now, *waiting, *couriers_now, reached, drivers_, policy);
  }
  std::int64_t made = 0;
  for (const auto& p : proposals) {
    if (auto offered = make_offer(p, now); offered)
      ++made;
    else if (offered.error().code != ErrorCode::conflict)
      return std::unexpected(offered.error());
  }
  return made;
}

Status Service::make_offer(const Proposal& proposal, std::int64_t now_us) {
  std::optional<OfferView> made;
  RF_TRY(done, db_.write([&](store::Transaction& tx) -> Status {
    RF_TRY(found, repository::delivery(tx, proposal.delivery_id));
    if (!*found || (*found)->status() != status_pending)
      return fail(ErrorCode::conflict, "the delivery is no longer waiting");
    RF_TRY(theirs, repository::pending_offers_of(tx, proposal.driver_id, now_us));
    if (!theirs->empty()) return fail(ErrorCode::conflict, "the courier has an offer already");
    RF_TRY(pay, modules::add((*found)->earnings, (*found)->tip));
    const Offer offer{store::new_uuid_v7(),
                      proposal.delivery_id,
                      proposal.driver_id,
                      std::string(offer_pending),
                      pay->amount_minor,
                      (*found)->distance_m,
                      now_us,
                      now_us + micros(settings_.offer_timeout_s)};
    RF_TRY(inserted, repository::insert_offer(tx, offer));
    made = OfferView{offer, **found};
    return {};
  }));
  metrics_.offers_made.inc();
  if (offer_listener_) offer_listener_(*made);
  return {};
}

Result<std::int64_t> Service::expire_offers() {
  const auto now = clock_();
  RF_TRY(lapsed, db_.write([&](store::Transaction& tx) -> Result<std::vector<Offer>> {
    RF_TRY(offers, repository::lapsed_offers(tx, now, lapsed_batch_max));
    for (const auto& o : *offers) {
      RF_TRY(resolved, repository::resolve_offer(tx, o.id, offer_expired, now));
      if (*resolved) {
        RF_TRY(published, publish_offer(tx, o, offer_expired, now));
      }
    }
    return std::move(*offers);
  }));
  metrics_.offers_expired.inc(static_cast<double>(lapsed->size()));
  return static_cast<std::int64_t>(lapsed->size());
}

Result<std::vector<OfferView>> Service::offers_of(std::string_view driver_id) {
  const auto now = clock_();
  return db_.read([&](store::Transaction& tx) -> Result<std::vector<OfferView>> {
    RF_TRY(offers, repository::pending_offers_of(tx, driver_id, now));
    std::vector<OfferView> out;
    for (auto& o : *offers) {
      RF_TRY(d, repository::delivery(tx, o.delivery_id));
      if (*d) out.push_back({std::move(o), std::move(**d)});
    }
    return out;
  });
}

Result<DeliveryRecord> Service::accept_offer(std::string_view driver_id,
                                             std::string_view offer_id) {
  const auto now = clock_();
  RF_TRY(offer, db_.read([&](store::Transaction& tx) { return repository::offer(tx, offer_id); }));
  if (!*offer || (*offer)->driver_id != driver_id)
    return fail(ErrorCode::not_found, "no such offer");
  if ((*offer)->status != offer_pending || (*offer)->expires_at_us <= now)
    return fail(ErrorCode::conflict, "this offer has lapsed or was answered already");
  auto taken = take((*offer)->delivery_id, driver_id, [&](store::Transaction& tx) -> Status {
    RF_TRY(resolved, repository::resolve_offer(tx, offer_id, offer_accepted, now));
    if (!*resolved) return fail(ErrorCode::conflict, "this offer was answered already");
    return publish_offer(tx, **offer, offer_accepted, now);
  });
  if (taken) metrics_.offers_accepted.inc();
  return taken;
}

Status Service::decline_offer(std::string_view driver_id, std::string_view offer_id) {
  const auto now = clock_();
  RF_TRY(done, db_.write([&](store::Transaction& tx) -> Status {
    RF_TRY(offer, repository::offer(tx, offer_id));
    if (!*offer || (*offer)->driver_id != driver_id)
      return fail(ErrorCode::not_found, "no such offer");
    RF_TRY(resolved, repository::resolve_offer(tx, offer_id, offer_declined, now));
    if (!*resolved) return fail(ErrorCode::conflict, "this offer has lapsed or was answered");
    return publish_offer(tx, **offer, offer_declined, now);
  }));
  metrics_.offers_declined.inc();
  return {};
}

Result<DeliveryRecord> Service::assign(std::string_view delivery_id, std::string_view driver_id) {
  const auto courier = drivers_.online(driver_id);
  if (!courier)
    return fail(ErrorCode::validation_failed, "some fields are invalid; see errors",
                {{"driver_id", "is not a courier on shift"}});
  RF_TRY(before, get(delivery_id));
  if (before->needs_cold() && !courier->cold_storage)
    return fail(ErrorCode::validation_failed, "some fields are invalid; see errors",
                {{"driver_id", "has no cold storage, and this delivery must stay cold"}});
  const auto now = clock_();
  return take(delivery_id, driver_id, [&](store::Transaction& tx) {
    return repository::withdraw_offers(tx, delivery_id, now);
  });
}

// The delivery becomes the courier's (from pending, or from another courier before pickup),
// with ETAs from where they are.
Result<DeliveryRecord> Service::take(std::string_view delivery_id, std::string_view driver_id,
                                     const std::function<Status(store::Transaction&)>& also) {
  RF_TRY(before, get(delivery_id));
  const auto& status = before->status();
  if (status != status_pending && status != status_assigned && status != status_at_pickup)
    return fail(ErrorCode::conflict, "this delivery is " + status + ": it cannot change hands");
  const auto now = std::max(clock_(), before->updated_at_us);
  DeliveryRecord after = *before;
  after.delivery.driver_id = std::string(driver_id);
  after.delivery.status = std::string(status_assigned);
  after.assigned_at_us = now;
  after.version += 1;
  after.updated_at_us = now;
  if (const auto courier = drivers_.online(driver_id))
    estimate(after, courier->position.point, courier->vehicle, now);
  RF_TRY(committed, commit(*before, after, also));
  return after;
}

}  // namespace reskflow::deliveries
