// The stablecoin provider: a payment is an ERC-20 transfer of the order's amount to a deposit
// address of its own (its key derived from a master secret and the deposit's id with HKDF),
// counted from the token's Transfer logs once the configured confirmations are mined. Refunds
// and returns are token transfers from a treasury account, signed here (EIP-1559) with nonces
// shared with the anchoring (reskflow/chain/nonces.h); closed deposits are swept to the treasury.
// docs/payments.md, "Stablecoin payments".
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "crypto_repository.h"
#include "provider.h"
#include "reskflow/chain/eth/fees.h"
#include "reskflow/chain/eth/rpc.h"
#include "reskflow/chain/eth/signer.h"
#include "reskflow/modules/clock.h"
#include "reskflow/store/database.h"
#include "reskflow/store/uuid.h"
#include "settings.h"

namespace reskflow::payments {

namespace crypto {

// What the payer asks for: pay in the configured stablecoin.
inline constexpr std::string_view payment_method = "stablecoin";
// Why an unpaid deposit's payment failed.
inline constexpr std::string_view expired_reason =
    "The full amount did not arrive at the deposit address before it expired.";

// The deposit key's secret: HKDF-SHA256 (RFC 5869) of the master secret, with the salt
// "reskflow stablecoin deposit v1" and the deposit id as info; nullopt in the (2^-128) case of a
// result that is no valid secp256k1 key.
std::optional<chain::eth::Signer> deposit_key(const chain::eth::Word& master,
                                              std::string_view deposit_id);

// keccak256("Transfer(address,address,uint256)"): the first topic of every ERC-20 transfer log.
chain::eth::Word transfer_topic();
// transfer(address,uint256) call data.
chain::eth::Bytes transfer_call(const chain::eth::Address& to, Units units);

// What a watcher pass did.
struct WatchReport {
  std::int64_t blocks_scanned = 0;
  std::int64_t transfers_counted = 0;
  std::int64_t deposits_paid = 0;
  std::int64_t deposits_expired = 0;
  std::int64_t payouts_sent = 0;  // replacements and re-broadcasts included
  std::int64_t payouts_confirmed = 0;
  std::int64_t payouts_failed = 0;
};

// What a sweeper pass did.
struct SweepReport {
  std::int64_t planned = 0;
  std::int64_t fundings_sent = 0;  // gas sent from the treasury to deposit addresses
  std::int64_t sweeps_sent = 0;    // token transfers signed by deposit keys
  std::int64_t swept = 0;          // confirmed
  Units swept_units = 0;
  std::int64_t skipped = 0;  // below the threshold
  std::int64_t failed = 0;   // reverted
  std::int64_t pending = 0;  // sweeps still under way after the pass
};

// The gas a deposit address holds against what its sweep of `gas_limit` gas needs at today's
// fees: funding tops the address up to `need`; a sweep is signed only when the gas held pays at
// least the next base fee plus the priority fee per unit of gas.
struct SweepGas {
  std::optional<chain::eth::Fees> offer;  // a new transaction's fees under the cap; none: wait
  Units need = 0;                         // gas_limit at the offer's max fee (0 without an offer)
  Units held = 0;                         // wei at the address
  Units per_gas = 0;           // the most the held gas pays per unit of gas (0 without a limit)
  std::uint64_t priority = 0;  // the market's priority fee, at most the cap
  bool pays_now = false;       // per_gas reaches the next base fee plus `priority`
};

// The token as its contract says: symbol() and decimals().
struct TokenFacts {
  std::string symbol;  // the configured one when set (shown to payers), else the chain's
  int decimals = 0;
};

// A deposit as its payer sees it, with the payouts sent back from it (and, for admins, its
// sweep to the treasury).
struct DepositView {
  Deposit deposit;
  std::vector<Payout> payouts;
  std::optional<Sweep> sweep;
  std::string token;  // 0x-hex
  std::uint64_t chain_id = 0;
  int decimals = 0;
  std::string payment_uri;  // EIP-681: ethereum:<token>@<chain>/transfer?address=..&uint256=..
};

}  // namespace crypto

class CryptoProvider final : public Provider {
 public:
  // Reads the key files and the token's symbol and decimals from its contract; validation_failed
  // when a key file is unusable or the configured decimals are not the token's. A node that
  // cannot be reached leaves the token to be read at the provider's first use.
  static Result<std::unique_ptr<CryptoProvider>> open(const CryptoSettings& settings,
                                                      store::Database& database,
                                                      modules::Clock clock);
  CryptoProvider(const CryptoSettings& settings, store::Database& database,
                 const chain::eth::Word& master, chain::eth::Signer treasury, modules::Clock clock);
  ~CryptoProvider() override;
  CryptoProvider(const CryptoProvider&) = delete;
  CryptoProvider& operator=(const CryptoProvider&) = delete;

  std::string_view name() const override { return "crypto"; }
  // A deposit for the amount, answered as requires_action with the EIP-681 URI to pay.
  Result<Charge> authorize(const ChargeRequest& request) override;
  Result<std::string> challenge_code(std::string_view reference) override;
  Result<Charge> complete_challenge(std::string_view reference, std::string_view code) override;
  // Keeps `amount` of a paid deposit; whatever else it received goes back to the payer.
  Status capture(std::string_view reference, const modules::Money& amount,
                 std::string_view idempotency_key) override;
  // Sends `amount` back to the payer from the treasury (queued, then signed and broadcast).
  Status refund(std::string_view reference, const modules::Money& amount,
                std::string_view idempotency_key) override;
  // Closes the deposit; whatever it received goes back to the payer.
  Status cancel(std::string_view reference, std::string_view idempotency_key) override;
  // A stablecoin payment cannot be raised: declined with the reason.
  Result<Charge> increment(std::string_view reference, const modules::Money& amount,
                           std::string_view idempotency_key) override;

