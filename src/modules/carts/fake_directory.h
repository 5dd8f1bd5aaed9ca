// A test double of identity's Directory for the carts tests (it knows which users passed ID
// verification), and the menu the carts tests order from, set up on catalog's fake.
#pragma once

#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "fake_catalog.h"
#include "reskflow/identity/identity.h"

namespace reskflow::carts::testing {

using catalog::testing::FakeCatalog;

// Merchants "luigi" (EUR, minimum 1500) and "m0".."m24" share one menu: a pizza with a
// required Size (Small +0, Large +300) and optional Toppings (up to 3 of Olives +50, Ham +150,
// Basil +0, Cheese +100), a soda, a beer (age-restricted) and a sold-out calzone.
inline void set_up_pizzeria(FakeCatalog& catalog) {
  catalog.add_group({"size", "Size", 1, 1, {{"small", "Small", 0}, {"large", "Large", 300}}});
  catalog.add_group({"toppings",
                     "Toppings",
                     0,
                     3,
                     {{"olive", "Olives", 50},
                      {"ham", "Ham", 150},
                      {"basil", "Basil", 0},
                      {"cheese", "Cheese", 100}}});
  std::vector<std::string> merchants{"luigi"};
  catalog.add_merchant(FakeCatalog::open_merchant("luigi", "Luigi's", 1500));
  for (int i = 0; i < 25; ++i) {
    merchants.push_back("m" + std::to_string(i));
    catalog.add_merchant(FakeCatalog::open_merchant(merchants.back(), "M"));
  }
  for (const auto& m : merchants) {
    catalog.add_item(m, {"pizza", "Margherita", 1000, {"size", "toppings"}});
    catalog.add_item(m, {"soda", "Soda", 250, {}});
    catalog.add_item(m, {"beer", "Lager", 500, {}, false, true});
    catalog.add_item(m, {"calzone", "Calzone", 1200, {}, true});
  }
}

class FakeDirectory final : public identity::Directory {
 public:
  void verify_age(const std::string& user_id) {
    std::lock_guard lock(mutex_);
    verified_.insert(user_id);
  }
  Result<std::optional<identity::MerchantLevel>> merchant_level(std::string_view,
                                                                std::string_view) override {
    return std::optional<identity::MerchantLevel>{};
  }
  Status require_merchant_staff(const http::Principal&, std::string_view,
                                identity::MerchantLevel) override {
    return fail(ErrorCode::not_found, "no such merchant");
  }
  Status put_merchant_member(store::Transaction&, std::string_view, std::string_view,
                             identity::MerchantLevel) override {
    return fail(ErrorCode::internal, "not used by carts");
  }
  Result<std::vector<identity::MerchantMember>> merchants_of(std::string_view) override {
    return std::vector<identity::MerchantMember>{};
  }
  Result<bool> age_verified(std::string_view user_id) override {
    std::lock_guard lock(mutex_);
    return verified_.contains(std::string(user_id));
  }
  Status append_audit(store::Transaction&, const http::Request&,
                      const identity::AuditRecord&) override {
    return fail(ErrorCode::internal, "not used by carts");
  }

 private:
  std::mutex mutex_;
  std::set<std::string> verified_;
};

}  // namespace reskflow::carts::testing
