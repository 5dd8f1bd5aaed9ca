// The carts module's lifecycle: settings, routes, the erasure consumer, the WebSocket topic
// family, and the background sweep that abandons idle carts.
#include "module.h"

#include <boost/json.hpp>

#include "invite.h"
#include "reskflow/bus/outbox.h"
#include "reskflow/core/json_text.h"
#include "reskflow/core/log.h"
#include "reskflow/identity/events.h"
#include "reskflow/modules/lease.h"
#include "reskflow/modules/payload.h"
#include "reskflow/modules/settings.h"
#include "reskflow/modules/topics.h"
#include "reskflow/store/uuid.h"

std::span<const reskflow::store::EmbeddedFile> reskflow_migrations_carts();

namespace reskflow::carts {
namespace {

constexpr std::string_view topic_family = "cart";
constexpr std::string_view erasure_consumer = "carts.user_erased";

}  // namespace

store::MigrationSet migrations() { return {"carts", reskflow_migrations_carts()}; }

CartsModuleImpl::CartsModuleImpl(const modules::Platform& platform, catalog::Catalog& catalog,
                                 identity::Directory& directory,
                                 modules::Authenticator& authenticator,
                                 const CartsSettings& settings, modules::Clock clock)
    : platform_(platform),
      settings_(settings),
      metrics_(platform.metrics),
      service_(platform.database, catalog, directory, metrics_, std::move(clock),
               invite_key(platform.config.jwt_secret)),
      authenticator_(authenticator),
      sweeper_(modules::leased_loop(platform, "carts_sweep", settings.sweep_interval_s, [this] {
        if (auto n = sweep_idle(); n && *n > 0) log::info("carts_idle_abandoned", {{"carts", *n}});
      })) {
  service_.on_change(
      [hub = &platform_.hub](const std::string& id, std::int64_t version, std::string_view status) {
        const boost::json::object data{{"cart_id", id}, {"version", version}, {"status", status}};
        hub->publish(std::string(topic_family) + "." + id, json::serialize(data));
      });
}

CartsModuleImpl::~CartsModuleImpl() { stop(); }

std::span<const store::EmbeddedFile> CartsModuleImpl::migrations() const {
  return reskflow_migrations_carts();
}

Status CartsModuleImpl::add_routes(http::Router& router) {
  for (auto add : {add_cart_routes, add_line_routes, add_group_routes}) {
    if (auto ok = add(router, service_); !ok) return ok;
  }
  return {};
}

Status CartsModuleImpl::start() {
  if (auto ok = platform_.events.subscribe(
          std::string(erasure_consumer), std::string(identity::events::user_erased),
          [this](const bus::Envelope& e) { return on_user_erased(e); });
      !ok)
    return ok;
  if (auto ok = modules::add_topic_families(platform_.hub, {topic_family}, *this,
                                            &CartsModuleImpl::authorize_topic);
      !ok)
    return ok;
  sweeper_.start();
  return {};
}

void CartsModuleImpl::stop() {
  sweeper_.stop(std::chrono::milliseconds(platform_.config.shutdown_timeout_ms));
}

Result<std::int64_t> CartsModuleImpl::sweep_idle() {
  const auto idle_us =
      std::chrono::duration_cast<std::chrono::microseconds>(settings_.idle_abandon_s).count();
  std::int64_t total = 0;
  while (true) {
    auto ids = service_.abandon_idle(idle_us, settings_.sweep_batch_carts_max);
    if (!ids) {
      metrics_.sweep_failures.inc();
      log::warn("carts_sweep_failed", {{"detail", ids.error().detail}});
      return std::unexpected(ids.error());
    }
    total += static_cast<std::int64_t>(ids->size());
    if (static_cast<std::int64_t>(ids->size()) < settings_.sweep_batch_carts_max ||
        sweeper_.stopping())
      return total;
  }
}

Status CartsModuleImpl::on_user_erased(const bus::Envelope& event) {
  const auto erased = modules::payload::from_payload<identity::events::UserErased>(
      identity::events::user_erased, event.payload_json);
  if (!erased) {
    log::warn("carts_erasure_malformed", {{"event_id", event.event_id}});
    return {};
  }
  const std::string& user_id = erased->user_id;
  std::vector<CartChange> affected;
  auto done = bus::handle_once(platform_.database, erasure_consumer, event,
                               [&](store::Transaction& tx) -> Status {
                                 auto ids = service_.erase_user(tx, user_id);
                                 if (!ids) return std::unexpected(ids.error());
                                 affected = std::move(*ids);
                                 return {};
                               });
  if (!done) return done;
  metrics_.users_erased.inc();
  service_.notify(affected);
  return {};
}

Status CartsModuleImpl::authorize_topic(const http::Request& upgrade, std::string_view topic) {
  const auto prefix = std::string(topic_family) + ".";
  if (!topic.starts_with(prefix)) return fail(ErrorCode::not_found, "no such topic");
  auto who = authenticator_.required(upgrade);
  if (!who) return std::unexpected(who.error());
  auto member = service_.is_member(topic.substr(prefix.size()), who->subject);
  if (!member) return std::unexpected(member.error());
  if (!*member) return fail(ErrorCode::not_found, "no such topic");
  return {};
}

Result<PricedCart> CartsModuleImpl::priced_cart(std::string_view cart_id) {
  return service_.priced(cart_id);
}

Status CartsModuleImpl::mark_checked_out(store::Transaction& tx, std::string_view cart_id,
                                         std::int64_t version) {
  return service_.mark_checked_out(tx, cart_id, version);
}

Result<std::unique_ptr<CartsModule>> make_module(const modules::Platform& platform, Deps deps) {
  auto settings = load_settings(modules::Settings::process_environment());
  if (!settings) return std::unexpected(settings.error());
  return std::make_unique<CartsModuleImpl>(platform, deps.catalog, deps.directory,
                                           deps.authenticator, *settings, modules::system_clock());
}

}  // namespace reskflow::carts
