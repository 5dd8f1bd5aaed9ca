// The modifier groups dishes refer to by key (sizes, extras, spice levels, proteins, ...) and
// the drinks every demo menu offers.
#include <array>

#include "content.h"

namespace reskflow::demo {
namespace {

constexpr std::array<Option, 3> size_pizza{
    {{"Regular, 28 cm", 0}, {"Large, 32 cm", 250}, {"Family, 40 cm", 650}}};
constexpr std::array<Option, 7> pizza_toppings{{{"Extra mozzarella", 150},
                                                {"Spicy salami", 200},
                                                {"Mushrooms", 120},
                                                {"Olives", 120},
                                                {"Rocket", 100},
                                                {"Prosciutto", 250},
                                                {"Jalapeños", 100}}};
constexpr std::array<Option, 3> pasta_extras{
    {{"Extra parmesan", 100}, {"Fresh chilli", 50}, {"Burrata on top", 350}}};
constexpr std::array<Option, 3> greek_side{{{"Fries", 0}, {"Rice", 0}, {"Greek salad", 150}}};
constexpr std::array<Option, 3> doner_sauce{
    {{"Garlic yoghurt", 0}, {"Herb", 0}, {"Spicy chilli", 0}}};
constexpr std::array<Option, 4> spice{{{"Mild", 0}, {"Medium", 0}, {"Hot", 0}, {"Extra hot", 0}}};
constexpr std::array<Option, 3> grill_side{{{"Bulgur", 0}, {"Rice", 0}, {"Fries", 0}}};
constexpr std::array<Option, 3> bread_choice{
    {{"Sourdough", 0}, {"Rye", 0}, {"Gluten-free bread", 100}}};
constexpr std::array<Option, 3> coffee_size{{{"Small", 0}, {"Regular", 40}, {"Large", 80}}};
constexpr std::array<Option, 4> milk{{{"Oat milk", 50},
                                      {"Soy milk", 50, "soybeans"},
                                      {"Almond milk", 60, "nuts"},
                                      {"Lactose-free milk", 30}}};
constexpr std::array<Option, 3> syrup{{{"Vanilla", 50}, {"Caramel", 50}, {"Hazelnut", 50, "nuts"}}};
constexpr std::array<Option, 3> eggs_style{{{"Scrambled", 0}, {"Fried", 0}, {"Poached", 0}}};
constexpr std::array<Option, 5> omelette{{{"Cheddar", 100, "milk"},
                                          {"Ham", 150},
                                          {"Mushrooms", 100},
                                          {"Spinach", 100},
                                          {"Tomatoes", 80}}};
constexpr std::array<Option, 4> sushi_extras{
    {{"Extra wasabi", 0}, {"Extra ginger", 0}, {"Spicy mayo", 50, "eggs"}, {"Eel sauce", 50}}};
constexpr std::array<Option, 5> protein{{{"Chicken", 0},
                                         {"Tofu", 0, "soybeans"},
                                         {"Beef", 150},
                                         {"Prawns", 300, "crustaceans"},
                                         {"Duck", 350}}};
constexpr std::array<Option, 5> protein_indian{{{"Chicken", 0},
                                                {"Paneer", 0, "milk"},
                                                {"Mixed vegetables", 0},
                                                {"Lamb", 200},
                                                {"King prawns", 350, "crustaceans"}}};
constexpr std::array<Option, 3> rice{{{"Steamed jasmine rice", 0},
                                      {"Egg fried rice", 150, "eggs"},
                                      {"Chow mein noodles", 200, "gluten eggs"}}};
constexpr std::array<Option, 3> pho_extras{
    {{"Extra beef", 300}, {"Extra noodles", 200}, {"Beef balls", 250}}};
constexpr std::array<Option, 4> kfc_glaze{
    {{"Yangnyeom", 0}, {"Soy garlic", 0}, {"Honey butter", 0, "milk"}, {"Plain", 0}}};
constexpr std::array<Option, 5> ramen_extras{{{"Marinated egg", 150, "eggs"},
                                              {"Extra chashu", 250},
                                              {"Nori", 50},
                                              {"Extra noodles", 200, "gluten"},
                                              {"Corn and butter", 100, "milk"}}};
constexpr std::array<Option, 4> poke_base{
    {{"Sushi rice", 0}, {"Brown rice", 0}, {"Quinoa", 50}, {"Mixed greens", 0}}};
constexpr std::array<Option, 6> poke_toppings{{{"Avocado", 150},
                                               {"Edamame", 80, "soybeans"},
                                               {"Mango", 80},
                                               {"Seaweed salad", 100, "sesame"},
                                               {"Crispy onions", 50, "gluten"},
                                               {"Pickled ginger", 50}}};
constexpr std::array<Option, 6> burger_extras{{{"Cheddar", 100, "milk"},
                                               {"Smoked bacon", 150},
                                               {"Jalapeños", 80},
                                               {"Fried egg", 120, "eggs"},
                                               {"Extra patty", 350},
                                               {"Caramelised onions", 80}}};
constexpr std::array<Option, 4> burger_side{{{"Fries", 0},
                                             {"Sweet potato fries", 150},
                                             {"Onion rings", 150, "gluten milk"},
                                             {"Side salad", 50}}};
constexpr std::array<Option, 3> dip{
    {{"Garlic mayo", 90, "eggs"}, {"Smoky BBQ", 90, "mustard"}, {"Vegan aioli", 90}}};
constexpr std::array<Option, 4> mex_extras{{{"Guacamole", 200},
                                            {"Sour cream", 80, "milk"},
                                            {"Extra cheese", 100, "milk"},
                                            {"Pickled jalapeños", 80}}};
constexpr std::array<Option, 4> dressing{{{"Honey mustard", 0, "mustard"},
                                          {"Balsamic", 0, "sulphites"},
                                          {"Tahini lemon", 0, "sesame"},
                                          {"Sesame ginger", 0, "sesame soybeans"}}};
constexpr std::array<Option, 4> salad_protein{{{"Grilled chicken", 300},
                                               {"Halloumi", 300, "milk"},
                                               {"Falafel", 250, "sesame"},
                                               {"Smoked tofu", 250, "soybeans"}}};
constexpr std::array<Option, 3> wings_portion{
    {{"6 pieces", 0}, {"12 pieces", 650}, {"18 pieces", 1200}}};
constexpr std::array<Option, 4> wings_sauce{{{"Buffalo", 0, "milk"},
                                             {"BBQ", 0, "mustard"},
                                             {"Honey garlic", 0, "soybeans"},
                                             {"Gochujang", 0, "soybeans sesame"}}};

constexpr std::array<Group, 30> group_table{{
    {"size_pizza", "Size", 1, 1, size_pizza},
    {"pizza_toppings", "Extra toppings", 0, 4, pizza_toppings},
    {"pasta_extras", "Extras", 0, 2, pasta_extras},
    {"greek_side", "Side", 1, 1, greek_side},
    {"doner_sauce", "Sauce", 1, 2, doner_sauce},
    {"spice", "Spice level", 1, 1, spice},
    {"grill_side", "Side", 1, 1, grill_side},
    {"bread_choice", "Bread", 1, 1, bread_choice},
    {"coffee_size", "Size", 1, 1, coffee_size},
    {"milk", "Milk", 0, 1, milk},
    {"syrup", "Syrup", 0, 2, syrup},
    {"eggs_style", "Eggs", 1, 1, eggs_style},
    {"omelette", "Fillings", 0, 3, omelette},
    {"sushi_extras", "Extras", 0, 3, sushi_extras},
    {"protein", "Protein", 1, 1, protein},
    {"protein_indian", "Protein", 1, 1, protein_indian},
    {"rice", "Rice or noodles", 1, 1, rice},
    {"pho_extras", "Extras", 0, 3, pho_extras},
    {"kfc_glaze", "Glaze", 1, 1, kfc_glaze},
    {"ramen_extras", "Toppings", 0, 4, ramen_extras},
    {"poke_base", "Base", 1, 1, poke_base},
    {"poke_toppings", "Extra toppings", 0, 5, poke_toppings},
    {"burger_extras", "Extras", 0, 3, burger_extras},
    {"burger_side", "Side", 1, 1, burger_side},
    {"dip", "Dip", 0, 2, dip},
    {"mex_extras", "Extras", 0, 3, mex_extras},
    {"dressing", "Dressing", 1, 1, dressing},
    {"salad_protein", "Add protein", 0, 2, salad_protein},
    {"wings_portion", "Portion", 1, 1, wings_portion},
    {"wings_sauce", "Sauce", 1, 2, wings_sauce},
}};

constexpr std::array<Dish, 9> drinks{{
    {"Drinks", "Still water, 0.5 l", "Mineral water.", 250, "vegan gluten_free", "", 0, ""},
    {"Drinks", "Sparkling water, 0.5 l", "Mineral water.", 250, "vegan gluten_free", "", 0, ""},
    {"Drinks", "Cola, 0.33 l", "Classic.", 320, "vegan gluten_free", "", 140, ""},
    {"Drinks", "Cola zero, 0.33 l", "No sugar.", 320, "vegan gluten_free", "", 1, ""},
    {"Drinks", "Lemonade, 0.33 l", "Organic, cloudy lemon.", 350, "vegan gluten_free", "", 120, ""},
    {"Drinks", "Apple spritzer, 0.5 l", "Apple juice and sparkling water.", 350,
     "vegan gluten_free", "", 110, ""},
    {"Drinks", "Mate soda, 0.5 l", "Caffeinated yerba mate.", 350, "vegan gluten_free", "", 100,
     ""},
    {"Drinks", "Pilsner, 0.5 l", "From a Berlin brewery.", 420, "vegan", "gluten", 210, "", true},
    {"Drinks", "House wine, 0.2 l", "Red or white, ask for today's.", 590, "vegan gluten_free",
     "sulphites", 160, "", true},
}};

}  // namespace

std::span<const Group> groups() { return group_table; }

const Group* group(std::string_view key) {
  for (const auto& g : group_table) {
    if (g.key == key) return &g;
  }
  return nullptr;
}

std::span<const Dish> shared_drinks() { return drinks; }

}  // namespace reskflow::demo
