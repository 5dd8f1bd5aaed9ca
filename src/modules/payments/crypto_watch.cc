// The stablecoin watcher's pass over deposits: Transfer logs of the token into watched deposit
// addresses, read with eth_getLogs only from blocks that already have the configured
// confirmations (so a reorg shallower than that never reaches the database), each counted once;
// unpaid deposits expired; payments told of the outcome.
#include <boost/json.hpp>

#include "crypto_provider.h"
#include "reskflow/core/log.h"

namespace reskflow::payments {

using crypto::TransferIn;
namespace repo = crypto::repository;
namespace eth = chain::eth;

namespace {

constexpr std::int64_t watched_deposits_max = 10'000;
constexpr std::size_t addresses_per_query_max = 100;
constexpr int scan_chunks_per_pass_max = 16;
constexpr std::int64_t deposits_per_step_max = 100;

// A 32-byte topic holding an address (12 zero bytes, then its 20).
std::string address_topic(std::string_view address) {
  return "0x" + std::string(24, '0') + std::string(address.substr(2));
}

std::optional<std::string> address_of_topic(const boost::json::value& topic) {
  if (!topic.is_string()) return std::nullopt;
  const auto word = eth::word_from_hex(topic.as_string());
  if (!word) return std::nullopt;
  eth::Address address{};
  std::copy(word->begin() + 12, word->end(), address.begin());
  return eth::to_hex(address);
}

// A log of eth_getLogs as a transfer; nullopt for one that is not a well-formed Transfer.
std::optional<TransferIn> transfer_of(const boost::json::value& log) {
  const auto* o = log.if_object();
  if (o == nullptr) return std::nullopt;
  const auto* removed = o->if_contains("removed");
  if (removed != nullptr && removed->is_bool() && removed->as_bool()) return std::nullopt;
  const auto* topics = o->if_contains("topics");
  const auto* data = o->if_contains("data");
  const auto* hash = o->if_contains("transactionHash");
  const auto* index = o->if_contains("logIndex");
  const auto* block = o->if_contains("blockNumber");
  if (topics == nullptr || !topics->is_array() || topics->as_array().size() != 3 ||
      data == nullptr || !data->is_string() || hash == nullptr || !hash->is_string() ||
      index == nullptr || !index->is_string() || block == nullptr || !block->is_string())
    return std::nullopt;
  const auto from = address_of_topic(topics->as_array()[1]);
  const auto to = address_of_topic(topics->as_array()[2]);
  const auto amount = eth::word_from_hex(data->as_string());
  const auto log_index = eth::quantity_from_hex(index->as_string());
  const auto block_number = eth::quantity_from_hex(block->as_string());
  if (!from || !to || !amount || !log_index || !block_number) return std::nullopt;
  const auto units = crypto::units_from_word(*amount);
  if (!units) return std::nullopt;
  return TransferIn{std::string(hash->as_string()),
                    static_cast<std::int64_t>(*log_index),
                    *from,
                    *to,
                    *units,
                    static_cast<std::int64_t>(*block_number)};
}

}  // namespace

Result<bool> CryptoProvider::chain_matches() {
  if (chain_checked_) return true;
  RF_TRY(id, rpc_.chain_id());
  if (*id != settings_.chain_id) {
    log::error("payments_crypto_chain_id_mismatch",
               {{"configured", std::to_string(settings_.chain_id)}, {"node", std::to_string(*id)}});
    return false;
  }
  chain_checked_ = true;
  return true;
}

Result<crypto::WatchReport> CryptoProvider::run_once(
    const std::function<Status(const Charge&)>& announce) {
  crypto::WatchReport report;
  RF_TRY(matches, chain_matches());
  if (!*matches)
    return fail(ErrorCode::unavailable, "the stablecoin RPC node serves another chain id");
  RF_TRY(scanned, scan(report));
  RF_TRY(expired, expire_due(report));
  RF_TRY(announced, announce_settled(announce));
  RF_TRY(sent, follow_sent(report));
  RF_TRY(queued, send_queued(report));
  return report;
}

Status CryptoProvider::scan(crypto::WatchReport& report) {
  RF_TRY(last, database_.read(
                   [&](store::Transaction& tx) { return repo::last_block(tx, settings_.token); }));
  if (!*last) return {};  // no deposit yet
  RF_TRY(head, rpc_.block_number());
  // A transfer in block b has head - b + 1 confirmations.
  const auto safe = static_cast<std::int64_t>(*head) + 1 - settings_.confirmations;
  auto from = **last + 1;
  for (int chunk = 0; chunk < scan_chunks_per_pass_max && from <= safe; ++chunk) {
    const auto to = std::min(safe, from + settings_.scan_blocks_max - 1);
    const auto closed_after_us =
        clock_() -
        std::chrono::duration_cast<std::chrono::microseconds>(settings_.late_watch_s).count();
    RF_TRY(watched, database_.read([&](store::Transaction& tx) {
      return repo::watched(tx, closed_after_us, watched_deposits_max + 1);
    }));
    if (static_cast<std::int64_t>(watched->size()) > watched_deposits_max)
      return fail(ErrorCode::unavailable, "more deposits are watched than one pass can scan");
    std::vector<std::string> addresses;
    for (const auto& d : *watched) addresses.push_back(d.address);
    RF_TRY(transfers, transfer_logs(from, to, addresses));
    RF_TRY(counted, count_transfers(*transfers, to, report));
    report.blocks_scanned += to - from + 1;
    from = to + 1;
  }
  return {};
}

Result<std::vector<TransferIn>> CryptoProvider::transfer_logs(
    std::int64_t from, std::int64_t to, const std::vector<std::string>& addresses) {
  std::vector<TransferIn> out;
  for (std::size_t first = 0; first < addresses.size(); first += addresses_per_query_max) {
    boost::json::array recipients;
    for (std::size_t i = first; i < std::min(addresses.size(), first + addresses_per_query_max);
         ++i)
      recipients.emplace_back(address_topic(addresses[i]));
    boost::json::object filter{
        {"fromBlock", eth::quantity_hex(static_cast<std::uint64_t>(from))},
        {"toBlock", eth::quantity_hex(static_cast<std::uint64_t>(to))},
        {"address", settings_.token},
        {"topics", boost::json::array{boost::json::string(eth::to_hex(crypto::transfer_topic())),
                                      nullptr, std::move(recipients)}}};
    RF_TRY(logs, rpc_.call("eth_getLogs", boost::json::array{std::move(filter)}));
    if (!logs->is_array()) return fail(ErrorCode::unavailable, "eth_getLogs answered no list");
    for (const auto& log : logs->as_array()) {
      if (auto t = transfer_of(log)) out.push_back(std::move(*t));
    }
  }
  return out;
}

Status CryptoProvider::count_transfers(const std::vector<TransferIn>& transfers,
                                       std::int64_t last_block, crypto::WatchReport& report) {
  crypto::WatchReport counted;
  RF_TRY(done, database_.write([&](store::Transaction& tx) -> Status {
    counted = {};
    for (const auto& t : transfers) {
      RF_TRY(found, repo::deposit_by_address(tx, t.to_address));
      if (!*found) continue;
      auto& d = **found;
      RF_TRY(fresh, repo::insert_transfer(tx, t, d.id));
      if (!*fresh) continue;
      ++counted.transfers_counted;
      d.received_units += t.units;
      if (d.payer_address.empty()) d.payer_address = t.from_address;
      if (d.status == "open" && d.received_units >= d.amount_units) {
        d.status = "paid";
        ++counted.deposits_paid;
      } else if (d.status != "open" && d.status != "paid") {
        // Arrived after the payment closed: it goes back to whoever sent it.
        auto late = payout_of(d, "late:" + t.tx_hash + ":" + std::to_string(t.log_index), "return",
                              t.units);
        late.to_address = t.from_address;
        RF_TRY(queued, pay_out(tx, late));
      }
      RF_TRY(updated, repo::update_deposit(tx, d));
    }
    return repo::set_last_block(tx, settings_.token, last_block);
  }));
  report.transfers_counted += counted.transfers_counted;
  report.deposits_paid += counted.deposits_paid;
  return {};
}

Status CryptoProvider::expire_due(crypto::WatchReport& report) {
  const auto now = clock_();
  RF_TRY(expired, database_.write([&](store::Transaction& tx) -> Result<std::int64_t> {
    RF_TRY(due, repo::expired_open(tx, now, deposits_per_step_max));
    for (auto& d : *due) {
      d.status = "expired";
      d.closed_at_us = now;
      RF_TRY(updated, repo::update_deposit(tx, d));
      RF_TRY(queued, pay_out(tx, payout_of(d, "return:" + d.id, "return", d.received_units)));
    }
    return static_cast<std::int64_t>(due->size());
  }));
  report.deposits_expired += *expired;
  return {};
}

Status CryptoProvider::announce_settled(const std::function<Status(const Charge&)>& announce) {
  RF_TRY(settled, database_.read([](store::Transaction& tx) {
    return repo::unannounced(tx, deposits_per_step_max);
  }));
  for (const auto& d : *settled) {
    const Charge charge{d.id,
                        d.status == "paid" ? ChargeStatus::authorized : ChargeStatus::declined,
                        d.status == "paid" ? std::string() : std::string(crypto::expired_reason),
                        {}};
    RF_TRY(told, announce(charge));
    RF_TRY(marked,
           database_.write([&](store::Transaction& tx) { return repo::mark_announced(tx, d.id); }));
  }
  return {};
}

}  // namespace reskflow::payments
