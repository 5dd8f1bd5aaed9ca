// serve and migrate: configuration checks, then the platform's lifecycle.
#include "commands.h"

#include <cstdio>

#include "platform.h"
#include "reskflow/core/log.h"

namespace reskflow::app {
namespace {

bool configure(const Config& config) {
  log::Level level{};
  log::parse_level(config.log_level, level);
  log::set_level(level);
  if (auto ok = validate(config); !ok) {
    for (const auto& f : ok.error().fields) {
      std::fprintf(stderr, "reskflow: invalid configuration: %s %s\n", f.field.c_str(),
                   f.message.c_str());
    }
    return false;
  }
  return true;
}

int report(std::string_view event, const Error& error) {
  log::error(event, {{"code", static_cast<int>(error.code)},
                     {"title", error_info(error.code).title},
                     {"detail", error.detail}});
  for (const auto& f : error.fields) log::error(event, {{"field", f.field}, {"detail", f.message}});
  return error.code == ErrorCode::validation_failed ? exit_config : exit_failure;
}

}  // namespace

std::string_view version() { return RESKFLOW_VERSION; }

int migrate(const Config& config) {
  if (!configure(config)) return exit_config;
  auto platform = Platform::open(config);
  if (!platform) return report("startup_failed", platform.error());
  auto status = (*platform)->migrate();
  if (!status) return report("migration_failed", status.error());
  for (const auto& m : status->modules) {
    log::info("migrated", {{"module", m.module}, {"version", m.applied_version}});
  }
  return 0;
}

int serve(const Config& config) {
  if (!configure(config)) return exit_config;
  auto platform = Platform::open(config);
  if (!platform) return report("startup_failed", platform.error());
  auto& p = **platform;
  if (auto migrated = p.migrate(); !migrated) return report("migration_failed", migrated.error());
  if (auto started = p.start(); !started) return report("startup_failed", started.error());
  auto served = p.serve();
  p.stop();
  if (!served) return report("serve_failed", served.error());
  log::info("stopped");
  return 0;
}

}  // namespace reskflow::app
