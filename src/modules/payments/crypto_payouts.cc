// The treasury's token transfers (refunds and returns), as the anchoring sends its batches
// (docs/chain.md, "Anchoring"): a queued payout takes its nonce from the shared chain_nonces in
// the transaction that stores its signed bytes, and only then is broadcast; a sent one counts once
// mined under the configured confirmations, is broadcast again when the node lost it, and is
// replaced with bumped fees (same nonce) when it waited too long.
#include <algorithm>

#include "crypto_provider.h"
#include "reskflow/chain/nonces.h"
#include "reskflow/core/log.h"

namespace reskflow::payments {

using crypto::Payout;
using crypto::PayoutTransaction;
namespace repo = crypto::repository;
namespace eth = chain::eth;

namespace {

constexpr std::int64_t payouts_per_pass_max = 64;
constexpr std::uint64_t fee_history_blocks = 10;
constexpr double fee_reward_percentile = 50;

}  // namespace

eth::Eip1559Transaction CryptoProvider::transfer_transaction(const Payout& payout,
                                                             std::uint64_t nonce,
                                                             const eth::Fees& fees) const {
  eth::Eip1559Transaction t;
  t.chain_id = settings_.chain_id;
  t.nonce = nonce;
  t.max_priority_fee_per_gas = fees.max_priority_fee_per_gas;
  t.max_fee_per_gas = fees.max_fee_per_gas;
  t.gas_limit = settings_.gas_limit;
  t.to = token_;
  t.data = crypto::transfer_call(eth::address_from_hex(payout.to_address).value_or(eth::Address{}),
                                 payout.units);
  return t;
}

Result<eth::FeeMarket> CryptoProvider::fees() {
  RF_TRY(market, rpc_.fee_market(fee_history_blocks, fee_reward_percentile));
  market->priority_fee = std::max(market->priority_fee, settings_.priority_fee_min_wei);
  return market;
}

Status CryptoProvider::broadcast(std::string_view payout_id, const std::string& raw) {
  const auto bytes = eth::from_hex(raw).value_or(eth::Bytes{});
  if (auto sent = rpc_.send_raw_transaction(bytes); !sent) {
    return database_.write([&](store::Transaction& tx) {
      return repo::note_payout_error(tx, payout_id, sent.error().detail);
    });
  }
  return {};
}

Status CryptoProvider::send_queued(crypto::WatchReport& report) {
  RF_TRY(queued, database_.read([](store::Transaction& tx) {
    return repo::payouts(tx, "queued", payouts_per_pass_max);
  }));
  if (queued->empty()) return {};
  RF_TRY(market, fees());
  const auto cap = settings_.max_fee_per_gas_wei;
  const auto offer = eth::first_fees(*market, cap);
  if (!offer) {
    const auto error =
        "the base fee is above the cap of " + std::to_string(cap) + " wei per gas: waiting";
    for (const auto& payout : *queued) {
      RF_TRY(noted, database_.write([&](store::Transaction& tx) {
        return repo::note_payout_error(tx, payout.id, error);
      }));
    }
    return {};
  }
  RF_TRY(pending, rpc_.transaction_count(treasury_.address(), "pending"));
  RF_TRY(synced, database_.write([&](store::Transaction& tx) {
    return chain::nonces::sync(tx, treasury_hex_, *pending);
  }));
  for (const auto& payout : *queued) {
    RF_TRY(sent, send_one(payout, *offer, report));
  }
  return {};
}

Status CryptoProvider::send_one(const Payout& payout, const eth::Fees& fees,
                                crypto::WatchReport& report) {
  auto stored = database_.write([&](store::Transaction& tx) -> Result<std::optional<std::string>> {
    RF_TRY(current, repo::payout(tx, payout.id));
    if (!*current || (*current)->state != "queued") return std::optional<std::string>{};
    RF_TRY(nonce, chain::nonces::take(tx, treasury_hex_));
    const auto signed_tx = treasury_.sign_transaction(transfer_transaction(payout, *nonce, fees));
    const PayoutTransaction sent{eth::to_hex(signed_tx.hash), fees.max_fee_per_gas,
                                 fees.max_priority_fee_per_gas, eth::to_hex(signed_tx.raw),
                                 clock_()};
    RF_TRY(recorded, repo::record_sent(tx, payout.id, *nonce, sent));
    return std::optional<std::string>{sent.raw};
  });
  if (!stored) return std::unexpected(stored.error());
  if (!*stored) return {};
  ++report.payouts_sent;
  log::info("payments_crypto_payout_sent", {{"payout", payout.id},
                                            {"to", payout.to_address},
                                            {"units", crypto::units_text(payout.units)}});
  return broadcast(payout.id, **stored);
}

Status CryptoProvider::follow_sent(crypto::WatchReport& report) {
  RF_TRY(sent, database_.read([](store::Transaction& tx) {
    return repo::payouts(tx, "sent", payouts_per_pass_max);
  }));
  if (sent->empty()) return {};
  RF_TRY(head, rpc_.block_number());
  RF_TRY(mined_nonce, rpc_.transaction_count(treasury_.address(), "latest"));
  for (const auto& payout : *sent) {
    RF_TRY(followed, follow(payout, *head, *mined_nonce, report));
  }
  return {};
}

Status CryptoProvider::follow(const Payout& payout, std::uint64_t head, std::uint64_t mined_nonce,
                              crypto::WatchReport& report) {
  RF_TRY(txs, database_.read([&](store::Transaction& tx) {
    return repo::payout_transactions(tx, payout.id);
  }));
  if (txs->empty()) return {};
  for (auto it = txs->rbegin(); it != txs->rend(); ++it) {
    const auto hash = eth::word_from_hex(it->tx_hash).value_or(eth::Word{});
    RF_TRY(receipt, rpc_.receipt(hash));
    if (!*receipt) continue;
    const auto& r = **receipt;
    const auto confirmations = head >= r.block_number ? head - r.block_number + 1 : 0;
    if (confirmations < static_cast<std::uint64_t>(settings_.confirmations)) return {};
    RF_TRY(settled, database_.write([&](store::Transaction& tx) {
      return repo::settle_payout(tx, payout.id, r.succeeded, it->tx_hash,
                                 static_cast<std::int64_t>(r.block_number));
    }));
    ++(r.succeeded ? report.payouts_confirmed : report.payouts_failed);
    if (!r.succeeded)
      log::error("payments_crypto_payout_reverted", {{"payout", payout.id}, {"tx", it->tx_hash}});
    return {};
  }
  const auto nonce = static_cast<std::uint64_t>(payout.nonce.value_or(0));
  if (mined_nonce > nonce) {
    // None of its transactions is mined and the nonce is used: signed again with a new one.
    return database_.write([&](store::Transaction& tx) {
      return repo::requeue_payout(
          tx, payout.id,
          "nonce " + std::to_string(nonce) + " was used by another transaction of the treasury");
    });
  }
  const auto& latest = txs->back();
  const auto latest_hash = eth::word_from_hex(latest.tx_hash).value_or(eth::Word{});
  RF_TRY(known, rpc_.knows_transaction(latest_hash));
  if (!*known) {
    ++report.payouts_sent;
    return broadcast(payout.id, latest.raw);
  }
  if (clock_() - latest.sent_at_us <
      std::chrono::duration_cast<std::chrono::microseconds>(settings_.resend_after_s).count())
    return {};
  return replace(payout, latest, report);
}

Status CryptoProvider::replace(const Payout& payout, const PayoutTransaction& latest,
                               crypto::WatchReport& report) {
  RF_TRY(market, fees());
  const auto cap = settings_.max_fee_per_gas_wei;
  const auto offer =
      eth::replacement_fees({latest.max_fee_per_gas, latest.max_priority_fee_per_gas}, *market,
                            settings_.fee_bump_percent, cap);
  if (!offer) {
    return database_.write([&](store::Transaction& tx) {
      return repo::note_payout_error(
          tx, payout.id, "pending at the fee cap of " + std::to_string(cap) + " wei per gas");
    });
  }
  const auto nonce = static_cast<std::uint64_t>(payout.nonce.value_or(0));
  const auto signed_tx = treasury_.sign_transaction(transfer_transaction(payout, nonce, *offer));
  const PayoutTransaction sent{eth::to_hex(signed_tx.hash), offer->max_fee_per_gas,
                               offer->max_priority_fee_per_gas, eth::to_hex(signed_tx.raw),
                               clock_()};
  RF_TRY(stored, database_.write([&](store::Transaction& tx) {
    return repo::record_sent(tx, payout.id, nonce, sent);
  }));
  ++report.payouts_sent;
  return broadcast(payout.id, sent.raw);
}

}  // namespace reskflow::payments
