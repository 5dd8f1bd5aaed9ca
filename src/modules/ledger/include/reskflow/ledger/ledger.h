// The ledger module's public interface: a double-entry ledger where every money movement is one
// balanced transaction among accounts, balances are derived from entries, and payouts move
// payable balances out. Payments posts captures and refunds; deliveries will post earnings.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "reskflow/core/errors.h"
#include "reskflow/identity/identity.h"
#include "reskflow/modules/authenticator.h"
#include "reskflow/modules/module.h"
#include "reskflow/modules/money.h"
#include "reskflow/store/database.h"
#include "reskflow/store/migrations.h"

namespace reskflow::ledger {

// The kinds of account. An account is a kind and an owner: the merchant for merchant_payable,
// the driver for driver_payable, the paying user for customer_funds, none ("") for the
// platform's own accounts.
enum class AccountKind {
  customer_funds,      // what customers paid in (owner: the user)
  processor_clearing,  // money held at the payment processor before it is settled
  merchant_payable,    // owed to a merchant (owner: the merchant)
  driver_payable,      // owed to a courier (owner: the driver)
  platform_revenue,    // fees the platform keeps
  tax_payable,         // tax collected for the authorities
  tips_payable,        // tips owed to couriers until they are paid out
  refunds,             // money given back to customers
  payouts_in_transit,  // payouts sent to a bank and not yet confirmed
  promotions_expense,  // platform-funded discounts paid to merchants
};

// "merchant_payable", ... (the names the API, the tables and the documentation use).
std::string_view kind_name(AccountKind kind);
std::optional<AccountKind> parse_kind(std::string_view name);

struct AccountRef {
  AccountKind kind = AccountKind::platform_revenue;
  std::string owner_id;  // empty for the platform's accounts

  friend bool operator==(const AccountRef&, const AccountRef&) = default;
};

// One side of a transaction: debits are positive amounts, credits negative.
struct Posting {
  AccountRef account;
  modules::Money amount;
};

struct TransactionRequest {
  // Unique per movement (e.g. "payment:<intent_id>:capture"): posting a reference again returns
  // the first transaction and posts nothing, so a retried movement is never counted twice.
  std::string reference;
  std::string description;  // plain words, shown beside the entries
  std::vector<Posting> postings;
};

struct Entry {
  std::string transaction_id;
  std::string reference;
  std::string description;
  AccountRef account;
  modules::Money amount;  // debit positive, credit negative
  std::int64_t created_at_us = 0;
  std::string id;  // the entry's own id; ids sort by creation
};

// Thread-safe; blocking (call from the worker pool).
class Ledger {
 public:
  virtual ~Ledger() = default;

  // Inside the caller's transaction, so the movement commits with the state change that caused
  // it. validation_failed when the postings do not sum to zero in each currency, when fewer
  // than two postings are given, or when an account that must never go negative would. Returns
  // the transaction id (the first one's for a reference already posted).
  virtual Result<std::string> post(store::Transaction& tx, const TransactionRequest& request) = 0;

  // The balance of an account in one currency: the sum of its entries (debit positive).
  virtual Result<modules::Money> balance(const AccountRef& account, std::string_view currency) = 0;
};

class LedgerModule : public modules::Module {
 public:
  virtual Ledger& ledger() = 0;
};

// The public interfaces the ledger needs.
struct Deps {
  identity::Directory& directory;         // a merchant's balance is for its owners and managers
  modules::Authenticator& authenticator;  // who asks
};

Result<std::unique_ptr<LedgerModule>> make_module(const modules::Platform& platform, Deps deps);

// One broken invariant found by check(), in plain words: "unbalanced" (a transaction whose
// entries do not sum to zero in a currency), "short_transaction" (fewer than two entries),
// "negative_balance" (an account of a kind that must not go negative), "posted_twice" (a
// reference posted more than once).
struct Violation {
  std::string invariant;
  std::string detail;
};

// `reskflow ledger check`: every invariant the ledger can verify alone, over the whole ledger;
// an empty list when all hold.
Result<std::vector<Violation>> check(store::Database& database);

// The entries of the transaction posted under `reference`, inside the caller's transaction;
// empty when nothing was posted under it (other modules' invariant checks compare them with
// their own records).
Result<std::vector<Entry>> entries_of(store::Transaction& tx, std::string_view reference);

// Migrations of the ledger's tables (tests, and verbs that run without the full platform).
store::MigrationSet migrations();

}  // namespace reskflow::ledger
