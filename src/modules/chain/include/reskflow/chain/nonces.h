// An account's next nonce kept in the database (chain_nonces), shared by every part of the
// server that signs for an account (anchoring, stablecoin refunds): a nonce is taken in the same
// database transaction that stores the transaction signed with it, so no two transactions of one
// account ever get the same nonce, whichever module signs them and whatever restarts.
#pragma once

#include <cstdint>
#include <string>

#include "reskflow/core/errors.h"
#include "reskflow/store/database.h"
#include "reskflow/store/migrations.h"

namespace reskflow::chain::nonces {

// Raises the stored next nonce of `address` (0x-hex, lowercase) to at least `floor` (the node's
// pending transaction count, so transactions another tool sent are not overwritten); returns it.
Result<std::uint64_t> sync(store::Transaction& tx, const std::string& address, std::uint64_t floor);
// Takes the next nonce of `address`; internal when it was never synced.
Result<std::uint64_t> take(store::Transaction& tx, const std::string& address);

// The chain_nonces table: migrated before any module that signs.
store::MigrationSet migrations();

}  // namespace reskflow::chain::nonces
