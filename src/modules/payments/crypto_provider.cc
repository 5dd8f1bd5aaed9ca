// The stablecoin provider's side of the Provider interface: a deposit per payment, its key
// derived with HKDF, and what capture, refund and cancel do to it (docs/payments.md, "Stablecoin
// payments"). The watcher pass is in crypto_watch.cc, the treasury's transfers in
// crypto_payouts.cc.
#include "crypto_provider.h"

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/kdf.h>
#include <openssl/params.h>

#include <array>

#include "reskflow/chain/eth/abi.h"
#include "reskflow/core/log.h"

namespace reskflow::payments {
namespace crypto {
namespace {

constexpr std::string_view deposit_salt = "reskflow stablecoin deposit v1";

struct KdfFree {
  void operator()(EVP_KDF* p) const { EVP_KDF_free(p); }
  void operator()(EVP_KDF_CTX* p) const { EVP_KDF_CTX_free(p); }
};

}  // namespace

std::optional<chain::eth::Signer> deposit_key(const chain::eth::Word& master,
                                              std::string_view deposit_id) {
  std::unique_ptr<EVP_KDF, KdfFree> kdf(EVP_KDF_fetch(nullptr, "HKDF", nullptr));
  std::unique_ptr<EVP_KDF_CTX, KdfFree> ctx(kdf ? EVP_KDF_CTX_new(kdf.get()) : nullptr);
  std::string digest = "SHA256";
  std::string salt(deposit_salt);
  std::string info(deposit_id);
  chain::eth::Word ikm = master;
  const std::array params{
      OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST, digest.data(), 0),
      OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SALT, salt.data(), salt.size()),
      OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_KEY, ikm.data(), ikm.size()),
      OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_INFO, info.data(), info.size()),
      OSSL_PARAM_construct_end()};
  chain::eth::Word secret{};
  const bool derived =
      ctx && EVP_KDF_derive(ctx.get(), secret.data(), secret.size(), params.data()) == 1;
  OPENSSL_cleanse(ikm.data(), ikm.size());
  if (!derived) return std::nullopt;
  auto signer = chain::eth::Signer::from_secret(secret);
  OPENSSL_cleanse(secret.data(), secret.size());
  if (!signer) return std::nullopt;
  return std::move(*signer);
}

chain::eth::Word transfer_topic() {
  return chain::eth::keccak256(std::string_view("Transfer(address,address,uint256)"));
}

chain::eth::Bytes transfer_call(const chain::eth::Address& to, Units units) {
  return chain::eth::abi::encode_call(chain::eth::abi::selector("transfer(address,uint256)"),
                                      {to, units_word(units)});
}

}  // namespace crypto

using crypto::Deposit;
using crypto::Units;
namespace repo = crypto::repository;

Result<std::unique_ptr<CryptoProvider>> CryptoProvider::open(const CryptoSettings& settings,
                                                             store::Database& database,
                                                             modules::Clock clock) {
  auto master = chain::eth::read_key_file(settings.master_key_file, "stablecoin master key");
  if (!master) return std::unexpected(master.error());
  auto treasury_secret =
      chain::eth::read_key_file(settings.treasury_key_file, "stablecoin treasury key");
  if (!treasury_secret) return std::unexpected(treasury_secret.error());
  auto treasury = chain::eth::Signer::from_secret(*treasury_secret);
  OPENSSL_cleanse(treasury_secret->data(), treasury_secret->size());
  if (!treasury) return std::unexpected(treasury.error());
  auto provider = std::make_unique<CryptoProvider>(settings, database, *master,
                                                   std::move(*treasury), std::move(clock));
  OPENSSL_cleanse(master->data(), master->size());
  log::info("payments_crypto_treasury",
            {{"address", chain::eth::to_hex(provider->treasury_address())},
             {"token", settings.token},
             {"chain_id", std::to_string(settings.chain_id)}});
  if (auto token = provider->token(); !token) {
    // A token that contradicts the settings refuses the start; a node out of reach does not.
    if (token.error().code == ErrorCode::validation_failed) return std::unexpected(token.error());
    log::warn("payments_crypto_token_unread", {{"detail", token.error().detail}});
  }
  return provider;
}

