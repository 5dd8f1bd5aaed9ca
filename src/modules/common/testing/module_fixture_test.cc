// What ModuleFixture gives every module's tests, on both engines: the job leases' table, so a
// module's leased loops run on PostgreSQL as they do on a node.
#include "reskflow/modules/testing/module_fixture.h"

#include <chrono>

#include "reskflow/modules/lease.h"
#include "reskflow/modules/testing/runs.h"

namespace reskflow::modules::testing {
namespace {

class ModuleFixtureTest : public ModuleFixture {};

TEST_P(ModuleFixtureTest, LeasedLoopsRunAsOnANode) {
  Runs runs;
  auto loop =
      leased_loop(platform(), "fixture_job", std::chrono::milliseconds(1), [&] { runs.record(); });
  loop.start();
  EXPECT_TRUE(runs.wait_for_count(2)) << "the loop never held its lease";
  EXPECT_TRUE(loop.stop(std::chrono::seconds(60)));
}

INSTANTIATE_TEST_SUITE_P(Engines, ModuleFixtureTest, RESKFLOW_ALL_ENGINES,
                         store::testing::engine_test_name);

}  // namespace
}  // namespace reskflow::modules::testing
