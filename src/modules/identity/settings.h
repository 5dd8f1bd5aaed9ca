// The identity module's typed settings (RESKFLOW_IDENTITY_*), with the refusals that keep
// test-only values out of production.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "field_cipher.h"
#include "password.h"
#include "reskflow/core/config.h"
#include "reskflow/modules/rate_limiter.h"

namespace reskflow::identity {

struct IdentitySettings {
  std::int64_t access_ttl_s = 900;
  std::int64_t refresh_idle_s = 1800;           // sliding inactivity window
  std::int64_t refresh_absolute_s = 2'592'000;  // absolute cap of a session
  std::int64_t mfa_challenge_ttl_s = 300;
  std::int64_t reset_token_ttl_s = 3600;
  std::int64_t verify_token_ttl_s = 604'800;  // 7 days
  Argon2Cost argon2 = owasp_argon2_cost;
  std::string jwt_secret;
  std::vector<std::string> jwt_previous_secrets;
  std::string jwt_issuer = "reskflow";
  std::string jwt_audience = "reskflow-api";
  std::vector<DataKey> data_keys;  // front: current
  std::string email_index_key;     // HMAC key of the searchable email column
  std::string totp_issuer = "ReskFlow";
  modules::RateLimit auth_rate{10, 10};  // per client IP: login, register, MFA, reset
  // Per session: refresh (a reload of a portal refreshes once), apart from login's budget.
  modules::RateLimit refresh_rate{30, 30};
  modules::RateLimit user_rate{300, 600};  // per user or API key, every guarded route
  std::int64_t lockout_threshold = 5;      // failures before the first lock
  std::int64_t lockout_base_s = 1;         // first lock; doubles with each further failure
  std::int64_t lockout_max_s = 900;        // the lock never exceeds this
  std::int64_t lockout_forget_s = 86'400;  // failures older than this are forgotten
  std::int64_t session_cache_ms = 5000;
  std::int64_t prune_interval_s = 3600;          // how often the prune job runs
  std::int64_t ownership_offer_ttl_s = 604'800;  // an ownership offer lapses after 7 days
  std::int64_t invitation_ttl_s = 604'800;       // a staff invitation lapses after 7 days
  std::int64_t ws_ticket_ttl_s = 30;             // a WebSocket ticket must be used within this
  // ID document images: where they are kept (encrypted), the largest accepted (413 above; the
  // server's RESKFLOW_BODY_BYTES_MAX cuts off any body first, so it must be at least this large
  // for the limit to be reached), and how many uploads not yet attached to a submission a user
  // keeps (the oldest goes when another arrives).
  std::string id_images_dir = "var/id-images";
  std::int64_t id_image_bytes_max = std::int64_t{5} * 1024 * 1024;
  std::int64_t id_images_unattached_max = 5;
};

// Reads RESKFLOW_IDENTITY_* from `environment`; unknown keys, malformed values, a weak argon2
// cost or development keys in production are refused.
Result<IdentitySettings> load_settings(const Config& config,
                                       const std::map<std::string, std::string>& environment);

}  // namespace reskflow::identity
