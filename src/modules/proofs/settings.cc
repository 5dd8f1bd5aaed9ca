// RESKFLOW_PROOFS_DIR (default var/proofs), PHOTO_BYTES_MAX (1 KiB..50 MiB, default 5 MiB),
// SIGNATURE_BYTES_MAX (1 KiB..5 MiB, default 256 KiB), SIGNATURE_PIXELS_MAX (64..8192, default
// 2048), AFTER_DELIVERY_WINDOW_S (0..86400, default 600), READINGS_PER_DELIVERY_MAX (10..100000,
// default 5000).
#include "settings.h"

#include "reskflow/modules/settings.h"

namespace reskflow::proofs {

Result<ProofsSettings> load_settings(const std::map<std::string, std::string>& environment) {
  modules::Settings s("proofs", environment);
  ProofsSettings out;
  constexpr std::int64_t kib = 1024;
  out.dir = s.text("DIR", out.dir);
  out.photo_bytes_max = s.integer("PHOTO_BYTES_MAX", out.photo_bytes_max, kib, 50 * kib * kib);
  out.signature_bytes_max =
      s.integer("SIGNATURE_BYTES_MAX", out.signature_bytes_max, kib, 5 * kib * kib);
  out.signature_pixels_max = s.integer("SIGNATURE_PIXELS_MAX", out.signature_pixels_max, 64, 8192);
  out.after_delivery_window_s =
      s.integer("AFTER_DELIVERY_WINDOW_S", out.after_delivery_window_s, 0, 86'400);
  out.readings_per_delivery_max =
      s.integer("READINGS_PER_DELIVERY_MAX", out.readings_per_delivery_max, 10, 100'000);
  if (auto ok = s.finish(); !ok) return std::unexpected(ok.error());
  if (out.dir.empty())
    return fail(ErrorCode::validation_failed, "invalid settings",
                {{"RESKFLOW_PROOFS_DIR", "must not be empty"}});
  return out;
}

}  // namespace reskflow::proofs
