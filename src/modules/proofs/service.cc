// Who may touch a delivery's proofs, and the delivery's proof record.
#include "service.h"

#include <openssl/evp.h>
#include <openssl/sha.h>

#include <array>

#include "repository.h"

namespace reskflow::proofs {

std::string_view kind_name(ProofKind kind) {
  return kind == ProofKind::photo ? "photo" : "signature";
}

std::string repr_digest(std::string_view sha256_hex_text) {
  std::array<unsigned char, SHA256_DIGEST_LENGTH> digest{};
  for (std::size_t i = 0; i < digest.size() && 2 * i + 1 < sha256_hex_text.size(); ++i) {
    const auto nibble = [](char c) { return c <= '9' ? c - '0' : c - 'a' + 10; };
    digest[i] = static_cast<unsigned char>((nibble(sha256_hex_text[2 * i]) << 4) |
                                           nibble(sha256_hex_text[2 * i + 1]));
  }
  std::array<unsigned char, 4 * ((SHA256_DIGEST_LENGTH + 2) / 3) + 1> base64{};
  const int n = EVP_EncodeBlock(base64.data(), digest.data(), static_cast<int>(digest.size()));
  return "sha-256=:" +
         std::string(reinterpret_cast<const char*>(base64.data()), static_cast<std::size_t>(n)) +
         ":";
}

Service::Service(store::Database& database, deliveries::Deliveries& deliveries,
                 identity::Directory& directory, modules::FileStore& store, ProofsSettings settings,
                 ProofsMetrics& metrics, modules::Clock clock)
    : db_(database),
      deliveries_(deliveries),
      directory_(directory),
      store_(store),
      settings_(std::move(settings)),
      metrics_(metrics),
      clock_(clock ? std::move(clock) : modules::system_clock()) {}

Result<deliveries::Delivery> Service::courier_delivery(std::string_view driver_id,
                                                       std::string_view delivery_id) {
  auto d = deliveries_.delivery(delivery_id);
  if (!d) return d;
  if (d->driver_id.empty() || d->driver_id != driver_id)
    return fail(ErrorCode::not_found, "no such delivery");
  return d;
}

// The customer of the order, the courier, the merchant's staff and admins; 404 for the others.
Result<deliveries::Delivery> Service::readable_delivery(const http::Principal& caller,
                                                        std::string_view delivery_id) {
  auto d = deliveries_.delivery(delivery_id);
  if (!d) return d;
  const auto& role = caller.role;
  if (role == identity::role_admin) return d;
  if (role == identity::role_customer && caller.subject == d->customer_id) return d;
  if (role == identity::role_driver && !d->driver_id.empty() && caller.subject == d->driver_id)
    return d;
  if (role == identity::role_merchant) {
    auto staff =
        directory_.require_merchant_staff(caller, d->merchant_id, identity::MerchantLevel::staff);
    if (staff) return d;
    if (staff.error().code != ErrorCode::not_found) return std::unexpected(staff.error());
  }
  return fail(ErrorCode::not_found, "no such delivery");
}

// The courier adds proofs while carrying the delivery (from the pickup on; readings also from
// the assignment, when the cold chain starts) and for a short window after delivery.
Status Service::check_courier_window(const deliveries::Delivery& d, bool before_pickup_too) const {
  const auto& status = d.status;
  if (status == deliveries::status_picked_up || status == deliveries::status_at_dropoff) return {};
  if (before_pickup_too &&
      (status == deliveries::status_assigned || status == deliveries::status_at_pickup))
    return {};
  const auto window_us = settings_.after_delivery_window_s * 1'000'000;
  if (status == deliveries::status_delivered && d.delivered_at_us &&
      clock_() <= *d.delivered_at_us + window_us)
    return {};
  const auto window_min = std::to_string(settings_.after_delivery_window_s / 60);
  return fail(ErrorCode::conflict, "the delivery is " + d.status +
                                       ": proofs are taken while it is " +
                                       (before_pickup_too ? "assigned, at the pickup, " : "") +
                                       "picked up or at the drop-off, and up to " + window_min +
                                       " minutes after delivery");
}

Result<ProofRecord> Service::record_for(const http::Principal& caller,
                                        std::string_view delivery_id) {
  RF_TRY(d, readable_delivery(caller, delivery_id));
  return record(d->id);
}

Result<ProofRecord> Service::record(std::string_view delivery_id) {
  RF_TRY(d, deliveries_.delivery(delivery_id));
  return db_.read([&](store::Transaction& tx) -> Result<ProofRecord> {
    ProofRecord out{d->id, {}, {}, {}};
    RF_TRY(photo, repository::file(tx, d->id, kind_name(ProofKind::photo)));
    if (*photo) out.photo = (*photo)->proof;
    RF_TRY(signature, repository::file(tx, d->id, kind_name(ProofKind::signature)));
    if (*signature) out.signature = (*signature)->proof;
    if (d->cold_chain) {
      RF_TRY(summary, compliance(tx, *d));
      out.temperature = *summary;
    }
    return out;
  });
}

}  // namespace reskflow::proofs
