// The dietary rule of listings: a share of the dishes, drinks left out, vegan implying
// vegetarian and dairy free.
#include "dietary.h"

#include <gtest/gtest.h>

namespace reskflow::discovery {
namespace {

MenuItemRecord dish(const std::string& category, std::vector<std::string> dietary = {}) {
  MenuItemRecord item;
  item.category = category;
  item.dietary = std::move(dietary);
  return item;
}

TEST(Dietary, TellsDrinksFromDishesByTheirCategory) {
  for (const char* drink : {"Drinks", "Cold drinks", "Coffee", "Shakes", "Getränke", "Wine & beer"})
    EXPECT_TRUE(is_drink(dish(drink))) << drink;
  for (const char* food : {"Mains", "Pizza", "Breakfast", "Coffee cakes", "Drunken noodles", ""})
    EXPECT_FALSE(is_drink(dish(food))) << food;
}

TEST(Dietary, EarnsATagWithThreeDishesAndAThirdOfThem) {
  std::vector<MenuItemRecord> menu;
  for (int i = 0; i < 6; ++i) menu.push_back(dish("Mains"));
  for (int i = 0; i < 5; ++i) menu.push_back(dish("Drinks", {"vegan", "gluten_free"}));
  EXPECT_TRUE(earned_dietary(menu).empty());  // the drinks do not count
  menu.push_back(dish("Mains", {"vegan"}));
  menu.push_back(dish("Sides", {"vegan", "gluten_free"}));
  EXPECT_TRUE(earned_dietary(menu).empty());  // 2 of 8 dishes
  menu.push_back(dish("Salads", {"vegetarian"}));
  menu.push_back(dish("Salads", {"vegan"}));
  // 10 dishes: 3 vegan and 3 dairy free (under a third), 4 vegetarian (a third and more).
  EXPECT_EQ(earned_dietary(menu), std::vector<std::string>{"vegetarian"});
  menu.push_back(dish("Salads", {"halal"}));
  menu.erase(menu.begin(), menu.begin() + 2);  // 9 dishes: 3 vegan, 4 vegetarian, 3 dairy free
  EXPECT_EQ(earned_dietary(menu), (std::vector<std::string>{"dairy_free", "vegan", "vegetarian"}));
}

TEST(Dietary, NeedsThreeDishesEvenWhenEveryDishCarriesTheTag) {
  const std::vector<MenuItemRecord> menu{dish("Mains", {"kosher"}), dish("Mains", {"kosher"})};
  EXPECT_TRUE(earned_dietary(menu).empty());
  EXPECT_TRUE(earned_dietary({}).empty());
}

}  // namespace
}  // namespace reskflow::discovery
