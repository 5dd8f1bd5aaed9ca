// SQL for the stock orders take from and give back to the catalog's items.
#include "repository.h"

namespace reskflow::catalog::repository {

Result<std::optional<ItemStock>> item_stock(Transaction& tx, std::string_view merchant_id,
                                            std::string_view item_id) {
  RF_TRY(rows, tx.query("SELECT name, stock_count, sold_out FROM catalog_items "
                        "WHERE merchant_id = $1 AND id = $2",
                        {std::string(merchant_id), std::string(item_id)}));
  if (rows->empty()) return std::optional<ItemStock>{};
  const auto r = (*rows)[0];
  return std::optional<ItemStock>(ItemStock{r.text(0), r.optional_int64(1), r.boolean(2)});
}

Status set_stock_count(Transaction& tx, std::string_view merchant_id, std::string_view item_id,
                       std::int64_t stock_count) {
  RF_TRY(n, tx.exec("UPDATE catalog_items SET stock_count = $3 WHERE merchant_id = $1 AND id = $2",
                    {std::string(merchant_id), std::string(item_id), stock_count}));
  return {};
}

}  // namespace reskflow::catalog::repository
