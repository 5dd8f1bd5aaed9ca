// What merchant and menu writes record in identity's audit log: an action, the merchant, and a
// short summary of the change (the fields it touched, old and new values of prices and stock).
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include <boost/json/object.hpp>

#include "model.h"
#include "reskflow/core/errors.h"
#include "reskflow/store/database.h"

namespace reskflow::catalog {

// One audited change. Actions: merchant.updated, merchant.paused, merchant.resumed,
// admin.merchant_suspended, admin.merchant_reinstated, menu.replaced, and
// menu.<category|item|modifier_group>_<created|updated|deleted>, menu.stock_updated.
struct AuditNote {
  std::string action;
  boost::json::object summary;
};

// Writes a change's audit row inside the change's transaction; `merchant` is the merchant
// changed (its id and name identify the target). The routes pass one that names the caller.
using Recorder =
    std::function<Status(store::Transaction&, const Merchant& merchant, const AuditNote& note)>;

// Runs `record` when there is one (callers outside a request, such as tests, pass none).
Status record_change(const Recorder& record, store::Transaction& tx, const Merchant& merchant,
                     const AuditNote& note);

// The profile fields, pause and status a merchant change touched, with old and new values of
// the short ones (status, pause, price level, minimum order, preparation time).
boost::json::object merchant_changes(const Merchant& before, const Merchant& after);

// A menu object's id and name and, when it existed before and after, the fields that changed;
// prices, stock and sold-out show old and new values (null when created or deleted).
boost::json::object category_changes(const Category* before, const Category* after,
                                     const Menu& menu, const Merchant& merchant);
boost::json::object item_changes(const Item* before, const Item* after, const Menu& menu,
                                 const Merchant& merchant);
boost::json::object group_changes(const ModifierGroup* before, const ModifierGroup* after);

// "menu.<part>_created", "_updated" or "_deleted" after whether the object existed before and
// exists after the change.
std::string part_action(std::string_view part, bool existed, bool exists);

// A replaced menu's size: its categories, items and modifier groups.
boost::json::object menu_counts(const Menu& menu);

}  // namespace reskflow::catalog
