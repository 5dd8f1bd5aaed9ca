// RESKFLOW_IDENTITY_* settings: defaults for the embedded mode, refusals for production.
#include "settings.h"

#include "crypto.h"
#include "reskflow/modules/settings.h"

namespace reskflow::identity {
namespace {

std::vector<std::string> split_list(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= text.size() && !text.empty()) {
    const auto comma = text.find(',', start);
    const auto item =
        text.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    if (!item.empty()) out.push_back(item);
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return out;
}

// Development defaults derive from JWT_SECRET so that a fresh checkout works; production
// must configure its own keys.
std::string derived(const Config& config, std::string_view purpose) {
  return hmac_sha256(config.jwt_secret, purpose);
}

void read_limits(modules::Settings& s, IdentitySettings& out) {
  out.auth_rate.burst = s.integer("AUTH_RATE_BURST", out.auth_rate.burst, 1, 1'000'000);
  out.auth_rate.refill_per_minute =
      s.integer("AUTH_RATE_PER_MINUTE", out.auth_rate.refill_per_minute, 1, 1'000'000);
  out.refresh_rate.burst = s.integer("REFRESH_RATE_BURST", out.refresh_rate.burst, 1, 1'000'000);
  out.refresh_rate.refill_per_minute =
      s.integer("REFRESH_RATE_PER_MINUTE", out.refresh_rate.refill_per_minute, 1, 1'000'000);
  out.user_rate.burst = s.integer("USER_RATE_BURST", out.user_rate.burst, 1, 1'000'000);
  out.user_rate.refill_per_minute =
      s.integer("USER_RATE_PER_MINUTE", out.user_rate.refill_per_minute, 1, 10'000'000);
  out.lockout_threshold = s.integer("LOCKOUT_THRESHOLD", out.lockout_threshold, 1, 1000);
  out.lockout_base_s = s.integer("LOCKOUT_BASE_S", out.lockout_base_s, 1, 3600);
  out.lockout_max_s = s.integer("LOCKOUT_MAX_S", out.lockout_max_s, 1, 86'400);
}

void read_times(modules::Settings& s, IdentitySettings& out) {
  out.access_ttl_s = s.integer("ACCESS_TTL_S", out.access_ttl_s, 30, 3600);
  out.refresh_idle_s = s.integer("REFRESH_IDLE_S", out.refresh_idle_s, 60, 86'400);
  out.refresh_absolute_s = s.integer("REFRESH_ABSOLUTE_S", out.refresh_absolute_s, 3600, 7'776'000);
  out.session_cache_ms = s.integer("SESSION_CACHE_MS", out.session_cache_ms, 0, 60'000);
  out.prune_interval_s = s.integer("PRUNE_INTERVAL_S", out.prune_interval_s, 60, 86'400);
  out.ws_ticket_ttl_s = s.integer("WS_TICKET_TTL_S", out.ws_ticket_ttl_s, 5, 300);
  out.ownership_offer_ttl_s =
      s.integer("OWNERSHIP_OFFER_TTL_S", out.ownership_offer_ttl_s, 3600, 2'592'000);
  out.invitation_ttl_s = s.integer("INVITATION_TTL_S", out.invitation_ttl_s, 3600, 2'592'000);
}

void read_id_images(modules::Settings& s, IdentitySettings& out) {
  out.id_images_dir = s.text("ID_IMAGES_DIR", out.id_images_dir);
  out.id_image_bytes_max =
      s.integer("ID_IMAGE_BYTES_MAX", out.id_image_bytes_max, 1024, std::int64_t{64} * 1024 * 1024);
  out.id_images_unattached_max =
      s.integer("ID_IMAGES_UNATTACHED_MAX", out.id_images_unattached_max, 1, 100);
}

}  // namespace

Result<IdentitySettings> load_settings(const Config& config,
                                       const std::map<std::string, std::string>& environment) {
  modules::Settings s("identity", environment);
  IdentitySettings out;
  const bool production = config.environment == Environment::production;
  read_times(s, out);
  read_limits(s, out);
  read_id_images(s, out);
  out.argon2.ops = static_cast<std::uint64_t>(
      s.integer("ARGON2_OPS", static_cast<std::int64_t>(out.argon2.ops), 1, 10));
  out.argon2.memory_kib = static_cast<std::uint64_t>(s.integer(
      "ARGON2_MEMORY_KIB", static_cast<std::int64_t>(out.argon2.memory_kib), 8, 4'194'304));
  out.jwt_secret = config.jwt_secret;
  out.jwt_previous_secrets = split_list(s.text("JWT_PREVIOUS_SECRETS", ""));
  out.jwt_issuer = s.text("JWT_ISSUER", out.jwt_issuer);
  out.jwt_audience = s.text("JWT_AUDIENCE", out.jwt_audience);
  const auto keys_text = s.text("DATA_KEYS", "");
  out.email_index_key = s.text("EMAIL_INDEX_KEY", "");
  out.totp_issuer = s.text("TOTP_ISSUER", out.totp_issuer);
  if (auto ok = s.finish(); !ok) return std::unexpected(ok.error());
  std::vector<FieldError> errors;
  if (production && (out.argon2.ops < owasp_argon2_cost.ops ||
                     out.argon2.memory_kib < owasp_argon2_cost.memory_kib))
    errors.push_back({"RESKFLOW_IDENTITY_ARGON2_*", "is below OWASP's minimum in production"});
  if (keys_text.empty()) {
    if (production) errors.push_back({"RESKFLOW_IDENTITY_DATA_KEYS", "is required in production"});
    out.data_keys.push_back({"dev", derived(config, "reskflow-dev-data-key")});
  } else if (auto keys = parse_data_keys(keys_text); keys) {
    out.data_keys = std::move(*keys);
  } else {
    errors.push_back({"RESKFLOW_IDENTITY_DATA_KEYS", keys.error().detail});
  }
  if (out.email_index_key.empty()) {
    if (production)
      errors.push_back({"RESKFLOW_IDENTITY_EMAIL_INDEX_KEY", "is required in production"});
    out.email_index_key = derived(config, "reskflow-dev-email-index-key");
  }
  if (!errors.empty())
    return fail(ErrorCode::validation_failed, "invalid identity settings", std::move(errors));
  return out;
}

}  // namespace reskflow::identity
