// `reskflow verify --delivery ID --rpc URL (--target URL | --file FILE)`: prints one line per
// milestone and exits 0 when every one is verified on chain, 1 when one fails, 3 when the others
// are verified and some are not anchored yet, 2 when it could not check.
#include "verify_command.h"

#include <CLI/CLI.hpp>
#include <boost/json.hpp>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>

#include "reskflow/chain/verify.h"

namespace reskflow::app {
namespace {

constexpr int exit_failed = 1;
constexpr int exit_unchecked = 2;
constexpr int exit_pending = 3;

struct VerifyArgs {
  std::string delivery;
  std::string rpc;
  std::string target;
  std::string token;
  std::string file;
  double timeout_s = 30.0;
};

Result<boost::json::value> read_file(const std::string& path) {
  std::ifstream in(path);
  if (!in) return fail(ErrorCode::not_found, "cannot read " + path);
  std::stringstream text;
  text << in.rdbuf();
  boost::system::error_code ec;
  auto parsed = boost::json::parse(text.str(), ec);
  if (ec) return fail(ErrorCode::validation_failed, path + " is not JSON: " + ec.message());
  return parsed;
}

std::string_view label(chain::CheckOutcome outcome) {
  switch (outcome) {
    case chain::CheckOutcome::verified: return "verified";
    case chain::CheckOutcome::pending: return "pending ";
    case chain::CheckOutcome::failed: return "FAILED  ";
  }
  return "";
}

int run_verify(const VerifyArgs& args) {
  const auto timeout = std::chrono::milliseconds(static_cast<long long>(args.timeout_s * 1000));
  auto answer = args.file.empty()
                    ? chain::fetch_proof_of_record(args.target, args.delivery, args.token, timeout)
                    : read_file(args.file);
  if (!answer) {
    std::fprintf(stderr, "reskflow verify: %s\n", answer.error().detail.c_str());
    return exit_unchecked;
  }
  chain::eth::RpcClient rpc(args.rpc, timeout);
  auto checked = chain::verify_proof_of_record(*answer, args.delivery, rpc);
  if (!checked) {
    std::fprintf(stderr, "reskflow verify: %s\n", checked.error().detail.c_str());
    for (const auto& f : checked.error().fields)
      std::fprintf(stderr, "  %s: %s\n", f.field.c_str(), f.message.c_str());
    return exit_unchecked;
  }
  for (const auto& m : checked->milestones) {
    const auto batch = m.batch_id ? " batch " + std::to_string(*m.batch_id) : std::string();
    std::printf("%s  %-12s %s%s%s%s\n", std::string(label(m.outcome)).c_str(), m.milestone.c_str(),
                m.at.c_str(), batch.c_str(), m.detail.empty() ? "" : ": ", m.detail.c_str());
  }
  using chain::CheckOutcome;
  std::printf("delivery %s: %zu verified, %zu pending, %zu failed\n", args.delivery.c_str(),
              checked->count(CheckOutcome::verified), checked->count(CheckOutcome::pending),
              checked->count(CheckOutcome::failed));
  if (checked->count(CheckOutcome::failed) > 0) return exit_failed;
  if (checked->count(CheckOutcome::pending) > 0) return exit_pending;
  return 0;
}

}  // namespace

void add_verify_command(CLI::App& app) {
  auto args = std::make_shared<VerifyArgs>();
  auto* verify = app.add_subcommand(
      "verify", "Check a delivery's records against the registry contract on chain");
  verify->add_option("--delivery", args->delivery, "The delivery's id")->required();
  verify->add_option("--rpc", args->rpc, "The chain's JSON-RPC URL (any node you trust)")
      ->required();
  auto* target =
      verify->add_option("--target", args->target, "The ReskFlow server to fetch the records from");
  verify
      ->add_option("--token", args->token,
                   "A bearer token of the delivery's customer, merchant, courier or an admin")
      ->envname("RESKFLOW_TOKEN");
  auto* file = verify->add_option(
      "--file", args->file, "The body of GET /v1/deliveries/{id}/verification, saved earlier");
  target->excludes(file);
  verify->add_option("--timeout", args->timeout_s, "Seconds per request")
      ->check(CLI::Range(0.1, 600.0));
  verify->callback([args, target, file] {
    if (target->count() == 0 && file->count() == 0) {
      std::fputs("reskflow verify: say where the records come from: --target URL or --file FILE\n",
                 stderr);
      throw CLI::RuntimeError(exit_unchecked);
    }
    const int code = run_verify(*args);
    if (code != 0) throw CLI::RuntimeError(code);
  });
}

}  // namespace reskflow::app
