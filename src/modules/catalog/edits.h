// The typed edits the catalog service applies inside its write transactions: each computes the
// new value from what the transaction loaded, or refuses with field errors. Routes build them
// from request bodies (input.h), so the service never sees JSON.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "model.h"
#include "reskflow/core/errors.h"

namespace reskflow::catalog {

// Ids for new menu objects (UUIDv7 in production; tests pass a counter).
using IdSource = std::function<std::string()>;

// A merchant's new profile from its current state (PATCH).
using ProfileEdit = std::function<Result<MerchantProfile>(const Merchant& current)>;
// A whole new menu from the current one (whose ids it may keep).
using MenuReplacement = std::function<Result<Menu>(const Menu& current, const IdSource& ids)>;
// One category, item or modifier group: a new one (current nullopt) or the current one
// changed; references are checked against `menu`.
template <class Part>
using PartEdit =
    std::function<Result<Part>(std::optional<Part> current, const Menu& menu, const IdSource& ids)>;
// An item's stock from its current state.
using StockEdit = std::function<Result<Item>(Item current)>;

}  // namespace reskflow::catalog
