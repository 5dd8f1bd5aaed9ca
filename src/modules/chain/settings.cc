// RESKFLOW_CHAIN_*: where and how batches are anchored (docs/chain.md, "Settings").
#include "settings.h"

#include <algorithm>
#include <cctype>

#include "reskflow/modules/settings.h"

namespace reskflow::chain {
namespace {

constexpr std::int64_t gwei = 1'000'000'000;

void read_policy(modules::Settings& s, AnchorPolicy& p) {
  p.chain_id = static_cast<std::uint64_t>(s.integer("CHAIN_ID", 137, 1, 1'000'000'000'000));
  p.batch_records_max = s.integer("BATCH_RECORDS_MAX", p.batch_records_max, 1, 10'000);
  p.batch_wait = std::chrono::seconds(s.integer("BATCH_WAIT_S", p.batch_wait.count(), 1, 86'400));
  p.confirmations = s.integer("CONFIRMATIONS", 20, 1, 1'000);
  p.max_fee_per_gas_cap_wei =
      static_cast<std::uint64_t>(s.integer("MAX_FEE_PER_GAS_WEI", 500 * gwei, 1, 100'000 * gwei));
  p.priority_fee_floor_wei =
      static_cast<std::uint64_t>(s.integer("PRIORITY_FEE_MIN_WEI", 30 * gwei, 0, 10'000 * gwei));
  p.fee_bump_percent = s.integer("FEE_BUMP_PERCENT", p.fee_bump_percent, 10, 200);
  p.resend_after = std::chrono::seconds(s.integer("RESEND_AFTER_S", 180, 1, 86'400));
  p.gas_limit = static_cast<std::uint64_t>(s.integer("GAS_LIMIT", 150'000, 60'000, 10'000'000));
  p.reverts_max = s.integer("REVERTS_MAX", p.reverts_max, 1, 20);
}

// "scheme://host[:port]" of an http(s) URL; empty when the URL has another scheme, credentials,
// or a host character that could rewrite the Content-Security-Policy it is written into.
std::string origin_of(std::string_view url) {
  const auto scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos) return {};
  const auto scheme = url.substr(0, scheme_end);
  if (scheme != "http" && scheme != "https") return {};
  const auto rest = url.substr(scheme_end + 3);
  const auto authority = rest.substr(0, rest.find_first_of("/?#"));
  const bool host_only = std::ranges::all_of(authority, [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '.' || c == '-' || c == ':';
  });
  if (authority.empty() || !host_only || authority.front() == ':') return {};
  return std::string(scheme) + "://" + std::string(authority);
}

// The whole URL goes into JSON and an HTML attribute: no spaces, quotes or control characters.
bool printable_url(std::string_view url) {
  return std::ranges::none_of(url, [](char c) {
    return static_cast<unsigned char>(c) <= ' ' || c == '"' || c == '\'' || c == '<' || c == '>' ||
           c == 0x7F;
  });
}

BrowserSettings read_browser(modules::Settings& s, std::vector<FieldError>& errors) {
  BrowserSettings out;
  out.public_rpc_url = s.text("PUBLIC_RPC_URL", "");
  out.explorer_tx_url = s.text("EXPLORER_TX_URL", "");
  if (!out.public_rpc_url.empty()) {
    out.public_rpc_origin = origin_of(out.public_rpc_url);
    if (out.public_rpc_origin.empty() || !printable_url(out.public_rpc_url))
      errors.push_back({"RESKFLOW_CHAIN_PUBLIC_RPC_URL",
                        "must be an http:// or https:// URL without credentials or spaces"});
  }
  if (!out.explorer_tx_url.empty() &&
      (origin_of(out.explorer_tx_url).empty() || !printable_url(out.explorer_tx_url) ||
       out.explorer_tx_url.find("{tx}") == std::string::npos))
    errors.push_back({"RESKFLOW_CHAIN_EXPLORER_TX_URL",
                      "must be an http:// or https:// URL template holding {tx}"});
  return out;
}

}  // namespace

Result<BrowserSettings> browser_settings(const std::map<std::string, std::string>& environment) {
  modules::Settings s("chain", environment);
  std::vector<FieldError> errors;
  auto out = read_browser(s, errors);
  if (!errors.empty())
    return fail(ErrorCode::validation_failed, "the chain settings are invalid", std::move(errors));
  return out;
}

Result<ChainSettings> load_settings(const std::map<std::string, std::string>& environment) {
  modules::Settings s("chain", environment);
  ChainSettings out;
  out.rpc_url = s.text("RPC_URL", "");
  out.key_file = s.text("KEY_FILE", "");
  out.contract = s.text("CONTRACT", "");
  out.rpc_timeout_ms = s.integer("RPC_TIMEOUT_MS", out.rpc_timeout_ms, 100, 120'000);
  out.interval_ms = s.integer("INTERVAL_MS", out.interval_ms, 10, 3'600'000);
  read_policy(s, out.policy);
  std::vector<FieldError> errors;
  out.browser = read_browser(s, errors);
  if (auto ok = s.finish(); !ok) return std::unexpected(ok.error());
  if (!out.contract.empty()) {
    if (const auto address = eth::address_from_hex(out.contract)) {
      out.policy.contract = *address;
    } else {
      errors.push_back({"RESKFLOW_CHAIN_CONTRACT", "must be a 0x-prefixed 20-byte hex address"});
    }
  }
  if (!out.rpc_url.empty() && !out.rpc_url.starts_with("http://") &&
      !out.rpc_url.starts_with("https://"))
    errors.push_back({"RESKFLOW_CHAIN_RPC_URL", "must be an http:// or https:// URL"});
  if (!out.rpc_url.empty() && out.contract.empty())
    errors.push_back({"RESKFLOW_CHAIN_CONTRACT", "is required with RESKFLOW_CHAIN_RPC_URL"});
  if (!out.rpc_url.empty() && out.key_file.empty())
    errors.push_back({"RESKFLOW_CHAIN_KEY_FILE", "is required with RESKFLOW_CHAIN_RPC_URL"});
  if (!errors.empty())
    return fail(ErrorCode::validation_failed, "the chain settings are invalid", std::move(errors));
  return out;
}

}  // namespace reskflow::chain