CryptoProvider::CryptoProvider(const CryptoSettings& settings, store::Database& database,
                               const chain::eth::Word& master, chain::eth::Signer treasury,
                               modules::Clock clock)
    : settings_(settings),
      database_(database),
      master_(master),
      treasury_(std::move(treasury)),
      token_(chain::eth::address_from_hex(settings.token).value_or(chain::eth::Address{})),
      treasury_hex_(chain::eth::to_hex(treasury_.address())),
      rpc_(settings.rpc_url, settings.rpc_timeout_ms),
      clock_(std::move(clock)) {}

CryptoProvider::~CryptoProvider() { OPENSSL_cleanse(master_.data(), master_.size()); }

namespace {

std::string payment_uri(const std::string& token, std::uint64_t chain_id, const Deposit& d) {
  return "ethereum:" + token + "@" + std::to_string(chain_id) + "/transfer?address=" + d.address +
         "&uint256=" + crypto::units_text(d.amount_units);
}

Charge charge_of(const Deposit& d, const std::string& uri) {
  if (d.status == "open") return {d.id, ChargeStatus::requires_action, "", uri};
  if (d.status == "expired" || d.status == "cancelled")
    return {d.id, ChargeStatus::declined, std::string(crypto::expired_reason), {}};
  return {d.id, ChargeStatus::authorized, "", {}};
}

}  // namespace

Result<Charge> CryptoProvider::authorize(const ChargeRequest& request) {
  if (request.amount.currency != settings_.currency)
    return fail(ErrorCode::validation_failed,
                "the stablecoin stands for " + settings_.currency + "; this order is in " +
                    request.amount.currency,
                {{"payment_method", "pays only " + settings_.currency + " orders"}});
  RF_TRY(facts, token());
  const auto units = crypto::units_of(request.amount, facts->decimals);
  if (!units || *units == 0)
    return fail(ErrorCode::validation_failed, "the amount cannot be paid in the stablecoin");
  // Transfers to a new address can only be mined after this block: the scan starts there.
  RF_TRY(head, rpc_.block_number());
  Deposit d;
  d.id = ids_.next_string();
  const auto key = crypto::deposit_key(master_, d.id);
  if (!key) return fail(ErrorCode::internal, "no deposit key could be derived: try again");
  d.idempotency_key = request.idempotency_key;
  d.address = chain::eth::to_hex(key->address());
  d.amount = request.amount;
  d.captured = {0, request.amount.currency};
  d.amount_units = *units;
  d.status = "open";
  d.created_at_us = clock_();
  d.expires_at_us =
      d.created_at_us +
      std::chrono::duration_cast<std::chrono::microseconds>(settings_.deposit_ttl_s).count();
  RF_TRY(stored, database_.write([&](store::Transaction& tx) -> Result<Deposit> {
    RF_TRY(scan, repo::start_scan(tx, settings_.token, static_cast<std::int64_t>(*head)));
    RF_TRY(inserted, repo::insert_deposit(tx, d));
    RF_TRY(found, repo::deposit_by_key(tx, request.idempotency_key));
    return **found;
  }));
  return charge_of(*stored, payment_uri(settings_.token, settings_.chain_id, *stored));
}

Result<std::string> CryptoProvider::challenge_code(std::string_view) {
  return fail(ErrorCode::invalid_transition,
              "a stablecoin payment has no code: it completes when the transfer to the deposit "
              "address is confirmed");
}

Result<Charge> CryptoProvider::complete_challenge(std::string_view reference, std::string_view) {
  RF_TRY(d, database_.read([&](store::Transaction& tx) { return load(tx, reference); }));
  return charge_of(*d, payment_uri(settings_.token, settings_.chain_id, *d));
}

Result<Deposit> CryptoProvider::load(store::Transaction& tx, std::string_view reference) {
  RF_TRY(found, repo::deposit(tx, reference));
  if (!*found) return fail(ErrorCode::not_found, "the stablecoin provider has no such deposit");
  return std::move(**found);
}

