// The demo city's places: seven inner districts with real streets (approximate positions), the
// merchants with their descriptions, and the virtual brands of one ghost kitchen.
#include <array>
#include <vector>

#include "content.h"

namespace reskflow::demo {
namespace {

constexpr std::array<Street, 6> mitte{{{"Torstraße", "10119", 52.5290, 13.4010},
                                       {"Rosenthaler Straße", "10119", 52.5265, 13.4020},
                                       {"Alte Schönhauser Straße", "10119", 52.5270, 13.4080},
                                       {"Linienstraße", "10115", 52.5275, 13.3960},
                                       {"Oranienburger Straße", "10117", 52.5245, 13.3935},
                                       {"Münzstraße", "10178", 52.5250, 13.4090}}};
constexpr std::array<Street, 6> kreuzberg{{{"Oranienstraße", "10999", 52.5010, 13.4180},
                                           {"Bergmannstraße", "10961", 52.4890, 13.3950},
                                           {"Wiener Straße", "10999", 52.4980, 13.4320},
                                           {"Graefestraße", "10967", 52.4920, 13.4170},
                                           {"Mehringdamm", "10961", 52.4930, 13.3880},
                                           {"Skalitzer Straße", "10997", 52.4995, 13.4270}}};
constexpr std::array<Street, 5> prenzlauer_berg{{{"Kastanienallee", "10435", 52.5380, 13.4090},
                                                 {"Kollwitzstraße", "10405", 52.5365, 13.4175},
                                                 {"Stargarder Straße", "10437", 52.5480, 13.4180},
                                                 {"Pappelallee", "10437", 52.5455, 13.4160},
                                                 {"Oderberger Straße", "10435", 52.5390, 13.4055}}};
constexpr std::array<Street, 5> friedrichshain{{{"Simon-Dach-Straße", "10245", 52.5105, 13.4565},
                                                {"Boxhagener Straße", "10245", 52.5110, 13.4620},
                                                {"Warschauer Straße", "10243", 52.5090, 13.4500},
                                                {"Karl-Marx-Allee", "10243", 52.5175, 13.4380},
                                                {"Grünberger Straße", "10243", 52.5120, 13.4520}}};
constexpr std::array<Street, 5> neukoelln{{{"Weserstraße", "12047", 52.4890, 13.4300},
                                           {"Sonnenallee", "12045", 52.4870, 13.4340},
                                           {"Pannierstraße", "12047", 52.4905, 13.4320},
                                           {"Friedelstraße", "12047", 52.4920, 13.4290},
                                           {"Maybachufer", "12047", 52.4935, 13.4270}}};
constexpr std::array<Street, 4> schoeneberg{{{"Goltzstraße", "10781", 52.4950, 13.3520},
                                             {"Maaßenstraße", "10777", 52.4975, 13.3500},
                                             {"Potsdamer Straße", "10785", 52.5020, 13.3650},
                                             {"Akazienstraße", "10823", 52.4880, 13.3530}}};
constexpr std::array<Street, 4> charlottenburg{
    {{"Kantstraße", "10623", 52.5055, 13.3190},
     {"Savignyplatz", "10623", 52.5060, 13.3220},
     {"Bleibtreustraße", "10623", 52.5040, 13.3190},
     {"Wilmersdorfer Straße", "10627", 52.5080, 13.3060}}};

constexpr std::array<District, 7> district_table{{{"Mitte", mitte},
                                                  {"Kreuzberg", kreuzberg},
                                                  {"Prenzlauer Berg", prenzlauer_berg},
                                                  {"Friedrichshain", friedrichshain},
                                                  {"Neukölln", neukoelln},
                                                  {"Schöneberg", schoeneberg},
                                                  {"Charlottenburg", charlottenburg, false}}};

using enum HoursPattern;

constexpr std::array<MerchantSpec, 45> merchant_table{{
    // Mitte
    {"Pizzeria Rosenthal", "pizza", "pizza italian", "Mitte", "Rosenthaler Straße", "38",
     "Neapolitan pizza from a wood-fired oven, 48-hour dough and San Marzano tomatoes.", 2,
     late_weekends},
    {"Sushi Kiyomi", "sushi", "sushi japanese", "Mitte", "Torstraße", "125",
     "Nigiri and rolls cut to order by a team trained in Osaka.", 3, lunch_dinner},
    {"Café Linie", "coffee", "coffee breakfast", "Mitte", "Linienstraße", "113",
     "Third-wave coffee roasted in Wedding, pastries baked next door.", 2, cafe},
    {"Bäckerei Mehlwerk", "bakery", "bakery breakfast", "Mitte", "Alte Schönhauser Straße", "21",
     "Sourdough, pretzels and Berliner doughnuts since 1998, stone-milled flour.", 1, bakery},
    {"Chutney & Co.", "indian", "indian", "Mitte", "Oranienburger Straße", "54",
     "North Indian curries and tandoor dishes, spices ground every morning.", 2, lunch_dinner,
     MenuSize::large},
    {"Ramen Daichi", "ramen", "ramen japanese", "Mitte", "Münzstraße", "11",
     "Tonkotsu simmered for 18 hours and noodles made in-house.", 2, dinner},
    {"Green Fork", "salads", "salads healthy", "Mitte", "Torstraße", "81",
     "Big salads and warm bowls, dressings made daily.", 2, all_day},
    {"Beirut Mezze Haus", "lebanese", "lebanese middle_eastern", "Mitte", "Rosenthaler Straße",
     "12", "Family recipes from Beirut: mezze to share and charcoal grill.", 2, lunch_dinner},
    {"Osteria Vicolo", "italian", "italian pasta", "Mitte", "Linienstraße", "40",
     "Fresh pasta rolled by hand and Roman classics.", 3, lunch_dinner_no_mon},
    {"Hanoi Corner", "vietnamese", "vietnamese noodles soup", "Mitte", "Alte Schönhauser Straße",
     "7", "Phở, bún and bánh mì as they make them in Hanoi's Old Quarter.", 1, all_day},
    // Kreuzberg
    {"Oranien Burger", "burgers", "burgers american", "Kreuzberg", "Oranienstraße", "176",
     "Smashed dry-aged beef and potato buns, fries cut in-house.", 2, late_weekends},
    {"Taquería El Güero", "mexican", "mexican street_food", "Kreuzberg", "Wiener Straße", "19",
     "Corn tortillas pressed to order, salsas from Guadalajara recipes.", 1, late_weekends},
    {"Bergmann Döner", "turkish", "turkish kebab", "Kreuzberg", "Mehringdamm", "32",
     "Veal döner with grilled vegetables, open late every night.", 1, late_nights},
    {"Baan Thai", "thai", "thai", "Kreuzberg", "Graefestraße", "8",
     "Bangkok street food and curries, pastes pounded by hand.", 2, lunch_dinner, MenuSize::large},
    {"Pho Viet Kreuzberg", "vietnamese", "vietnamese noodles soup", "Kreuzberg", "Skalitzer Straße",
     "98", "Broths simmered overnight, herbs from our own supplier.", 1, all_day},
    {"Anatolia Grill", "turkish", "turkish kebab", "Kreuzberg", "Oranienstraße", "22",
     "Charcoal grill from Adana: kebap, köfte and fresh lahmacun.", 2, late_nights},
    {"Poke Wave", "poke", "poke healthy", "Kreuzberg", "Skalitzer Straße", "64",
     "Hawaiian poke bowls with sustainable fish.", 2, all_day},
    {"Morgenrot Frühstück", "breakfast", "breakfast brunch", "Kreuzberg", "Bergmannstraße", "104",
     "Breakfast until the afternoon, eggs from Brandenburg farms.", 2, cafe},
    {"Seoul Kitchen 61", "korean", "korean chicken", "Kreuzberg", "Bergmannstraße", "61",
     "Korean fried chicken, bibimbap and stews.", 2, dinner},
    // Prenzlauer Berg
    {"La Piccola Kastanie", "pizza", "pizza italian", "Prenzlauer Berg", "Kastanienallee", "49",
     "Roman-style thin pizza and antipasti, natural wines.", 2, late_weekends},
    {"Brotzeit Kollwitzkiez", "bakery", "bakery breakfast", "Prenzlauer Berg", "Kollwitzstraße",
     "66", "Organic bakery: rye loaves, Franzbrötchen and cakes.", 1, bakery},
    {"Mumbai Masala", "indian", "indian", "Prenzlauer Berg", "Stargarder Straße", "12",
     "Home-style curries and biryani from Maharashtra.", 2, lunch_dinner},
    {"Zen Sushi Bar", "sushi", "sushi japanese", "Prenzlauer Berg", "Pappelallee", "78",
     "Classic maki and inside-out rolls at fair prices.", 2, lunch_dinner},
    {"Ouzeria Kalimera", "greek", "greek mediterranean", "Prenzlauer Berg", "Oderberger Straße",
     "15", "Taverna classics, mezedes and grill from Thessaloniki.", 2, lunch_dinner_no_mon},
    {"Kaffeerösterei Pappel", "coffee", "coffee breakfast", "Prenzlauer Berg", "Pappelallee", "21",
     "Roastery café: beans roasted in the back, cakes by a neighbour.", 2, cafe},
    {"Tofu & Töchter", "vegan", "vegan healthy", "Prenzlauer Berg", "Kastanienallee", "84",
     "Plant-based comfort food, seitan schnitzel and currywurst.", 2, all_day},
    // Friedrichshain
    {"Brutal Burger", "burgers", "burgers american", "Friedrichshain", "Warschauer Straße", "33",
     "Burgers from our ghost kitchen, also home to three delivery brands.", 2, late_weekends},
    {"Boxi Tacos", "mexican", "mexican street_food", "Friedrichshain", "Boxhagener Straße", "73",
     "Tacos, burritos and mezcal by Boxhagener Platz.", 1, late_weekends},
    {"Jade Garden", "chinese", "chinese dumplings", "Friedrichshain", "Karl-Marx-Allee", "91",
     "Cantonese and Sichuan dishes, dim sum every day.", 2, lunch_dinner, MenuSize::large},
    {"Siam Simon-Dach", "thai", "thai", "Friedrichshain", "Simon-Dach-Straße", "2",
     "Thai curries and wok dishes, spicy on request.", 1, all_day},
    {"Gyros Olympia", "greek", "greek", "Friedrichshain", "Grünberger Straße", "54",
     "Gyros and souvlaki from the spit, generous portions.", 1, late_weekends},
    {"Kraut & Rüben", "vegan", "vegan salads", "Friedrichshain", "Simon-Dach-Straße", "40",
     "Vegan bowls, soups and cakes, all organic.", 2, all_day},
    {"Ramen Kuroi", "ramen", "ramen japanese", "Friedrichshain", "Boxhagener Straße", "21",
     "Black garlic ramen and small plates.", 2, dinner},
    // Neukölln
    {"Zaatar & Zeit", "lebanese", "lebanese middle_eastern", "Neukölln", "Sonnenallee", "43",
     "Falafel, shawarma and mezze from Sonnenallee.", 1, late_nights},
    {"Pizza Peppino", "pizza", "pizza", "Neukölln", "Weserstraße", "166",
     "Neighbourhood pizza by the slice and whole, cheap and cheerful.", 1, late_weekends},
    {"Kimchi Kiez", "korean", "korean", "Neukölln", "Friedelstraße", "28",
     "Korean home cooking: stews, bibimbap, kimchi made in-house.", 2, dinner},
    {"Dönerwerk Hermannplatz", "turkish", "turkish kebab", "Neukölln", "Pannierstraße", "5",
     "Döner, dürüm and box until late.", 1, late_nights},
    {"Bäckerei Reuter", "bakery", "bakery", "Neukölln", "Maybachufer", "11",
     "Neighbourhood bakery with rye bread and plum cake.", 1, bakery, MenuSize::regular, true},
    {"Curry Kitchen 44", "indian", "indian", "Neukölln", "Weserstraße", "44",
     "South Indian dosa, curries and thalis.", 1, lunch_dinner},
    // Schöneberg
    {"Sichuan Haus", "chinese", "chinese", "Schöneberg", "Potsdamer Straße", "85",
     "Fiery Sichuan cooking: mapo tofu, dan dan, kung pao.", 2, lunch_dinner},
    {"Café Winterfeldt", "breakfast", "breakfast coffee", "Schöneberg", "Maaßenstraße", "7",
     "Brunch by the market, all day on weekends.", 2, cafe},
    {"Trattoria Goltz", "italian", "italian", "Schöneberg", "Goltzstraße", "34",
     "Trattoria with daily pasta and grilled fish.", 3, lunch_dinner_no_mon},
    {"Bangkok Street Kitchen", "thai", "thai street_food", "Schöneberg", "Akazienstraße", "3",
     "Street-food stalls of Bangkok in one kitchen.", 1, all_day},
    // Charlottenburg (the far west: its zones do not reach the centre)
    {"Dim Sum Palast", "chinese", "chinese dumplings", "Charlottenburg", "Kantstraße", "56",
     "Hong Kong dim sum on Kantstraße, steamed to order.", 2, lunch_dinner},
    {"Taverna Bleibtreu", "greek", "greek", "Charlottenburg", "Bleibtreustraße", "17",
     "Greek taverna since 1978.", 3, lunch_dinner},
}};

// Brands cooked in Brutal Burger's Friedrichshain kitchen.
constexpr std::array<BrandSpec, 3> brand_table{{
    {"Wing Theory", "chicken", "chicken american", "Brutal Burger",
     "Crispy wings in six glazes, tenders and sides. Delivery only.", 2, late_weekends},
    {"Taco Trópico", "mexican", "mexican street_food", "Brutal Burger",
     "Burritos and tacos stuffed to the brim. Delivery only.", 1, all_day},
    {"Bowl Society", "poke", "poke healthy", "Brutal Burger",
     "Poke and grain bowls built your way. Delivery only.", 2, all_day},
}};

struct Certification {
  std::string_view merchant;
  std::string_view dietary;
};

// A kosher dairy bakery and mezze kitchen (no meat), and kitchens that keep nuts out.
constexpr std::array<Certification, 5> certification_table{{
    {"Zaatar & Zeit", "kosher"},
    {"Bäckerei Reuter", "kosher"},
    {"Pizzeria Rosenthal", "nut_free"},
    {"Oranien Burger", "nut_free"},
    {"Poke Wave", "nut_free"},
}};

std::vector<Cuisine> gather_cuisines() {
  std::vector<Cuisine> out;
  for (const auto family : {european_cuisines(), asian_cuisines(), everyday_cuisines()}) {
    out.insert(out.end(), family.begin(), family.end());
  }
  return out;
}

}  // namespace

std::span<const Cuisine> cuisines() {
  static const std::vector<Cuisine> all = gather_cuisines();
  return all;
}

const Cuisine* cuisine(std::string_view key) {
  for (const auto& c : cuisines()) {
    if (c.key == key) return &c;
  }
  return nullptr;
}

std::string_view certified_dietary(std::string_view merchant_name) {
  for (const auto& c : certification_table) {
    if (c.merchant == merchant_name) return c.dietary;
  }
  return {};
}

std::span<const District> districts() { return district_table; }
std::span<const MerchantSpec> merchant_specs() { return merchant_table; }
std::span<const BrandSpec> brand_specs() { return brand_table; }

}  // namespace reskflow::demo
