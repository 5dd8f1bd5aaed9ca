// The proofs module's typed settings (RESKFLOW_PROOFS_*).
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "reskflow/core/errors.h"

namespace reskflow::proofs {

struct ProofsSettings {
  // The proof store's directory (photos and signatures, one file each).
  std::string dir = "var/proofs";
  // The largest photo accepted (413 above). The server's RESKFLOW_BODY_BYTES_MAX cuts off any
  // body first, so it must be at least this large for the limit to be reached.
  std::int64_t photo_bytes_max = std::int64_t{5} * 1024 * 1024;
  // The largest signature PNG, and its largest width or height in pixels.
  std::int64_t signature_bytes_max = std::int64_t{256} * 1024;
  std::int64_t signature_pixels_max = 2048;
  // How long after delivery the courier may still add a photo, a signature or readings.
  std::int64_t after_delivery_window_s = 600;
  // The most temperature readings one delivery keeps (one every 10 s for about 14 hours).
  std::int64_t readings_per_delivery_max = 5000;
};

// Reads RESKFLOW_PROOFS_* from `environment`; unknown keys and out-of-range values are refused.
Result<ProofsSettings> load_settings(const std::map<std::string, std::string>& environment);

}  // namespace reskflow::proofs
