// Every metric the proofs module exports, declared in one place.
#pragma once

#include "reskflow/core/metrics.h"

namespace reskflow::proofs {

struct ProofsMetrics {
  explicit ProofsMetrics(metrics::Registry& r)
      : photos_stored(
            r.counter("proofs_files_stored_total", "Proof files stored", {{"kind", "photo"}})),
        signatures_stored(
            r.counter("proofs_files_stored_total", "Proof files stored", {{"kind", "signature"}})),
        metadata_bytes_removed(r.counter("proofs_metadata_bytes_removed_total",
                                         "Bytes of image metadata (EXIF, XMP, text) removed")),
        store_failures(r.counter("proofs_store_failures_total",
                                 "Proof store writes or removals that failed (logged)")),
        readings_recorded(r.counter("proofs_temperature_readings_total",
                                    "Temperature readings recorded (duplicates excluded)")),
        excursions(r.counter("proofs_temperature_excursions_total",
                             "Cold-chain excursions detected (one per excursion)")),
        devices_issued(r.counter("proofs_devices_issued_total", "Sensor device keys issued")),
        device_key_refusals(r.counter("proofs_device_key_refusals_total",
                                      "Requests with an unknown or revoked device key")) {}

  metrics::Counter& photos_stored;
  metrics::Counter& signatures_stored;
  metrics::Counter& metadata_bytes_removed;
  metrics::Counter& store_failures;
  metrics::Counter& readings_recorded;
  metrics::Counter& excursions;
  metrics::Counter& devices_issued;
  metrics::Counter& device_key_refusals;
};

}  // namespace reskflow::proofs
