// `reskflow admin create` and `reskflow keys rotate`: open the database, apply the identity
// migrations, then call the identity module's entry points.
#include "admin_commands.h"

#include <CLI/CLI.hpp>

#include <cstdio>
#include <filesystem>

#include "reskflow/bus/outbox.h"
#include "reskflow/core/log.h"
#include "reskflow/identity/identity.h"
#include "reskflow/store/migrations.h"

namespace reskflow::app {
namespace {

struct AdminOptions {
  std::string email;
  std::string name = "Administrator";
};

int fail_with(std::string_view what, const Error& e) {
  std::fprintf(stderr, "reskflow: %.*s: %s\n", static_cast<int>(what.size()), what.data(),
               e.detail.c_str());
  for (const auto& f : e.fields)
    std::fprintf(stderr, "reskflow:   %s %s\n", f.field.c_str(), f.message.c_str());
  return e.code == ErrorCode::validation_failed ? 2 : 1;
}

Result<std::unique_ptr<store::Database>> open_identity_database(const Config& config) {
  if (auto ok = validate(config); !ok) return std::unexpected(ok.error());
  const auto& url = config.database_url;
  if (url.starts_with("sqlite:") && url != "sqlite::memory:") {
    std::error_code ec;
    const std::filesystem::path path(url.substr(7));
    if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path(), ec);
  }
  auto db = store::Database::open(url);
  if (!db) return std::unexpected(db.error());
  const std::vector<store::MigrationSet> sets{bus::migrations(), identity::migrations()};
  if (auto migrated = store::migrate(**db, sets); !migrated)
    return std::unexpected(migrated.error());
  return db;
}

int create_admin(const Config& config, const AdminOptions& options) {
  auto db = open_identity_database(config);
  if (!db) return fail_with("admin create", db.error());
  auto created = identity::create_admin(**db, config, options.email, options.name);
  if (!created) return fail_with("admin create", created.error());
  // The one time the password is shown: on stdout, for the operator, never in a log.
  std::printf("admin created\nid: %s\nemail: %s\none-time password: %s\n", created->user_id.c_str(),
              options.email.c_str(), created->password.c_str());
  std::printf("Log in, enrol TOTP at POST /v1/me/mfa/totp, then change the password.\n");
  return 0;
}

int rotate_keys(const Config& config) {
  auto db = open_identity_database(config);
  if (!db) return fail_with("keys rotate", db.error());
  auto report = identity::rotate_data_keys(**db, config);
  if (!report) return fail_with("keys rotate", report.error());
  std::printf("re-encrypted %lld values under data key %s\n",
              static_cast<long long>(report->values_reencrypted), report->current_kid.c_str());
  return 0;
}

void bind_identity_options(CLI::App& command, Config& config) {
  bind_common_options(command, config);
  command.add_option("--jwt-secret", config.jwt_secret, "The server's JWT_SECRET")
      ->envname("JWT_SECRET");
}

}  // namespace

void add_admin_commands(CLI::App& app, Config& config) {
  auto options = std::make_shared<AdminOptions>();
  auto* admin = app.add_subcommand("admin", "Administer accounts");
  admin->require_subcommand(1);
  auto* create = admin->add_subcommand("create", "Create an administrator account");
  bind_identity_options(*create, config);
  create->add_option("--email", options->email, "The administrator's email")->required();
  create->add_option("--name", options->name, "Display name")->capture_default_str();
  create->callback([&config, options] {
    if (const int code = create_admin(config, *options); code != 0) throw CLI::RuntimeError(code);
  });
  auto* keys = app.add_subcommand("keys", "Manage data-encryption keys");
  keys->require_subcommand(1);
  auto* rotate = keys->add_subcommand(
      "rotate", "Re-encrypt personal data under the first key of RESKFLOW_IDENTITY_DATA_KEYS");
  bind_identity_options(*rotate, config);
  rotate->callback([&config] {
    if (const int code = rotate_keys(config); code != 0) throw CLI::RuntimeError(code);
  });
}

}  // namespace reskflow::app
