// chain_nonces: the same statements on SQLite and PostgreSQL.
#include "reskflow/chain/nonces.h"

std::span<const reskflow::store::EmbeddedFile> reskflow_migrations_chain_nonces();

namespace reskflow::chain::nonces {

Result<std::uint64_t> sync(store::Transaction& tx, const std::string& address,
                           std::uint64_t floor) {
  const auto floor_value = static_cast<std::int64_t>(floor);
  RF_TRY(inserted, tx.exec("INSERT INTO chain_nonces (address, next_nonce) VALUES ($1, $2) "
                           "ON CONFLICT (address) DO UPDATE SET next_nonce = "
                           "CASE WHEN chain_nonces.next_nonce < $2 THEN $2 "
                           "ELSE chain_nonces.next_nonce END",
                           {address, floor_value}));
  RF_TRY(rows, tx.query("SELECT next_nonce FROM chain_nonces WHERE address = $1", {address}));
  return static_cast<std::uint64_t>(rows->front().int64(0));
}

Result<std::uint64_t> take(store::Transaction& tx, const std::string& address) {
  RF_TRY(rows, tx.query("UPDATE chain_nonces SET next_nonce = next_nonce + 1 "
                        "WHERE address = $1 RETURNING next_nonce - 1",
                        {address}));
  if (rows->empty())
    return fail(ErrorCode::internal, "the account " + address + " has no nonce yet");
  return static_cast<std::uint64_t>(rows->front().int64(0));
}

store::MigrationSet migrations() { return {"chain_nonces", reskflow_migrations_chain_nonces()}; }

}  // namespace reskflow::chain::nonces
