// The catalog's fixed word lists.
#include "vocabulary.h"

#include <algorithm>
#include <array>

namespace reskflow::catalog {
namespace {

constexpr std::array<std::string_view, 57> cuisine_list{
    "african",        "american",   "bakery",      "bbq",        "breakfast",     "british",
    "brunch",         "bubble_tea", "burgers",     "caribbean",  "chicken",       "chinese",
    "coffee",         "desserts",   "drinks",      "dumplings",  "ethiopian",     "fast_food",
    "french",         "german",     "greek",       "grocery",    "halal",         "healthy",
    "ice_cream",      "indian",     "indonesian",  "italian",    "japanese",      "juice",
    "kebab",          "korean",     "lebanese",    "malaysian",  "mediterranean", "mexican",
    "middle_eastern", "noodles",    "pasta",       "peruvian",   "pizza",         "poke",
    "portuguese",     "ramen",      "salads",      "sandwiches", "seafood",       "soup",
    "spanish",        "steak",      "street_food", "sushi",      "tapas",         "thai",
    "turkish",        "vegan",      "vietnamese"};

constexpr std::array<std::string_view, 8> dietary_list{
    "vegetarian", "vegan", "gluten_free", "dairy_free", "halal", "kosher", "nut_free", "spicy"};

constexpr std::array<std::string_view, 14> allergen_list{
    "gluten", "crustaceans", "eggs",    "fish",   "peanuts",   "soybeans", "milk",
    "nuts",   "celery",      "mustard", "sesame", "sulphites", "lupin",    "molluscs"};

// Sorted, for binary search.
constexpr std::array<std::string_view, 154> currency_list{
    "AED", "AFN", "ALL", "AMD", "ANG", "AOA", "ARS", "AUD", "AWG", "AZN", "BAM", "BBD", "BDT",
    "BGN", "BHD", "BIF", "BMD", "BND", "BOB", "BRL", "BSD", "BTN", "BWP", "BYN", "BZD", "CAD",
    "CDF", "CHF", "CLP", "CNY", "COP", "CRC", "CUP", "CVE", "CZK", "DJF", "DKK", "DOP", "DZD",
    "EGP", "ERN", "ETB", "EUR", "FJD", "FKP", "GBP", "GEL", "GHS", "GIP", "GMD", "GNF", "GTQ",
    "GYD", "HKD", "HNL", "HTG", "HUF", "IDR", "ILS", "INR", "IQD", "IRR", "ISK", "JMD", "JOD",
    "JPY", "KES", "KGS", "KHR", "KMF", "KPW", "KRW", "KWD", "KYD", "KZT", "LAK", "LBP", "LKR",
    "LRD", "LSL", "LYD", "MAD", "MDL", "MGA", "MKD", "MMK", "MNT", "MOP", "MRU", "MUR", "MVR",
    "MWK", "MXN", "MYR", "MZN", "NAD", "NGN", "NIO", "NOK", "NPR", "NZD", "OMR", "PAB", "PEN",
    "PGK", "PHP", "PKR", "PLN", "PYG", "QAR", "RON", "RSD", "RUB", "RWF", "SAR", "SBD", "SCR",
    "SDG", "SEK", "SGD", "SHP", "SLE", "SOS", "SRD", "SSP", "STN", "SYP", "SZL", "THB", "TJS",
    "TMT", "TND", "TOP", "TRY", "TTD", "TWD", "TZS", "UAH", "UGX", "USD", "UYU", "UZS", "VES",
    "VND", "VUV", "WST", "XAF", "XCD", "XOF", "XPF", "YER", "ZAR", "ZMW", "ZWL"};

constexpr std::array<std::string_view, 7> weekdays{"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

}  // namespace

std::span<const std::string_view> cuisines() { return cuisine_list; }
std::span<const std::string_view> dietary_tags() { return dietary_list; }
std::span<const std::string_view> allergens() { return allergen_list; }

bool known_currency(std::string_view code) {
  return std::binary_search(currency_list.begin(), currency_list.end(), code);
}

bool contains(std::span<const std::string_view> list, std::string_view word) {
  return std::find(list.begin(), list.end(), word) != list.end();
}

std::optional<int> weekday_of(std::string_view name) {
  for (std::size_t d = 0; d < weekdays.size(); ++d) {
    if (weekdays[d] == name) return static_cast<int>(d);
  }
  return std::nullopt;
}

std::string_view weekday_name(int day) {
  return day >= 0 && day < 7 ? weekdays[static_cast<std::size_t>(day)] : std::string_view{};
}

}  // namespace reskflow::catalog
