// Cold-chain readings: checked, stored once each, summarised, and an excursion alerted once.
#include <algorithm>
#include <cmath>
#include <string>

#include "repository.h"
#include "reskflow/bus/outbox.h"
#include "reskflow/modules/payload.h"
#include "service.h"

namespace reskflow::proofs {
namespace {

std::unexpected<Error> not_cold(const deliveries::Delivery& d) {
  return fail(ErrorCode::conflict, "delivery " + d.id +
                                       " is not a cold-chain delivery: it has no allowed "
                                       "temperature range, so it takes no readings");
}

events::TemperatureExcursion excursion_event(const deliveries::Delivery& d, const Excursion& e) {
  return {d.id,      d.order_id,          d.merchant_id,       d.driver_id,
          e.celsius, d.cold_chain->min_c, d.cold_chain->max_c, e.started_at_us};
}

}  // namespace

Status Service::check_readings(const deliveries::Delivery& d,
                               const std::vector<Reading>& readings) const {
  std::vector<FieldError> errors;
  const auto latest_us = clock_() + reading_clock_skew_us;
  for (std::size_t i = 0; i < readings.size(); ++i) {
    const auto& r = readings[i];
    const auto at = "readings[" + std::to_string(i) + "]";
    if (!std::isfinite(r.celsius) || r.celsius < celsius_min || r.celsius > celsius_max)
      errors.push_back({at + ".celsius", "must be a temperature from -100 to 100 °C"});
    if (r.measured_at_us > latest_us)
      errors.push_back({at + ".measured_at", "must not be in the future"});
    else if (r.measured_at_us < d.created_at_us)
      errors.push_back({at + ".measured_at", "must not be before the delivery was created"});
  }
  if (errors.empty()) return {};
  return fail(ErrorCode::validation_failed, "some readings are invalid", std::move(errors));
}

Result<ReadingsOutcome> Service::add_readings(const ReadingSource& from,
                                              std::string_view delivery_id,
                                              const std::vector<Reading>& readings) {
  RF_TRY(d, courier_delivery(from.driver_id, delivery_id));
  if (!d->cold_chain) return not_cold(*d);
  RF_TRY(open, check_courier_window(*d, true));
  RF_TRY(valid, check_readings(*d, readings));
  RF_TRY(outcome, store_readings(from, *d, readings));
  metrics_.readings_recorded.inc(static_cast<double>(outcome->accepted));
  for (const auto& e : outcome->alerted) {
    metrics_.excursions.inc();
    if (on_excursion_) on_excursion_(e);
  }
  return outcome;
}

Result<ReadingsOutcome> Service::store_readings(const ReadingSource& from,
                                                const deliveries::Delivery& d,
                                                const std::vector<Reading>& readings) {
  return db_.write([&](store::Transaction& tx) -> Result<ReadingsOutcome> {
    ReadingsOutcome out;
    RF_TRY(count, repository::reading_count(tx, d.id));
    if (*count + std::ssize(readings) > settings_.readings_per_delivery_max)
      return fail(ErrorCode::conflict, "delivery " + d.id + " has " + std::to_string(*count) +
                                           " readings; it keeps at most " +
                                           std::to_string(settings_.readings_per_delivery_max));
    RF_TRY(added, repository::insert_readings(tx, d.id, readings, from.source, clock_()));
    out.accepted = *added;
    out.duplicates = std::ssize(readings) - *added;
    RF_TRY(all, repository::readings(tx, d.id));
    const auto analysis = analyse(*all, *d.cold_chain);
    out.summary = analysis.summary;
    RF_TRY(alerted, repository::excursions(tx, d.id));
    for (const auto& e : new_excursions(analysis.excursions, *alerted)) {
      RF_TRY(inserted, repository::insert_excursion(tx, d.id, e));
      auto event = excursion_event(d, e);
      RF_TRY(published, bus::publish(tx, {std::string(events::temperature_excursion), d.id,
                                          modules::payload::to_payload(event)}));
      out.alerted.push_back(std::move(event));
    }
    return out;
  });
}

Result<ComplianceSummary> Service::compliance(store::Transaction& tx,
                                              const deliveries::Delivery& d) {
  RF_TRY(all, repository::readings(tx, d.id));
  return analyse(*all, *d.cold_chain).summary;
}

Result<TemperatureReport> Service::temperature(const http::Principal& caller,
                                               std::string_view delivery_id) {
  RF_TRY(d, readable_delivery(caller, delivery_id));
  if (!d->cold_chain) return not_cold(*d);
  return db_.read([&](store::Transaction& tx) -> Result<TemperatureReport> {
    RF_TRY(all, repository::readings(tx, d->id));
    auto analysis = analyse(*all, *d->cold_chain);
    return TemperatureReport{analysis.summary, std::move(analysis.excursions)};
  });
}

}  // namespace reskflow::proofs
