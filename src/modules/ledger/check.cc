// `reskflow ledger check`: runs every invariant query on one consistent snapshot.
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

}  // namespace reskflow::ledger
