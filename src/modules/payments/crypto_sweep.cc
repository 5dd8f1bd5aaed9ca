// Sweeping closed deposits' token to the treasury (docs/payments.md, "Sweeping"): the treasury
// sends a deposit address just enough native gas (EIP-1559, its nonce from the shared
// chain_nonces), then the deposit's own key sends its whole token balance to the treasury. Each
// transaction is written with its sweep's next state before it is broadcast, and balances are read
// again before every step, so a restarted server resumes without funding or sweeping twice.
#include <algorithm>
#include <limits>

#include "crypto_provider.h"
#include "reskflow/chain/eth/abi.h"
#include "reskflow/chain/eth/fees.h"
#include "reskflow/chain/nonces.h"
#include "reskflow/core/log.h"

namespace reskflow::payments {

using crypto::Sweep;
using crypto::Units;
namespace repo = crypto::repository;
namespace eth = chain::eth;

namespace {

constexpr std::int64_t sweeps_per_pass_max = 32;
// A sweep moves through at most funding, sweeping and sent in one pass.
constexpr int steps_per_sweep_max = 3;
constexpr std::uint64_t plain_transfer_gas = 21'000;
// The token transfer's gas estimate is raised by this share: storage the estimate saw as set
// may be cleared (or the reverse) by the time the transfer is mined.
constexpr std::uint64_t gas_margin_percent = 10;

}  // namespace

Result<Units> CryptoProvider::token_balance(const eth::Address& account) {
  RF_TRY(answer,
         rpc_.call_contract(
             token_, eth::abi::encode_call(eth::abi::selector("balanceOf(address)"), {account})));
  const auto words = eth::abi::decode_words(*answer);
  const auto units =
      words && words->size() == 1 ? crypto::units_from_word(words->front()) : std::nullopt;
  if (!units) return fail(ErrorCode::unavailable, "the token answered a malformed balanceOf()");
  return *units;
}

Result<Units> CryptoProvider::native_balance(const eth::Address& account) {
  RF_TRY(word, rpc_.balance(account));
  const auto wei = crypto::units_from_word(*word);
  if (!wei) return fail(ErrorCode::unavailable, "the node answered a balance over 128 bits");
  return *wei;
}

Result<crypto::SweepReport> CryptoProvider::sweep_once() {
  crypto::SweepReport report;
  RF_TRY(matches, chain_matches());
  if (!*matches)
    return fail(ErrorCode::unavailable, "the stablecoin RPC node serves another chain id");
  RF_TRY(facts, token());
  const auto threshold = crypto::units_of(settings_.sweep_threshold, facts->decimals).value_or(0);
  RF_TRY(planned, plan_sweeps(report));
  RF_TRY(active, database_.read([](store::Transaction& tx) {
    return repo::active_sweeps(tx, sweeps_per_pass_max);
  }));
  for (const auto& sweep : *active) {
    for (int step = 0; step < steps_per_sweep_max; ++step) {
      RF_TRY(reread, database_.read([&](store::Transaction& tx) {
        return repo::sweep(tx, sweep.deposit_id);
      }));
      if (!*reread) break;
      auto stepped = step_sweep(**reread, threshold, report);
      if (stepped && !*stepped) break;
      if (stepped) continue;
      // The node refused this sweep's call (a revert, a replacement it will not take): noted on
      // the sweep, and the others go on. Anything else ends the pass.
      if (stepped.error().code != ErrorCode::conflict) return std::unexpected(stepped.error());
      auto noted = **reread;
      noted.last_error = stepped.error().detail;
      RF_TRY(saved, save_sweep(noted, noted.state));
      break;
    }
  }
  RF_TRY(left, database_.read([](store::Transaction& tx) { return repo::active_sweep_count(tx); }));
  report.pending = *left;
  return report;
}

Status CryptoProvider::plan_sweeps(crypto::SweepReport& report) {
  RF_TRY(planned, database_.write([&](store::Transaction& tx) -> Result<std::int64_t> {
    RF_TRY(candidates, repo::sweep_candidates(tx, sweeps_per_pass_max));
    for (const auto& d : *candidates) {
      RF_TRY(stored, repo::plan_sweep(tx, d.id, d.received_units, clock_()));
    }
    return static_cast<std::int64_t>(candidates->size());
  }));
  report.planned += *planned;
  return {};
}

Result<bool> CryptoProvider::step_sweep(Sweep sweep, Units threshold, crypto::SweepReport& report) {
  const auto key = crypto::deposit_key(master_, sweep.deposit_id);
  if (!key) return fail(ErrorCode::internal, "no deposit key could be derived");
  if (sweep.state == "funding") return fund(std::move(sweep), *key, threshold, report);
  if (sweep.state == "funding_sent") return follow_funding(std::move(sweep));
  if (sweep.state == "sweeping") return send_sweep(std::move(sweep), *key, threshold, report);
  return follow_sweep(std::move(sweep), *key, report);
}

Result<crypto::SweepGas> CryptoProvider::gas_at(const eth::Address& account,
                                                std::uint64_t gas_limit) {
  RF_TRY(market, fees());
  RF_TRY(held, native_balance(account));
  const auto cap = settings_.max_fee_per_gas_wei;
  crypto::SweepGas out;
  out.offer = eth::first_fees(*market, cap);
  if (out.offer) out.need = Units{gas_limit} * out.offer->max_fee_per_gas;
  out.held = *held;
  out.per_gas = gas_limit == 0 ? 0 : *held / Units{gas_limit};
  out.priority = std::min(market->priority_fee, cap);
  out.pays_now = gas_limit > 0 && out.per_gas >= Units{market->next_base_fee} + out.priority;
  return out;
}

Result<bool> CryptoProvider::save_sweep(Sweep& sweep, std::string_view from) {
  sweep.updated_at_us = clock_();
  return database_.write([&](store::Transaction& tx) -> Result<bool> {
    RF_TRY(current, repo::sweep(tx, sweep.deposit_id));
    if (!*current || (*current)->state != from) return false;
    RF_TRY(saved, repo::save_sweep(tx, sweep));
    return true;
  });
}

Result<bool> CryptoProvider::end_sweep(Sweep sweep, std::string_view state, Units units) {
  const auto from = sweep.state;
  sweep.state = std::string(state);
  sweep.units = units;
  sweep.raw.reset();
  RF_TRY(saved, save_sweep(sweep, from));
  return false;
}

Result<bool> CryptoProvider::broadcast_sweep(const Sweep& sweep) {
  const auto bytes = eth::from_hex(sweep.raw.value_or("")).value_or(eth::Bytes{});
  auto sent = rpc_.send_raw_transaction(bytes);
  if (sent) return true;
  auto noted = sweep;
  noted.last_error = sent.error().detail;
  RF_TRY(saved, save_sweep(noted, sweep.state));
  return false;
}

// The deposit's token balance is read again; its address gets the gas the transfer to the
// treasury needs at today's fees, less what it holds already.
Result<bool> CryptoProvider::fund(Sweep sweep, const eth::Signer& deposit, Units threshold,
                                  crypto::SweepReport& report) {
  RF_TRY(units, token_balance(deposit.address()));
  if (*units == 0 || *units < threshold) {
    ++report.skipped;
    return end_sweep(std::move(sweep), "skipped", *units);
  }
  RF_TRY(gas, rpc_.estimate_gas(deposit.address(), token_,
                                crypto::transfer_call(treasury_.address(), *units)));
  const auto gas_limit = std::min(settings_.gas_limit, *gas + *gas * gas_margin_percent / 100);
  RF_TRY(at, gas_at(deposit.address(), gas_limit));
  if (!at->offer) {
    sweep.last_error = "the base fee is above the cap of " +
                       std::to_string(settings_.max_fee_per_gas_wei) + " wei per gas: waiting";
    RF_TRY(saved, save_sweep(sweep, sweep.state));
    return false;
  }
  sweep.units = *units;
  sweep.gas_limit = gas_limit;
  sweep.max_fee_per_gas = at->offer->max_fee_per_gas;
  sweep.max_priority_fee_per_gas = at->offer->max_priority_fee_per_gas;
  if (at->held >= at->need) {
    sweep.state = "sweeping";
    sweep.nonce.reset();
    RF_TRY(saved, save_sweep(sweep, "funding"));
    return *saved;
  }
  RF_TRY(sent, send_funding(std::move(sweep), deposit.address(), at->need - at->held, report));
  return false;  // the funding needs its confirmations
}

Status CryptoProvider::send_funding(Sweep sweep, const eth::Address& deposit, Units wei,
                                    crypto::SweepReport& report) {
  if (wei > std::numeric_limits<std::uint64_t>::max())
    return fail(ErrorCode::validation_failed, "the gas a sweep needs is over 2^64 wei");
  RF_TRY(pending, rpc_.transaction_count(treasury_.address(), "pending"));
  RF_TRY(stored, database_.write([&](store::Transaction& tx) -> Result<bool> {
    RF_TRY(current, repo::sweep(tx, sweep.deposit_id));
    if (!*current || (*current)->state != "funding") return false;
    RF_TRY(synced, chain::nonces::sync(tx, treasury_hex_, *pending));
    RF_TRY(nonce, chain::nonces::take(tx, treasury_hex_));
    // The cap as the most it pays per gas: a funding that waits would hold up every later
    // transaction of the treasury. It pays the base fee and its tip only.
    eth::Eip1559Transaction t;
    t.chain_id = settings_.chain_id;
    t.nonce = *nonce;
    t.max_priority_fee_per_gas = sweep.max_priority_fee_per_gas;
    t.max_fee_per_gas = std::max(settings_.max_fee_per_gas_wei, sweep.max_priority_fee_per_gas);
    t.gas_limit = plain_transfer_gas;
    t.to = deposit;
    t.value = static_cast<std::uint64_t>(wei);
    const auto signed_tx = treasury_.sign_transaction(t);
    sweep.state = "funding_sent";
    sweep.funding_tx_hash = eth::to_hex(signed_tx.hash);
    sweep.nonce = static_cast<std::int64_t>(*nonce);
    sweep.raw = eth::to_hex(signed_tx.raw);
    sweep.last_error.reset();
    sweep.updated_at_us = clock_();
    RF_TRY(saved, repo::save_sweep(tx, sweep));
    return true;
  }));
  if (!*stored) return {};
  ++report.fundings_sent;
  log::info("payments_crypto_sweep_funding_sent", {{"deposit", sweep.deposit_id},
                                                   {"wei", crypto::units_text(wei)},
                                                   {"tx", sweep.funding_tx_hash.value_or("")}});
  RF_TRY(broadcast, broadcast_sweep(sweep));
  return {};
}

Result<bool> CryptoProvider::follow_funding(Sweep sweep) {
  const auto hash = eth::word_from_hex(sweep.funding_tx_hash.value_or("")).value_or(eth::Word{});
  RF_TRY(receipt, rpc_.receipt(hash));
  if (*receipt) {
    RF_TRY(head, rpc_.block_number());
    const auto& r = **receipt;
    const auto confirmations = *head >= r.block_number ? *head - r.block_number + 1 : 0;
    if (confirmations < static_cast<std::uint64_t>(settings_.confirmations)) return false;
    // Funded (a plain transfer to an account does not revert): the balances are read again
    // before the sweep is signed, so a lost funding is only funded again.
    sweep.state = "sweeping";
    sweep.nonce.reset();
    sweep.raw.reset();
    RF_TRY(saved, save_sweep(sweep, "funding_sent"));
    return *saved;
  }
  RF_TRY(mined_nonce, rpc_.transaction_count(treasury_.address(), "latest"));
  if (*mined_nonce > static_cast<std::uint64_t>(sweep.nonce.value_or(0))) {
    // Its nonce went to another transaction of the treasury: planned again from the balances.
    sweep.state = "funding";
    sweep.nonce.reset();
    sweep.raw.reset();
    sweep.last_error = "the funding's nonce was used by another transaction of the treasury";
    RF_TRY(saved, save_sweep(sweep, "funding_sent"));
    return *saved;
  }
  RF_TRY(known, rpc_.knows_transaction(hash));
  if (!*known) {
    RF_TRY(sent, broadcast_sweep(sweep));
  }
  return false;
}

// The token balance is read again and sent whole to the treasury, signed by the deposit's key
// with the highest fee its gas pays for; too little gas for today's fees goes back to funding.
Result<bool> CryptoProvider::send_sweep(Sweep sweep, const eth::Signer& deposit, Units threshold,
                                        crypto::SweepReport& report) {
  RF_TRY(units, token_balance(deposit.address()));
  if (*units == 0 || *units < threshold) {
    ++report.skipped;
    return end_sweep(std::move(sweep), "skipped", *units);
  }
  RF_TRY(at, gas_at(deposit.address(), sweep.gas_limit));
  if (!at->pays_now) {
    sweep.state = "funding";
    sweep.last_error = "the gas at the address no longer pays today's fees: topped up first";
    RF_TRY(saved, save_sweep(sweep, "sweeping"));
    return *saved;
  }
  const auto max_fee =
      static_cast<std::uint64_t>(std::min(at->per_gas, Units{settings_.max_fee_per_gas_wei}));
  // The deposit's key signs nothing else: its mined count is its next nonce, and a sweep of its
  // own still in the pool is replaced rather than followed by a second one.
  RF_TRY(nonce, rpc_.transaction_count(deposit.address(), "latest"));
  eth::Eip1559Transaction t;
  t.chain_id = settings_.chain_id;
  t.nonce = *nonce;
  t.max_priority_fee_per_gas = std::min(at->priority, max_fee);
  t.max_fee_per_gas = max_fee;
  t.gas_limit = sweep.gas_limit;
  t.to = token_;
  t.data = crypto::transfer_call(treasury_.address(), *units);
  const auto signed_tx = deposit.sign_transaction(t);
  sweep.state = "sweep_sent";
  sweep.units = *units;
  sweep.max_fee_per_gas = t.max_fee_per_gas;
  sweep.max_priority_fee_per_gas = t.max_priority_fee_per_gas;
  sweep.sweep_tx_hash = eth::to_hex(signed_tx.hash);
  sweep.nonce = static_cast<std::int64_t>(*nonce);
  sweep.raw = eth::to_hex(signed_tx.raw);
  sweep.last_error.reset();
  RF_TRY(saved, save_sweep(sweep, "sweeping"));
  if (!*saved) return false;
  ++report.sweeps_sent;
  log::info("payments_crypto_sweep_sent", {{"deposit", sweep.deposit_id},
                                           {"units", crypto::units_text(*units)},
                                           {"tx", *sweep.sweep_tx_hash}});
  RF_TRY(sent, broadcast_sweep(sweep));
  return false;
}

Result<bool> CryptoProvider::follow_sweep(Sweep sweep, const eth::Signer& deposit,
                                          crypto::SweepReport& report) {
  const auto hash = eth::word_from_hex(sweep.sweep_tx_hash.value_or("")).value_or(eth::Word{});
  RF_TRY(receipt, rpc_.receipt(hash));
  if (*receipt) {
    RF_TRY(head, rpc_.block_number());
    const auto& r = **receipt;
    const auto confirmations = *head >= r.block_number ? *head - r.block_number + 1 : 0;
    if (confirmations < static_cast<std::uint64_t>(settings_.confirmations)) return false;
    if (!r.succeeded) {
      ++report.failed;
      log::error("payments_crypto_sweep_reverted",
                 {{"deposit", sweep.deposit_id}, {"tx", *sweep.sweep_tx_hash}});
      sweep.last_error = "the token transfer to the treasury reverted";
      const auto units = sweep.units;
      return end_sweep(std::move(sweep), "failed", units);
    }
    const auto units = sweep.units;
    ++report.swept;
    report.swept_units += units;
    log::info("payments_crypto_swept", {{"deposit", sweep.deposit_id},
                                        {"units", crypto::units_text(units)},
                                        {"tx", *sweep.sweep_tx_hash}});
    return end_sweep(std::move(sweep), "swept", units);
  }
  RF_TRY(mined_nonce, rpc_.transaction_count(deposit.address(), "latest"));
  if (*mined_nonce > static_cast<std::uint64_t>(sweep.nonce.value_or(0))) {
    // Another transaction of the deposit took the nonce: signed again from the balances.
    sweep.state = "sweeping";
    sweep.last_error = "the sweep's nonce was used by another transaction of the deposit";
    RF_TRY(saved, save_sweep(sweep, "sweep_sent"));
    return *saved;
  }
  RF_TRY(known, rpc_.knows_transaction(hash));
  if (*known) return false;
  RF_TRY(accepted, broadcast_sweep(sweep));
  if (*accepted) return false;
  // Refused again (its gas no longer pays, say): signed again from the balances, same nonce.
  sweep.state = "sweeping";
  RF_TRY(saved, save_sweep(sweep, "sweep_sent"));
  return false;
}

}  // namespace reskflow::payments
