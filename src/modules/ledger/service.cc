// Posting balanced transactions, balances, and a merchant's statement.
#include "service.h"

#include <map>

#include "accounts.h"
#include "repository.h"

namespace reskflow::ledger {
namespace {

void validate_posting(const Posting& p, std::size_t i, std::vector<FieldError>& errors) {
  const auto field = "postings[" + std::to_string(i) + "]";
  if (!modules::valid_currency(p.amount.currency))
    errors.push_back({field + ".amount.currency", "must be an ISO 4217 code"});
  if (p.amount.amount_minor == 0) errors.push_back({field + ".amount", "must not be zero"});
  if (has_owner(p.account.kind) == p.account.owner_id.empty())
    errors.push_back({field + ".account.owner_id", has_owner(p.account.kind)
                                                       ? "must name the account's owner"
                                                       : "must be empty for a platform account"});
}

// Zero per currency, without overflow.
void validate_sums(const TransactionRequest& request, std::vector<FieldError>& errors) {
  std::map<std::string, modules::Money> sums;
  for (const auto& p : request.postings) {
    auto& sum =
        sums.try_emplace(p.amount.currency, modules::Money{0, p.amount.currency}).first->second;
    auto next = modules::add(sum, p.amount);
    if (!next) {
      errors.push_back({"postings", "amounts are out of range"});
      return;
    }
    sum = *next;
  }
  for (const auto& [currency, sum] : sums) {
    if (sum.amount_minor != 0)
      errors.push_back({"postings", "debits and credits in " + currency + " differ by " +
                                        modules::money_text(sum)});
  }
}

}  // namespace

Status validate(const TransactionRequest& request) {
  std::vector<FieldError> errors;
  if (request.reference.empty() || request.reference.size() > reference_bytes_max)
    errors.push_back({"reference", "must be 1 to 200 bytes"});
  if (request.description.size() > description_bytes_max)
    errors.push_back({"description", "must be at most 500 bytes"});
  if (request.postings.size() < 2 || request.postings.size() > postings_max)
    errors.push_back({"postings", "a transaction moves money between 2 to 20 postings"});
  for (std::size_t i = 0; i < request.postings.size(); ++i)
    validate_posting(request.postings[i], i, errors);
  if (errors.empty()) validate_sums(request, errors);
  if (errors.empty()) return {};
  return fail(ErrorCode::validation_failed, "the ledger transaction is not balanced or malformed",
              std::move(errors));
}

Service::Service(store::Database& database, LedgerMetrics& metrics, modules::Clock clock)
    : database_(database), metrics_(metrics), clock_(std::move(clock)) {}

Result<std::string> Service::post(store::Transaction& tx, const TransactionRequest& request) {
  if (auto ok = validate(request); !ok) {
    metrics_.refused.inc();
    return std::unexpected(ok.error());
  }
  RF_TRY(existing, repository::transaction_by_reference(tx, request.reference));
  if (*existing) {
    metrics_.replayed.inc();
    return **existing;
  }
  const auto now = clock_();
  std::vector<std::string> accounts;
  for (const auto& p : request.postings) {
    RF_TRY(id,
           repository::ensure_account(tx, p.account, p.amount.currency, ids_.next_string(), now));
    accounts.push_back(std::move(*id));
  }
  if (auto ok = refuse_negative(tx, request, accounts); !ok) {
    metrics_.refused.inc();
    return std::unexpected(ok.error());
  }
  auto transaction_id = ids_.next_string();
  RF_TRY(inserted, repository::insert_transaction(tx, transaction_id, request, now));
  for (std::size_t i = 0; i < accounts.size(); ++i) {
    RF_TRY(entry, repository::insert_entry(tx, ids_.next_string(), transaction_id, accounts[i],
                                           request.postings[i].amount, now));
  }
  metrics_.posted.inc();
  return transaction_id;
}

// The guarded accounts this transaction takes from must still be at or above zero after it.
Status Service::refuse_negative(store::Transaction& tx, const TransactionRequest& request,
                                const std::vector<std::string>& account_ids) {
  std::map<std::string, modules::Money> change;
  std::map<std::string, AccountKind> kind_of;
  for (std::size_t i = 0; i < account_ids.size(); ++i) {
    const auto& p = request.postings[i];
    auto& delta =
        change.try_emplace(account_ids[i], modules::Money{0, p.amount.currency}).first->second;
    RF_TRY(added, modules::add_to(delta, p.amount));
    kind_of[account_ids[i]] = p.account.kind;
  }
  for (const auto& [id, delta] : change) {
    const auto kind = kind_of[id];
    if (!must_not_go_negative(kind)) continue;
    RF_TRY(moved, normal_amount(kind, delta));
    if (moved->amount_minor >= 0) continue;
    RF_TRY(sum, repository::account_sum(tx, id));
    RF_TRY(held, normal_amount(kind, {*sum, delta.currency}));
    RF_TRY(after, modules::add(*held, *moved));
    if (after->amount_minor >= 0) continue;
    RF_TRY(taken, modules::negate(*moved));
    return fail(
        ErrorCode::validation_failed,
        "the " + std::string(kind_name(kind)) + " account would go negative, which it never may",
        {{"postings", "would take " + std::to_string(taken->amount_minor) + " " + delta.currency +
                          " minor units from an account holding " +
                          std::to_string(held->amount_minor)}});
  }
  return {};
}

Result<modules::Money> Service::balance(const AccountRef& account, std::string_view currency) {
  if (!modules::valid_currency(currency))
    return fail(ErrorCode::validation_failed, "the currency is not an ISO 4217 code",
                {{"currency", "must be three capital letters"}});
  auto sum = database_.read(
      [&](store::Transaction& tx) { return repository::balance(tx, account, currency); });
  if (!sum) return std::unexpected(sum.error());
  return modules::Money{*sum, std::string(currency)};
}

Result<Statement> Service::merchant_statement(std::string_view merchant_id,
                                              const StatementQuery& query) {
  return database_.read([&](store::Transaction& tx) -> Result<Statement> {
    RF_TRY(sums, repository::merchant_sums(tx, merchant_id));
    Statement out;
    for (const auto& s : *sums) {
      if (!query.currency.empty() && s.currency != query.currency) continue;
      if (out.balances.empty() || out.balances.back().available.currency != s.currency)
        out.balances.push_back({{0, s.currency}, {0, s.currency}});
      auto& target = s.kind == AccountKind::merchant_payable ? out.balances.back().available
                                                             : out.balances.back().in_transit;
      RF_TRY(normal, normal_amount(s.kind, {s.sum, s.currency}));
      target = std::move(*normal);
    }
    RF_TRY(entries, repository::merchant_entries(tx, merchant_id, query));
    for (auto& e : *entries) {
      RF_TRY(normal, normal_amount(e.account.kind, e.amount));
      e.amount = std::move(*normal);
    }
    if (static_cast<std::int64_t>(entries->size()) == query.limit)
      out.next_cursor = entries->back().id;
    out.entries = std::move(*entries);
    return out;
  });
}

}  // namespace reskflow::ledger
