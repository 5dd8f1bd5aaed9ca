// `reskflow ledger check`: runs every invariant query on one consistent snapshot; and the
// entries other modules' checks compare with their records.
#include "repository.h"

namespace reskflow::ledger {

Result<std::vector<Violation>> check(store::Database& database) {
  return database.read([](store::Transaction& tx) -> Result<std::vector<Violation>> {
    std::vector<Violation> out;
    for (auto query : {repository::unbalanced_transactions, repository::short_transactions,
                       repository::negative_balances, repository::duplicate_references}) {
      RF_TRY(found, query(tx));
      out.insert(out.end(), found->begin(), found->end());
    }
    return out;
  });
}

Result<std::vector<Entry>> entries_of(store::Transaction& tx, std::string_view reference) {
  return repository::entries_of(tx, reference);
}

}  // namespace reskflow::ledger