  Result<crypto::DepositView> deposit_view(std::string_view reference);
  // Called after a payout was queued (the module wakes its watcher, which sends it).
  void on_payout_queued(std::function<void()> wake) { wake_ = std::move(wake); }
  const chain::eth::Address& treasury_address() const { return treasury_.address(); }
  const CryptoSettings& settings() const { return settings_; }
  // The token's symbol and decimals, read from its contract once (by open(), or by the first
  // call after a start-up that could not reach the node); validation_failed when the configured
  // decimals are not the token's, unavailable while the node cannot be reached.
  Result<crypto::TokenFacts> token();
  // The token's decimals; the configured ones while the node cannot be reached.
  Result<int> decimals();

  // One pass of the watcher: count confirmed Transfer logs into watched deposits, expire unpaid
  // ones, tell payments of paid and expired deposits through `announce` (the Charge of the
  // deposit: authorized, or declined with the reason), send queued payouts and follow sent ones.
  // An RPC failure ends the pass with its error; the next one resumes from the database.
  Result<crypto::WatchReport> run_once(const std::function<Status(const Charge&)>& announce);

  // One pass of the sweeper (crypto_sweep.cc): plans a sweep of every closed deposit that received
  // token, funds each address with just enough gas from the treasury, then sends its token
  // balance to the treasury from its own key, each transaction written before it is broadcast.
  // An RPC failure ends the pass with its error; the next one resumes from the database.
  Result<crypto::SweepReport> sweep_once();

 private:
  Result<crypto::TokenFacts> read_token();
  Status plan_sweeps(crypto::SweepReport& report);
  Result<bool> step_sweep(crypto::Sweep sweep, crypto::Units threshold,
                          crypto::SweepReport& report);
  Result<bool> fund(crypto::Sweep sweep, const chain::eth::Signer& deposit, crypto::Units threshold,
                    crypto::SweepReport& report);
  Status send_funding(crypto::Sweep sweep, const chain::eth::Address& deposit, crypto::Units wei,
                      crypto::SweepReport& report);
  Result<bool> follow_funding(crypto::Sweep sweep);
  Result<bool> send_sweep(crypto::Sweep sweep, const chain::eth::Signer& deposit,
                          crypto::Units threshold, crypto::SweepReport& report);
  Result<bool> follow_sweep(crypto::Sweep sweep, const chain::eth::Signer& deposit,
                            crypto::SweepReport& report);
  Result<bool> end_sweep(crypto::Sweep sweep, std::string_view state, crypto::Units units);
  // Writes the sweep's next state unless another pass moved it from `from` first.
  Result<bool> save_sweep(crypto::Sweep& sweep, std::string_view from);
  // False, with the node's answer noted on the sweep, when the node refused it.
  Result<bool> broadcast_sweep(const crypto::Sweep& sweep);
  Result<crypto::Units> token_balance(const chain::eth::Address& account);
  Result<crypto::Units> native_balance(const chain::eth::Address& account);
  // The gas a deposit address holds against what a sweep of `gas_limit` gas needs at today's
  // fees, read from the node.
  Result<crypto::SweepGas> gas_at(const chain::eth::Address& account, std::uint64_t gas_limit);
  Result<bool> chain_matches();
  Status scan(crypto::WatchReport& report);
  Status count_transfers(const std::vector<crypto::TransferIn>& transfers, std::int64_t last_block,
                         crypto::WatchReport& report);
  Result<std::vector<crypto::TransferIn>> transfer_logs(std::int64_t from, std::int64_t to,
                                                        const std::vector<std::string>& addresses);
  Status expire_due(crypto::WatchReport& report);
  Status announce_settled(const std::function<Status(const Charge&)>& announce);
  Status send_queued(crypto::WatchReport& report);
  Status send_one(const crypto::Payout& payout, const chain::eth::Fees& fees,
                  crypto::WatchReport& report);
  Status follow_sent(crypto::WatchReport& report);
  Status follow(const crypto::Payout& payout, std::uint64_t head, std::uint64_t mined_nonce,
                crypto::WatchReport& report);
  Status replace(const crypto::Payout& payout, const crypto::PayoutTransaction& latest,
                 crypto::WatchReport& report);
  Status broadcast(std::string_view payout_id, const std::string& raw);
  chain::eth::Eip1559Transaction transfer_transaction(const crypto::Payout& payout,
                                                      std::uint64_t nonce,
                                                      const chain::eth::Fees& fees) const;
  Result<chain::eth::FeeMarket> fees();
  // Queues the payout in the caller's transaction; the watcher signs and sends it.
  Status pay_out(store::Transaction& tx, const crypto::Payout& payout);
  crypto::Payout payout_of(const crypto::Deposit& deposit, std::string id, std::string kind,
                           crypto::Units units) const;
  Result<crypto::Deposit> load(store::Transaction& tx, std::string_view reference);

  CryptoSettings settings_;
  store::Database& database_;
  chain::eth::Word master_{};  // wiped by the destructor
  chain::eth::Signer treasury_;
  chain::eth::Address token_{};
  std::string treasury_hex_;
  chain::eth::RpcClient rpc_;
  modules::Clock clock_;
  store::UuidV7Generator ids_;
  std::function<void()> wake_;
  std::atomic<bool> chain_checked_ = false;
  std::mutex token_mutex_;
  std::optional<crypto::TokenFacts> token_facts_;  // guarded by token_mutex_
};

}  // namespace reskflow::payments