crypto::Payout CryptoProvider::payout_of(const Deposit& deposit, std::string id, std::string kind,
                                         Units units) const {
  crypto::Payout p;
  p.id = std::move(id);
  p.deposit_id = deposit.id;
  p.kind = std::move(kind);
  p.to_address = deposit.payer_address;
  p.units = units;
  p.created_at_us = clock_();
  return p;
}

Status CryptoProvider::pay_out(store::Transaction& tx, const crypto::Payout& payout) {
  if (payout.units == 0) return {};
  RF_TRY(queued, repo::queue_payout(tx, payout));
  return {};
}

Status CryptoProvider::capture(std::string_view reference, const modules::Money& amount,
                               std::string_view) {
  RF_TRY(token_decimals, decimals());
  RF_TRY(done, database_.write([&](store::Transaction& tx) -> Status {
    RF_TRY(d, load(tx, reference));
    if (d->status == "captured") return {};  // a retry
    if (d->status != "paid")
      return fail(ErrorCode::invalid_transition, "the deposit is " + d->status + ", not paid");
    const auto units = crypto::units_of(amount, *token_decimals);
    if (!units || *units > d->received_units)
      return fail(ErrorCode::validation_failed, "the deposit received less than the capture");
    d->status = "captured";
    d->captured = amount;
    d->closed_at_us = clock_();
    RF_TRY(updated, repo::update_deposit(tx, *d));
    // What the payment does not keep (an order that shrank, an overpayment) goes back.
    return pay_out(tx, payout_of(*d, "return:" + d->id, "return", d->received_units - *units));
  }));
  if (wake_) wake_();
  return {};
}

Status CryptoProvider::refund(std::string_view reference, const modules::Money& amount,
                              std::string_view idempotency_key) {
  RF_TRY(token_decimals, decimals());
  RF_TRY(done, database_.write([&](store::Transaction& tx) -> Status {
    RF_TRY(d, load(tx, reference));
    if (d->status != "captured")
      return fail(ErrorCode::invalid_transition, "only a captured deposit is refunded");
    const auto units = crypto::units_of(amount, *token_decimals);
    if (!units) return fail(ErrorCode::validation_failed, "the refund is not a token amount");
    // Payments' key ("refund:<intent>:<amount>:<reason digest>") names the payout: a retry finds
    // it.
    return pay_out(tx, payout_of(*d, std::string(idempotency_key), "refund", *units));
  }));
  if (wake_) wake_();
  return {};
}

Status CryptoProvider::cancel(std::string_view reference, std::string_view) {
  RF_TRY(done, database_.write([&](store::Transaction& tx) -> Status {
    RF_TRY(d, load(tx, reference));
    if (d->status == "cancelled" || d->status == "expired") return {};
    if (d->status == "captured")
      return fail(ErrorCode::invalid_transition, "a captured deposit is refunded, not cancelled");
    d->status = "cancelled";
    d->closed_at_us = clock_();
    RF_TRY(updated, repo::update_deposit(tx, *d));
    return pay_out(tx, payout_of(*d, "return:" + d->id, "return", d->received_units));
  }));
  if (wake_) wake_();
  return {};
}

Result<Charge> CryptoProvider::increment(std::string_view reference, const modules::Money&,
                                         std::string_view) {
  return Charge{std::string(reference),
                ChargeStatus::declined,
                "A stablecoin payment cannot be raised after it was paid.",
                {}};
}

Result<crypto::DepositView> CryptoProvider::deposit_view(std::string_view reference) {
  RF_TRY(token_decimals, decimals());
  return database_.read([&](store::Transaction& tx) -> Result<crypto::DepositView> {
    RF_TRY(d, load(tx, reference));
    RF_TRY(payouts, repo::payouts_of(tx, reference));
    RF_TRY(sweep, repo::sweep(tx, reference));
    auto uri = payment_uri(settings_.token, settings_.chain_id, *d);
    return crypto::DepositView{std::move(*d),   std::move(*payouts), std::move(*sweep),
                               settings_.token, settings_.chain_id,  *token_decimals,
                               std::move(uri)};
  });
}

}  // namespace reskflow::payments
