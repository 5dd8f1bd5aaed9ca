// The chain module on both engines without a chain: milestones recorded once from deliveries'
// events (the real proofs module answers for the proofs at delivery), batches sealed by count
// and by time, proofs of record that lead to their batch's root, the HTTP routes, and the settings
// the customer portal is told.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <cstdlib>

#include "fake_deliveries.h"
#include "fake_directory.h"
#include "module.h"
#include "repository.h"
#include "reskflow/bus/outbox.h"
#include "reskflow/chain/eth/merkle.h"
#include "reskflow/chain/nonces.h"
#include "reskflow/core/json_text.h"
#include "reskflow/deliveries/events.h"
#include "reskflow/modules/payload.h"
#include "reskflow/modules/testing/module_fixture.h"
#include "reskflow/store/migrations.h"
#include "reskflow/store/uuid.h"
#include "reskflow/testing/paths.h"
#include "settings.h"

std::span<const reskflow::store::EmbeddedFile> reskflow_migrations_chain();

namespace reskflow::chain {
namespace {

namespace devents = deliveries::events;
const std::string plain = "0190d000-0000-7000-8000-000000000002";
const std::string cold = "0190d000-0000-7000-8000-000000000001";
const std::string ada = "0190b000-0000-7000-8000-000000000001";   // the customer
const std::string dave = "0190b000-0000-7000-8000-000000000003";  // the courier

class ChainModuleTest : public modules::testing::ModuleFixture {
 protected:
  void SetUp() override {
    ModuleFixture::SetUp();
    if (HasFatalFailure()) return;
    clock.set(1'750'000'000'000'000);
    ::setenv("RESKFLOW_PROOFS_DIR", (files.path() / "proofs").c_str(), 1);
    auto proofs_module =
        proofs::make_module(platform(), {fake_deliveries, directory, authenticator});
    ASSERT_TRUE(proofs_module) << proofs_module.error().detail;
    proofs_ = std::move(*proofs_module);
    std::vector<store::MigrationSet> sets{
        bus::migrations(), nonces::migrations(), {"chain", reskflow_migrations_chain()}};
    sets.push_back({"proofs", proofs_->migrations()});
    ASSERT_TRUE(store::migrate(db(), sets));
    fake_deliveries.put(delivery(plain, std::nullopt));
    fake_deliveries.put(delivery(cold, deliveries::TemperatureRange{2, 8}));
    settings.policy.batch_records_max = 4;
    module = std::make_unique<ChainModuleImpl>(platform(),
                                               Deps{fake_deliveries, directory, proofs_->proofs()},
                                               settings, nullptr, clock.clock());
    ASSERT_TRUE(module->start());
  }

  void release_modules() override {
    module.reset();
    proofs_.reset();
  }

  deliveries::Delivery delivery(const std::string& id,
                                std::optional<deliveries::TemperatureRange> range) const {
    deliveries::Delivery d;
    d.id = id;
    d.order_id = "order-" + id.substr(id.size() - 1);
    d.customer_id = ada;
    d.merchant_id = "merchant-1";
    d.driver_id = dave;
    d.status = deliveries::status_delivered;
    d.cold_chain = range;
    d.created_at_us = clock.now_us();
    return d;
  }

  // deliveries.delivery.<status> of `id`, through the transport as the relay delivers it.
  Status happen(const std::string& id, std::string_view status) {
    devents::DeliveryChanged e;
    e.delivery_id = id;
    e.order_id = "order-" + id.substr(id.size() - 1);
    e.customer_id = ada;
    e.merchant_id = "merchant-1";
    e.driver_id = status == deliveries::status_pending ? "" : dave;
    e.status = std::string(status);
    e.at_us = clock.now_us();
    e.on_time = true;
    const auto type = std::string(devents::event_type_of(status));
    return events().deliver(
        consumer_deliveries,
        {store::new_uuid_v7(), type, id, modules::payload::to_payload(e), clock.now_us(), 0, 0});
  }

  void run_delivery(const std::string& id) {
    for (const auto* status :
         {deliveries::status_pending.data(), deliveries::status_picked_up.data(),
          deliveries::status_delivered.data()})
      ASSERT_TRUE(happen(id, status));
  }

  static http::Principal as(std::string role, std::string user) {
    return {std::move(user), std::move(role), {}, "s-1"};
  }

  reskflow::testing::TempDir files;
  deliveries::testing::FakeDeliveries fake_deliveries;
  identity::testing::FakeDirectory directory;
  ChainSettings settings;
  std::unique_ptr<proofs::ProofsModule> proofs_;
  std::unique_ptr<ChainModuleImpl> module;
};

TEST_P(ChainModuleTest, RecordsEachMilestoneOnceWithTheProofsAtDelivery) {
  run_delivery(plain);
  run_delivery(cold);
  ASSERT_TRUE(happen(plain, deliveries::status_delivered));  // the relay delivers it again
  ASSERT_TRUE(happen(plain, deliveries::status_at_pickup));  // not a recorded milestone
  const auto plain_proof = module->service().proof_of_record(as("admin", "root"), plain);
  ASSERT_TRUE(plain_proof) << plain_proof.error().detail;
  std::vector<std::string> milestones;
  for (const auto& r : plain_proof->records) milestones.push_back(r.milestone);
  EXPECT_EQ(milestones, (std::vector<std::string>{"created", "picked_up", "delivered"}));
  const auto cold_proof = module->service().proof_of_record(as("admin", "root"), cold);
  ASSERT_TRUE(cold_proof);
  ASSERT_EQ(cold_proof->records.size(), 4U);
  EXPECT_EQ(cold_proof->records[3].milestone, "temperature");  // without readings: compliant
  EXPECT_EQ(cold_proof->records[3].record.substr(0, 6), "0x0106");
}

TEST_P(ChainModuleTest, SealsFullBatchesThenTheRestAfterTheWaitAndProofsLeadToTheRoot) {
  run_delivery(plain);
  run_delivery(cold);  // 7 records: one full batch of 4, then 3 waiting
  auto pass = module->anchor_once();
  ASSERT_TRUE(pass) << pass.error().detail;
  EXPECT_EQ(pass->sealed, 1);
  EXPECT_EQ(pass->sent, 0);  // no RPC URL: nothing is sent
  clock.advance(settings.policy.batch_wait);
  EXPECT_EQ(module->anchor_once().value().sealed, 1);
  const auto batches = module->service().batches("sealed", 0, 10).value();
  ASSERT_EQ(batches.size(), 2U);
  EXPECT_EQ(batches[0].record_count + batches[1].record_count, 7);
  for (const auto& id : {plain, cold}) {
    const auto proof = module->service().proof_of_record(as("customer", ada), id).value();
    for (const auto& r : proof.records) {
      ASSERT_TRUE(r.batch.has_value()) << r.milestone;
      std::vector<eth::Word> siblings;
      for (const auto& p : r.proof) siblings.push_back(*eth::word_from_hex(p));
      EXPECT_EQ(eth::to_hex(eth::merkle::root_from_proof(*eth::word_from_hex(r.leaf), siblings)),
                r.batch->root);
      EXPECT_EQ(eth::to_hex(leaf_of(*eth::from_hex(r.record))), r.leaf);
    }
  }
}

TEST_P(ChainModuleTest, OnlyTheDeliverysPartiesReadItsProofOfRecord) {
  run_delivery(plain);
  EXPECT_TRUE(module->service().proof_of_record(as("customer", ada), plain));
  EXPECT_TRUE(module->service().proof_of_record(as("driver", dave), plain));
  const auto stranger = module->service().proof_of_record(as("customer", "someone-else"), plain);
  ASSERT_FALSE(stranger);
  EXPECT_EQ(stranger.error().code, ErrorCode::not_found);
  const auto courier = module->service().proof_of_record(as("driver", "another-courier"), plain);
  ASSERT_FALSE(courier);
  EXPECT_EQ(courier.error().code, ErrorCode::not_found);
}

TEST_P(ChainModuleTest, ServesBatchesToAdminsAndProofsToParties) {
  run_delivery(plain);
  run_delivery(cold);
  ASSERT_TRUE(module->anchor_once());
  serve({module.get()});
  const auto get = [this](const std::string& path, const std::string& who) {
    return call("GET", path, who);
  };
  const auto listed = get("/v1/admin/chain/batches?limit=1", "admin");
  ASSERT_EQ(listed.status, 200) << listed.body;
  const auto body = boost::json::parse(listed.body).as_object();
  EXPECT_EQ(body.at("data").as_array().size(), 1U);
  EXPECT_EQ(body.at("data").as_array()[0].at("state"), "sealed");
  EXPECT_TRUE(body.at("next_after").is_null());
  EXPECT_EQ(get("/v1/admin/chain/batches", "customer:" + ada).status, 403);
  EXPECT_EQ(get("/v1/admin/chain/batches?state=lost", "admin").status, 422);
  EXPECT_EQ(get("/v1/admin/chain/batches?limit=0", "admin").status, 422);
  const auto proof = get("/v1/deliveries/" + plain + "/verification", "customer:" + ada);
  ASSERT_EQ(proof.status, 200) << proof.body;
  const auto records = boost::json::parse(proof.body).at("records").as_array();
  ASSERT_EQ(records.size(), 3U);
  EXPECT_EQ(records[0].at("batch").at("id"), 1);
  EXPECT_EQ(get("/v1/deliveries/" + plain + "/verification", "customer:stranger").status, 404);
}

TEST_P(ChainModuleTest, TheAnchoringStateSaysWhatWaitsTheNewestBatchAndAFailingSend) {
  auto idle = module->anchoring();
  ASSERT_TRUE(idle) << idle.error().detail;
  EXPECT_FALSE(idle->sending);  // no RPC URL
  EXPECT_EQ(idle->pending_records, 0);
  EXPECT_FALSE(idle->oldest_pending_at_us);
  EXPECT_FALSE(idle->last_batch);
  EXPECT_FALSE(idle->last_pass);  // no pass yet on this node
  EXPECT_EQ(idle->confirmations_required, settings.policy.confirmations);

  const auto recorded_at = clock.now_us();
  run_delivery(plain);
  run_delivery(cold);  // 7 records: the pass seals 4, and 3 wait
  clock.advance(std::chrono::seconds(2));
  module->run_pass();
  auto sealed = module->anchoring().value();
  EXPECT_EQ(sealed.pending_records, 3);
  EXPECT_EQ(sealed.oldest_pending_at_us, recorded_at);
  EXPECT_EQ(sealed.batches_waiting, 1);
  EXPECT_EQ(sealed.batches_failed, 0);
  ASSERT_TRUE(sealed.last_batch);
  EXPECT_EQ(sealed.last_batch->state, "sealed");
  EXPECT_EQ(sealed.last_batch->record_count, 4);
  ASSERT_TRUE(sealed.last_pass);
  EXPECT_EQ(sealed.last_pass->at_us, recorded_at + 2'000'000);
  EXPECT_EQ(sealed.last_pass->error, "");
  EXPECT_FALSE(sealed.failing_batch);

  // The node refused the batch's transaction: the anchorer notes it on the batch.
  ASSERT_TRUE(db().write([&](store::Transaction& tx) {
    return repository::note_error(tx, sealed.last_batch->id, "insufficient funds for gas");
  }));
  const auto failing = module->anchoring().value().failing_batch;
  ASSERT_TRUE(failing);
  EXPECT_EQ(failing->id, sealed.last_batch->id);
  EXPECT_EQ(failing->last_error, "insufficient funds for gas");
}

TEST_P(ChainModuleTest, APassThatCannotReachTheNodeIsTheLastPassWithItsReason) {
  settings.rpc_url = "http://127.0.0.1:1";  // nothing listens there
  settings.rpc_timeout_ms = 2000;
  ChainModuleImpl unreachable(platform(), Deps{fake_deliveries, directory, proofs_->proofs()},
                              settings, nullptr, clock.clock());
  unreachable.run_pass();
  const auto state = unreachable.anchoring().value();
  EXPECT_TRUE(state.sending);
  ASSERT_TRUE(state.last_pass);
  EXPECT_EQ(state.last_pass->error, "the RPC node's chain id is not the configured one");
}

INSTANTIATE_TEST_SUITE_P(Engines, ChainModuleTest, RESKFLOW_ALL_ENGINES,
                         store::testing::engine_test_name);

// The public node's origin is written into the pages' Content-Security-Policy: only a plain
// http(s) host may get there.
TEST(ChainBrowserSettingsTest, GivesThePublicNodesOriginAndRefusesWhatCouldRewriteThePolicy) {
  const std::map<std::string, std::string> environment{
      {"RESKFLOW_CHAIN_PUBLIC_RPC_URL", "https://rpc.example.org:8545/v1/key?x=1"},
      {"RESKFLOW_CHAIN_EXPLORER_TX_URL", "https://scan.example.org/tx/{tx}"},
      {"RESKFLOW_CHAIN_BATCH_WAIT_S", "5"}};
  const auto browser = browser_settings(environment);
  ASSERT_TRUE(browser) << browser.error().detail;
  EXPECT_EQ(browser->public_rpc_origin, "https://rpc.example.org:8545");
  EXPECT_EQ(browser->public_rpc_url, "https://rpc.example.org:8545/v1/key?x=1");
  EXPECT_EQ(browser->explorer_tx_url, "https://scan.example.org/tx/{tx}");
  const auto module_settings = load_settings(environment);
  ASSERT_TRUE(module_settings) << module_settings.error().detail;
  EXPECT_EQ(module_settings->browser.public_rpc_origin, "https://rpc.example.org:8545");
  EXPECT_TRUE(browser_settings({})->public_rpc_origin.empty());

  for (const std::string bad :
       {"https://rpc.example.org; script-src *", "https://rpc.example.org 'unsafe-inline'",
        "javascript:alert(1)", "https://user:secret@rpc.example.org", "ftp://rpc.example.org",
        "https://", "https://:8545", "https://rpc.example.org/\"x"}) {
    EXPECT_FALSE(browser_settings({{"RESKFLOW_CHAIN_PUBLIC_RPC_URL", bad}})) << bad;
    EXPECT_FALSE(load_settings({{"RESKFLOW_CHAIN_PUBLIC_RPC_URL", bad}})) << bad;
  }
  EXPECT_FALSE(browser_settings({{"RESKFLOW_CHAIN_EXPLORER_TX_URL", "https://scan.example.org/"}}));
  EXPECT_FALSE(browser_settings({{"RESKFLOW_CHAIN_EXPLORER_TX_URL", "data:text/html,{tx}"}}));
}

}  // namespace
}  // namespace reskflow::chain
