// The proofs module's construction, routes, and the excursion alerts on the WebSocket hub.
#include "module.h"

#include <boost/json.hpp>

#include "reskflow/core/json_text.h"
#include "reskflow/modules/settings.h"
#include "reskflow/modules/topics.h"
#include "routes_common.h"

std::span<const reskflow::store::EmbeddedFile> reskflow_migrations_proofs();

namespace reskflow::proofs {

ProofsModuleImpl::ProofsModuleImpl(const modules::Platform& platform, Deps deps,
                                   ProofsSettings settings,
                                   std::unique_ptr<modules::FileStore> store, modules::Clock clock)
    : hub_(platform.hub),
      directory_(deps.directory),
      authenticator_(deps.authenticator),
      metrics_(platform.metrics),
      store_(std::move(store)),
      service_(platform.database, deps.deliveries, deps.directory, *store_, std::move(settings),
               metrics_, std::move(clock)) {
  service_.set_excursion_listener(
      [this](const events::TemperatureExcursion& excursion) { alert(excursion); });
}

std::span<const store::EmbeddedFile> ProofsModuleImpl::migrations() const {
  return reskflow_migrations_proofs();
}

Status ProofsModuleImpl::add_routes(http::Router& router) {
  if (auto ok = add_file_routes(router, service_); !ok) return ok;
  return add_temperature_routes(router, service_, authenticator_, directory_);
}

Status ProofsModuleImpl::start() {
  return modules::add_topic_families(hub_, {topic_family}, *this,
                                     &ProofsModuleImpl::authorize_topic);
}

// "cold_chain": admins; "cold_chain.<merchant id>": that merchant's staff and admins. Anyone
// else is told the topic does not exist.
Status ProofsModuleImpl::authorize_topic(const http::Request& upgrade, std::string_view topic) {
  RF_TRY(caller, authenticator_.required(upgrade));
  if (topic == topic_family) {
    if (caller->role == identity::role_admin) return {};
    return fail(ErrorCode::not_found, "no such topic");
  }
  const auto merchant_id = topic.substr(topic_family.size() + 1);
  if (caller->role != identity::role_admin && caller->role != identity::role_merchant)
    return fail(ErrorCode::not_found, "no such topic");
  return directory_.require_merchant_staff(*caller, merchant_id, identity::MerchantLevel::staff);
}

void ProofsModuleImpl::alert(const events::TemperatureExcursion& excursion) {
  auto data = boost::json::value_from(excursion).as_object();
  data["type"] = events::temperature_excursion;
  const auto text = json::serialize(data);
  hub_.publish(topic_family, text);
  hub_.publish(std::string(topic_family) + "." + excursion.merchant_id, text);
}

Result<std::unique_ptr<ProofsModule>> make_module(const modules::Platform& platform, Deps deps) {
  auto settings = load_settings(modules::Settings::process_environment());
  if (!settings) return std::unexpected(settings.error());
  auto store = modules::FilesystemFileStore::open(settings->dir);
  if (!store) return std::unexpected(store.error());
  return std::make_unique<ProofsModuleImpl>(platform, deps, std::move(*settings),
                                            std::move(*store));
}

}  // namespace reskflow::proofs
