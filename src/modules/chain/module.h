// The chain module: records delivery milestones from deliveries' events, seals them into Merkle
// batches and anchors each root on chain from a background loop (never in a request), and serves
// the batches to admins and proofs of record to a delivery's parties.
#pragma once

#include <memory>
#include <mutex>
#include <optional>

#include "anchorer.h"
#include "metrics.h"
#include "reskflow/chain/chain.h"
#include "reskflow/modules/background_loop.h"
#include "service.h"
#include "settings.h"

namespace reskflow::chain {

class ChainModuleImpl final : public ChainModule {
 public:
  // signer is null without an RPC URL.
  ChainModuleImpl(const modules::Platform& platform, Deps deps, ChainSettings settings,
                  std::unique_ptr<eth::Signer> signer, const modules::Clock& clock);

  ~ChainModuleImpl() override;
  ChainModuleImpl(const ChainModuleImpl&) = delete;
  ChainModuleImpl& operator=(const ChainModuleImpl&) = delete;

  std::string_view name() const override { return "chain"; }
  std::span<const store::EmbeddedFile> migrations() const override;
  Status add_routes(http::Router& router) override;
  // Subscribes chain.deliveries and starts the anchoring loop.
  Status start() override;
  // Stops the loop within shutdown_timeout_ms.
  void stop() override;

  Service& service() { return service_; }
  // One anchoring pass, as the loop runs it (tests drive it directly).
  Result<PassReport> anchor_once();
  // anchor_once, remembered as the last pass for anchoring(): the loop's body.
  void run_pass();
  Result<AnchoringState> anchoring() override;

 private:
  bool chain_matches();

  const modules::Platform platform_;  // a copy: the caller's may be a temporary
  ChainSettings settings_;
  ChainMetrics metrics_;
  Service service_;
  std::unique_ptr<eth::Signer> signer_;
  std::unique_ptr<eth::RpcClient> rpc_;
  Anchorer anchorer_;
  modules::Clock clock_;
  bool chain_checked_ = false;  // the loop's thread only
  std::mutex last_pass_mutex_;
  std::optional<AnchorPass> last_pass_;  // guarded by last_pass_mutex_
  modules::BackgroundLoop loop_;
};

// The HTTP binding (routes.cc).
std::vector<http::Route> chain_routes(Service& service);

}  // namespace reskflow::chain
