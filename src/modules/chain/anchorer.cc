// One anchoring pass: seal, follow what was sent, send what is sealed (docs/chain.md,
// "Anchoring"). Every transaction is stored before it is broadcast, so a crash between the two
// loses nothing: the next pass finds the node does not know it and broadcasts it again.
#include "anchorer.h"

#include <algorithm>

#include "repository.h"
#include "reskflow/chain/eth/abi.h"
#include "reskflow/chain/eth/merkle.h"
#include "reskflow/core/log.h"

namespace reskflow::chain {
namespace {

constexpr std::int64_t batches_per_pass_max = 64;
constexpr std::uint64_t fee_history_blocks = 10;
constexpr double fee_reward_percentile = 50;

}  // namespace

eth::Bytes anchor_call(std::int64_t batch_id, const eth::Word& root, std::int64_t record_count) {
  return eth::abi::encode_call(
      eth::abi::selector("anchorBatch(uint64,bytes32,uint32)"),
      {static_cast<std::uint64_t>(batch_id), root, static_cast<std::uint64_t>(record_count)});
}

Anchorer::Anchorer(store::Database& database, eth::RpcClient* rpc, const eth::Signer* signer,
                   AnchorPolicy policy, modules::Clock clock)
    : database_(database),
      rpc_(rpc),
      signer_(signer),
      policy_(policy),
      clock_(std::move(clock)),
      address_(signer != nullptr ? eth::to_hex(signer->address()) : std::string()) {}

eth::Eip1559Transaction Anchorer::transaction_for(const BatchView& batch, std::uint64_t nonce,
                                                  const eth::Fees& fees) const {
  eth::Eip1559Transaction t;
  t.chain_id = policy_.chain_id;
  t.nonce = nonce;
  t.max_priority_fee_per_gas = fees.max_priority_fee_per_gas;
  t.max_fee_per_gas = fees.max_fee_per_gas;
  t.gas_limit = policy_.gas_limit;
  t.to = policy_.contract;
  t.data = anchor_call(batch.id, eth::word_from_hex(batch.root).value_or(eth::Word{}),
                       batch.record_count);
  return t;
}

Result<PassReport> Anchorer::run_once() {
  PassReport report;
  RF_TRY(sealed, seal_due());
  report.sealed = *sealed;
  if (rpc_ == nullptr || signer_ == nullptr) return report;
  RF_TRY(followed, follow_sent(report));
  RF_TRY(sent, send_sealed(report));
  return report;
}

Result<std::int64_t> Anchorer::seal_due() {
  std::int64_t sealed = 0;
  for (; sealed < batches_per_pass_max; ++sealed) {
    const auto now_us = clock_();
    auto made = database_.write([&](store::Transaction& tx) -> Result<bool> {
      RF_TRY(records, repository::unbatched(tx, policy_.batch_records_max));
      if (records->leaves.empty()) return false;
      const auto waited_us = now_us - records->oldest_recorded_at_us;
      if (static_cast<std::int64_t>(records->leaves.size()) < policy_.batch_records_max &&
          waited_us < std::chrono::microseconds(policy_.batch_wait).count())
        return false;
      const eth::merkle::Tree tree(records->leaves);
      RF_TRY(id, repository::insert_batch(tx, *records, tree.root(), now_us));
      return true;
    });
    if (!made) return std::unexpected(made.error());
    if (!*made) break;
  }
  return sealed;
}

Result<eth::FeeMarket> Anchorer::fees() {
  RF_TRY(market, rpc_->fee_market(fee_history_blocks, fee_reward_percentile));
  market->priority_fee = std::max(market->priority_fee, policy_.priority_fee_floor_wei);
  return market;
}

Status Anchorer::send_sealed(PassReport& report) {
  RF_TRY(sealed, database_.read([](store::Transaction& tx) {
    return repository::batches(tx, "sealed", 0, batches_per_pass_max);
  }));
  if (sealed->empty()) return {};
  RF_TRY(pending, rpc_->transaction_count(signer_->address(), "pending"));
  RF_TRY(synced, database_.write([&](store::Transaction& tx) {
    return repository::sync_nonce(tx, address_, *pending);
  }));
  for (const auto& batch : *sealed) {
    RF_TRY(sent, send_new(batch, report));
  }
  return {};
}

Status Anchorer::send_new(const BatchView& batch, PassReport& report) {
  RF_TRY(market, fees());
  const auto offer = eth::first_fees(*market, policy_.max_fee_per_gas_cap_wei);
  if (!offer) {
    return database_.write([&](store::Transaction& tx) {
      return repository::note_error(tx, batch.id,
                                    "the base fee is above the cap of " +
                                        std::to_string(policy_.max_fee_per_gas_cap_wei) +
                                        " wei per gas: waiting");
    });
  }
  auto stored = database_.write([&](store::Transaction& tx) -> Result<repository::SentTransaction> {
    RF_TRY(nonce, repository::reserve_nonce(tx, address_, batch.id));
    const auto signed_tx = signer_->sign_transaction(transaction_for(batch, *nonce, *offer));
    repository::SentTransaction sent{signed_tx.hash,         *nonce,
                                     offer->max_fee_per_gas, offer->max_priority_fee_per_gas,
                                     signed_tx.raw,          clock_()};
    RF_TRY(inserted, repository::insert_transaction(tx, batch.id, sent));
    RF_TRY(marked, repository::mark_sent(tx, batch.id, sent.hash));
    return sent;
  });
  if (!stored) return std::unexpected(stored.error());
  ++report.sent;
  if (auto broadcast = rpc_->send_raw_transaction(stored->raw); !broadcast) {
    return database_.write([&](store::Transaction& tx) {
      return repository::note_error(tx, batch.id, broadcast.error().detail);
    });
  }
  return {};
}

Status Anchorer::follow_sent(PassReport& report) {
  RF_TRY(sent, database_.read([](store::Transaction& tx) {
    return repository::batches(tx, "sent", 0, batches_per_pass_max);
  }));
  if (sent->empty()) return {};
  RF_TRY(head, rpc_->block_number());
  RF_TRY(mined_nonce, rpc_->transaction_count(signer_->address(), "latest"));
  for (const auto& batch : *sent) {
    RF_TRY(followed, follow(batch, *head, *mined_nonce, report));
  }
  return {};
}

Status Anchorer::follow(const BatchView& batch, std::uint64_t head, std::uint64_t mined_nonce,
                        PassReport& report) {
  RF_TRY(txs, database_.read(
                  [&](store::Transaction& tx) { return repository::transactions(tx, batch.id); }));
  // Only the transactions of the batch's current nonce: earlier ones reverted and are settled.
  std::erase_if(*txs, [&batch](const repository::SentTransaction& t) {
    return static_cast<std::int64_t>(t.nonce) != batch.nonce.value_or(-1);
  });
  if (txs->empty()) return {};
  for (auto it = txs->rbegin(); it != txs->rend(); ++it) {
    RF_TRY(receipt, rpc_->receipt(it->hash));
    if (!*receipt) continue;
    const auto& r = **receipt;
    const auto confirmations = head >= r.block_number ? head - r.block_number + 1 : 0;
    if (confirmations < static_cast<std::uint64_t>(policy_.confirmations)) return {};
    return database_.write([&](store::Transaction& tx) -> Status {
      if (!r.succeeded)
        return repository::revert(tx, batch.id,
                                  "transaction " + eth::to_hex(r.transaction_hash) +
                                      " reverted in block " + std::to_string(r.block_number),
                                  policy_.reverts_max);
      RF_TRY(done, repository::mark_confirmed(tx, batch.id, r, clock_()));
      ++report.confirmed;
      report.gas_used += static_cast<std::int64_t>(r.gas_used);
      return {};
    });
  }
  const auto& latest = txs->back();
  if (mined_nonce > latest.nonce) {
    // The nonce is used and none of this batch's transactions is mined: another sender took it.
    return database_.write([&](store::Transaction& tx) {
      return repository::reopen(tx, batch.id,
                                "nonce " + std::to_string(latest.nonce) +
                                    " was used by another transaction of the anchor account");
    });
  }
  RF_TRY(known, rpc_->knows_transaction(latest.hash));
  if (!*known) {
    ++report.sent;
    if (auto again = rpc_->send_raw_transaction(latest.raw); !again) {
      return database_.write([&](store::Transaction& tx) {
        return repository::note_error(tx, batch.id, again.error().detail);
      });
    }
    return {};
  }
  if (clock_() - latest.sent_at_us < std::chrono::microseconds(policy_.resend_after).count())
    return {};
  return replace(batch, report);
}

Status Anchorer::replace(const BatchView& batch, PassReport& report) {
  RF_TRY(txs, database_.read(
                  [&](store::Transaction& tx) { return repository::transactions(tx, batch.id); }));
  const auto& latest = txs->back();
  RF_TRY(market, fees());
  const auto cap = policy_.max_fee_per_gas_cap_wei;
  const auto offer =
      eth::replacement_fees({latest.max_fee_per_gas, latest.max_priority_fee_per_gas}, *market,
                            policy_.fee_bump_percent, cap);
  if (!offer) {
    return database_.write([&](store::Transaction& tx) {
      return repository::note_error(
          tx, batch.id, "pending at the fee cap of " + std::to_string(cap) + " wei per gas");
    });
  }
  const auto signed_tx = signer_->sign_transaction(transaction_for(batch, latest.nonce, *offer));
  const repository::SentTransaction sent{signed_tx.hash,         latest.nonce,
                                         offer->max_fee_per_gas, offer->max_priority_fee_per_gas,
                                         signed_tx.raw,          clock_()};
  RF_TRY(stored, database_.write([&](store::Transaction& tx) -> Status {
    RF_TRY(inserted, repository::insert_transaction(tx, batch.id, sent));
    return repository::mark_sent(tx, batch.id, sent.hash);
  }));
  ++report.sent;
  if (auto broadcast = rpc_->send_raw_transaction(sent.raw); !broadcast) {
    return database_.write([&](store::Transaction& tx) {
      return repository::note_error(tx, batch.id, broadcast.error().detail);
    });
  }
  return {};
}

}  // namespace reskflow::chain
