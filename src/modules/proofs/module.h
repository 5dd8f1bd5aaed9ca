// The proofs module: photos, signatures and cold-chain readings of deliveries, read through
// deliveries' public interface; it publishes proofs.temperature.excursion and alerts merchant
// staff and admins on the cold_chain WebSocket topics.
#pragma once

#include <memory>

#include "metrics.h"
#include "reskflow/modules/file_store.h"
#include "reskflow/proofs/proofs.h"
#include "service.h"

namespace reskflow::proofs {

// WebSocket topics: "cold_chain" (every excursion: admins) and "cold_chain.<merchant id>"
// (that merchant's excursions: its staff and admins).
inline constexpr std::string_view topic_family = "cold_chain";

class ProofsModuleImpl final : public ProofsModule, public Proofs {
 public:
  ProofsModuleImpl(const modules::Platform& platform, Deps deps, ProofsSettings settings,
                   std::unique_ptr<modules::FileStore> store, modules::Clock clock = {});

  std::string_view name() const override { return "proofs"; }
  std::span<const store::EmbeddedFile> migrations() const override;
  Status add_routes(http::Router& router) override;
  // Adds the cold_chain topic family.
  Status start() override;
  // Nothing runs on its own: requests finish with the server.
  void stop() override {}
  Proofs& proofs() override { return *this; }

  // Proofs
  Result<ProofRecord> record(std::string_view delivery_id) override {
    return service_.record(delivery_id);
  }

  Service& service() { return service_; }

 private:
  Status authorize_topic(const http::Request& upgrade, std::string_view topic);
  void alert(const events::TemperatureExcursion& excursion);

  ws::Hub& hub_;
  identity::Directory& directory_;
  modules::Authenticator& authenticator_;
  ProofsMetrics metrics_;
  std::unique_ptr<modules::FileStore> store_;
  Service service_;
};

}  // namespace reskflow::proofs
