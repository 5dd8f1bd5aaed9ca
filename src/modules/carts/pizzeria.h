// The fakes the carts tests use (catalog's and identity's shared ones), and the menu the carts
// tests order from, set up on catalog's fake.
#pragma once

#include <string>
#include <vector>

#include "fake_catalog.h"
#include "fake_directory.h"

namespace reskflow::carts::testing {

using catalog::testing::FakeCatalog;
using identity::testing::FakeDirectory;

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
  catalog.add_merchant(FakeCatalog::open_merchant("luigi", "Luigi's", {1500, "EUR"}));
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

}  // namespace reskflow::carts::testing
