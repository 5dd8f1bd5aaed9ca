// The stablecoin provider: a payment is an ERC-20 transfer of the order's amount to a deposit
// address of its own (its key derived from a master secret and the deposit's id with HKDF),
// counted from the token's Transfer logs once the configured confirmations are mined. Refunds
// and returns are token transfers from a treasury account, signed here (EIP-1559) with nonces
// shared with the anchoring (reskflow/chain/nonces.h). docs/payments.md, "Stablecoin payments".
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "crypto_repository.h"
#include "provider.h"
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

// A deposit as its payer sees it, with the payouts sent back from it.
struct DepositView {
  Deposit deposit;
  std::vector<Payout> payouts;
  std::string token;  // 0x-hex
  std::uint64_t chain_id = 0;
  int decimals = 0;
  std::string payment_uri;  // EIP-681: ethereum:<token>@<chain>/transfer?address=..&uint256=..
};

}  // namespace crypto

class CryptoProvider final : public Provider {
 public:
  // Reads the key files; validation_failed when one is unusable.
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

  // One pass of the watcher: count confirmed Transfer logs into watched deposits, expire unpaid
  // ones, tell payments of paid and expired deposits through `announce` (the Charge of the
  // deposit: authorized, or declined with the reason), send queued payouts and follow sent ones.
  // An RPC failure ends the pass with its error; the next one resumes from the database.
  Result<crypto::WatchReport> run_once(const std::function<Status(const Charge&)>& announce);

 private:
  Result<bool> chain_matches();
  Status scan(crypto::WatchReport& report);
  Status count_transfers(const std::vector<crypto::TransferIn>& transfers, std::int64_t last_block,
                         crypto::WatchReport& report);
  Result<std::vector<crypto::TransferIn>> transfer_logs(std::int64_t from, std::int64_t to,
                                                        const std::vector<std::string>& addresses);
  Status expire_due(crypto::WatchReport& report);
  Status announce_settled(const std::function<Status(const Charge&)>& announce);
  Status send_queued(crypto::WatchReport& report);
  Status send_one(const crypto::Payout& payout, std::uint64_t priority, std::uint64_t max_fee,
                  crypto::WatchReport& report);
  Status follow_sent(crypto::WatchReport& report);
  Status follow(const crypto::Payout& payout, std::uint64_t head, std::uint64_t mined_nonce,
                crypto::WatchReport& report);
  Status replace(const crypto::Payout& payout, const crypto::PayoutTransaction& latest,
                 crypto::WatchReport& report);
  Status broadcast(std::string_view payout_id, const std::string& raw);
  chain::eth::Eip1559Transaction transfer_transaction(const crypto::Payout& payout,
                                                      std::uint64_t nonce, std::uint64_t priority,
                                                      std::uint64_t max_fee) const;
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
  bool chain_checked_ = false;  // the watcher's thread only
};

}  // namespace reskflow::payments
