// Merchant rules: creation with a unique slug and an owner, virtual brands that follow their
// kitchen, profile changes, pause and resume, suspension, and catalog.merchant.updated.
#include <tuple>

#include "render.h"
#include "reskflow/bus/outbox.h"
#include "reskflow/modules/payload.h"
#include "reskflow/store/uuid.h"
#include "service.h"
#include "text.h"

namespace reskflow::catalog {
namespace {

// Two creations racing for one slug: the loser's unique violation is retried with a new one.
constexpr int slug_attempts_max = 3;
constexpr std::int64_t minute_us = 60'000'000;

bool same_site(const MerchantProfile& a, const MerchantProfile& b) {
  const auto address = [](const Address& x) {
    return std::tie(x.line1, x.line2, x.city, x.postal_code, x.country);
  };
  return address(a.address) == address(b.address) && a.location.lat == b.location.lat &&
         a.location.lng == b.location.lng && a.time_zone == b.time_zone && a.currency == b.currency;
}

}  // namespace

Service::Service(store::Database& database, identity::Directory& directory,
                 CatalogSettings settings, CatalogMetrics& metrics, modules::Clock clock,
                 IdSource ids)
    : db_(database),
      directory_(directory),
      settings_(std::move(settings)),
      metrics_(metrics),
      clock_(clock ? std::move(clock) : modules::system_clock()),
      ids_(ids ? std::move(ids) : IdSource(store::new_uuid_v7)),
      cache_(settings_.cache) {}

void Service::invalidate(std::string_view merchant_id) { cache_.invalidate(merchant_id); }

Result<Merchant> Service::merchant(std::string_view id) {
  auto found = db_.read([&](store::Transaction& tx) { return repository::merchant(tx, id); });
  if (!found) return std::unexpected(found.error());
  if (!*found) return fail(ErrorCode::not_found, "no such merchant");
  return std::move(**found);
}

Result<std::optional<Merchant>> Service::merchant_by_slug(std::string_view slug) {
  return db_.read([&](store::Transaction& tx) { return repository::merchant_by_slug(tx, slug); });
}

Status Service::publish_merchant(store::Transaction& tx, const Merchant& merchant) {
  auto published = bus::publish(tx, {std::string(events::merchant_updated), merchant.id,
                                     modules::payload::to_payload(merchant_event(merchant))});
  if (!published) return std::unexpected(published.error());
  return {};
}

Result<Merchant> Service::insert_new(const std::optional<std::string>& kitchen_id,
                                     std::string_view owner_user_id,
                                     const MerchantProfile& profile) {
  Merchant m;
  m.kitchen_id = kitchen_id;
  m.profile = profile;
  m.version = 1;
  m.created_at_us = m.updated_at_us = m.menu_updated_at_us = clock_();
  for (int attempt = 1;; ++attempt) {
    m.id = ids_();
    auto created = db_.write([&](store::Transaction& tx) -> Result<Merchant> {
      RF_TRY(slug, repository::free_slug(tx, slug_of(profile.name)));
      m.slug = *slug;
      RF_TRY(inserted, repository::insert_merchant(tx, m));
      if (!kitchen_id) {
        RF_TRY(owner, directory_.put_merchant_member(tx, m.id, owner_user_id,
                                                     identity::MerchantLevel::owner));
      }
      RF_TRY(published, publish_merchant(tx, m));
      return m;
    });
    if (created || created.error().code != ErrorCode::conflict || attempt >= slug_attempts_max) {
      if (created) metrics_.merchant_changes.inc();
      return created;
    }
  }
}

Result<Merchant> Service::create_merchant(std::string_view owner_user_id,
                                          const MerchantProfile& profile) {
  auto created = insert_new(std::nullopt, owner_user_id, profile);
  if (!created && created.error().code == ErrorCode::not_found)
    return fail(ErrorCode::validation_failed, "the owner is not an account",
                {{"owner_user_id", "names no active account"}});
  if (!created && created.error().code == ErrorCode::validation_failed)
    return fail(ErrorCode::validation_failed, "the owner cannot own a merchant",
                {{"owner_user_id", "must name a merchant account"}});
  return created;
}

Result<Merchant> Service::create_brand(std::string_view kitchen_id, MerchantProfile brand) {
  auto kitchen = merchant(kitchen_id);
  if (!kitchen) return std::unexpected(kitchen.error());
  if (kitchen->kitchen_id)
    return fail(ErrorCode::conflict, "a virtual brand cannot host brands; use its kitchen");
  if (!kitchen->active()) return fail(ErrorCode::conflict, "the kitchen is suspended");
  const auto& site = kitchen->profile;
  brand.address = site.address;
  brand.location = site.location;
  brand.time_zone = site.time_zone;
  brand.currency = site.currency;
  if (brand.delivery_zone.kind == geo::Zone::Kind::radius)
    brand.delivery_zone.center = brand.location;
  return insert_new(kitchen->id, {}, brand);
}

Result<Merchant> Service::change_merchant(std::string_view id, const MerchantChange& change,
                                          const Recorder& record, AuditNote note) {
  std::vector<std::string> changed;
  auto result = db_.write([&](store::Transaction& tx) -> Result<Merchant> {
    changed.clear();
    RF_TRY(found, repository::merchant(tx, id));
    if (!*found) return fail(ErrorCode::not_found, "no such merchant");
    Merchant m = std::move(**found);
    const auto before = m;
    RF_TRY(edited, change(m));
    if (!*edited) return m;
    m.version += 1;
    m.updated_at_us = clock_();
    RF_TRY(updated, repository::update_merchant(tx, m));
    RF_TRY(published, publish_merchant(tx, m));
    for (auto& field : merchant_changes(before, m)) note.summary[field.key()] = field.value();
    RF_TRY(recorded, record_change(record, tx, m, note));
    changed.push_back(m.id);
    if (!m.kitchen_id && !same_site(before.profile, m.profile)) {
      RF_TRY(moved, follow_kitchen(tx, m, changed));
    }
    return m;
  });
  for (const auto& merchant_id : changed) {
    invalidate(merchant_id);
    metrics_.invalidations_local.inc();
    metrics_.merchant_changes.inc();
  }
  return result;
}

// A brand shares its kitchen's address, location, time zone and currency; a radius zone is
// centred on the location, so it moves too.
Status Service::follow_kitchen(store::Transaction& tx, const Merchant& kitchen,
                               std::vector<std::string>& changed) {
  RF_TRY(brands, repository::brands(tx, kitchen.id));
  for (auto& brand : *brands) {
    auto& p = brand.profile;
    p.address = kitchen.profile.address;
    p.location = kitchen.profile.location;
    p.time_zone = kitchen.profile.time_zone;
    p.currency = kitchen.profile.currency;
    if (p.delivery_zone.kind == geo::Zone::Kind::radius) p.delivery_zone.center = p.location;
    brand.version += 1;
    brand.updated_at_us = kitchen.updated_at_us;
    RF_TRY(updated, repository::update_merchant(tx, brand));
    RF_TRY(published, publish_merchant(tx, brand));
    changed.push_back(brand.id);
  }
  return {};
}

Result<Merchant> Service::update_merchant(std::string_view id, const ProfileEdit& edit,
                                          const Recorder& record) {
  return change_merchant(id,
                         [&](Merchant& m) -> Result<bool> {
                           auto profile = edit(m);
                           if (!profile) return std::unexpected(profile.error());
                           m.profile = std::move(*profile);
                           return true;
                         },
                         record, {"merchant.updated", {}});
}

Result<Merchant> Service::pause(std::string_view id, const PauseRequest& request,
                                const Recorder& record) {
  return change_merchant(id,
                         [&](Merchant& m) -> Result<bool> {
                           m.paused_until_us = clock_() + request.minutes * minute_us;
                           m.pause_reason = request.reason;
                           return true;
                         },
                         record, {"merchant.paused", {{"minutes", request.minutes}}});
}

Result<Merchant> Service::resume(std::string_view id, const Recorder& record) {
  return change_merchant(id,
                         [&](Merchant& m) -> Result<bool> {
                           if (!m.paused_until_us && !m.pause_reason) return false;
                           m.paused_until_us.reset();
                           m.pause_reason.reset();
                           return true;
                         },
                         record, {"merchant.resumed", {}});
}

Result<Merchant> Service::set_status(std::string_view id, std::string_view status,
                                     std::string_view reason, const Recorder& record) {
  const bool suspend = status == status_suspended;
  AuditNote note{suspend ? "admin.merchant_suspended" : "admin.merchant_reinstated", {}};
  if (!reason.empty()) note.summary["reason"] = reason;
  return change_merchant(
      id,
      [&](Merchant& m) -> Result<bool> {
        if (m.status == status) return false;
        m.status = std::string(status);
        return true;
      },
      record, std::move(note));
}

Result<std::vector<Merchant>> Service::active_brands(std::string_view kitchen_id) {
  return db_.read([&](store::Transaction& tx) -> Result<std::vector<Merchant>> {
    RF_TRY(kitchen, repository::merchant(tx, kitchen_id));
    if (!*kitchen) return fail(ErrorCode::not_found, "no such merchant");
    RF_TRY(all, repository::brands(tx, kitchen_id));
    std::vector<Merchant> out;
    for (auto& b : *all) {
      if (b.active()) out.push_back(std::move(b));
    }
    return out;
  });
}

Result<std::vector<Merchant>> Service::search(const repository::MerchantFilter& filter) {
  return db_.read([&](store::Transaction& tx) { return repository::search(tx, filter); });
}

}  // namespace reskflow::catalog
