// Money's checked arithmetic, its text for people and its JSON form.
#include "reskflow/modules/money.h"

#include <algorithm>
#include <array>

#include <boost/json.hpp>

namespace reskflow::modules {
namespace {

// ISO 4217 currencies whose minor unit is not a hundredth.
constexpr std::array<std::string_view, 17> exponent_zero{"BIF", "CLP", "DJF", "GNF", "ISK", "JPY",
                                                         "KMF", "KRW", "PYG", "RWF", "UGX", "UYI",
                                                         "VND", "VUV", "XAF", "XOF", "XPF"};
constexpr std::array<std::string_view, 7> exponent_three{"BHD", "IQD", "JOD", "KWD",
                                                         "LYD", "OMR", "TND"};

Status same_currency(const Money& a, const Money& b) {
  if (a.currency == b.currency) return {};
  return fail(ErrorCode::validation_failed,
              "cannot combine amounts in " + a.currency + " and " + b.currency);
}

// `what`: "sum of the amounts", "opposite of the amount".
std::unexpected<Error> overflow(std::string_view what) {
  return fail(ErrorCode::validation_failed,
              "the " + std::string(what) + " is too large to represent");
}

}  // namespace

bool valid_currency(std::string_view code) {
  return code.size() == 3 && std::ranges::all_of(code, [](char c) { return c >= 'A' && c <= 'Z'; });
}

int minor_exponent(std::string_view currency) {
  if (std::ranges::find(exponent_zero, currency) != exponent_zero.end()) return 0;
  if (std::ranges::find(exponent_three, currency) != exponent_three.end()) return 3;
  return 2;
}

Result<Money> add(const Money& a, const Money& b) {
  RF_TRY(same, same_currency(a, b));
  std::int64_t out = 0;
  if (__builtin_add_overflow(a.amount_minor, b.amount_minor, &out))
    return overflow("sum of the amounts");
  return Money{out, a.currency};
}

Result<Money> subtract(const Money& a, const Money& b) {
  RF_TRY(same, same_currency(a, b));
  std::int64_t out = 0;
  if (__builtin_sub_overflow(a.amount_minor, b.amount_minor, &out))
    return overflow("difference of the amounts");
  return Money{out, a.currency};
}

Result<Money> multiply(const Money& a, std::int64_t factor) {
  std::int64_t out = 0;
  if (__builtin_mul_overflow(a.amount_minor, factor, &out))
    return overflow("product of the amount");
  return Money{out, a.currency};
}

Result<Money> negate(const Money& a) {
  std::int64_t out = 0;
  if (__builtin_sub_overflow(std::int64_t{0}, a.amount_minor, &out))
    return overflow("opposite of the amount");
  return Money{out, a.currency};
}

Status add_to(Money& total, const Money& amount) {
  RF_TRY(next, add(total, amount));
  total.amount_minor = next->amount_minor;
  return {};
}

Money at_least_zero(const Money& a) {
  return {std::max<std::int64_t>(a.amount_minor, 0), a.currency};
}

Result<Money> sum_of(std::string_view currency, std::span<const Money> amounts) {
  Money total{0, std::string(currency)};
  for (const auto& m : amounts) {
    RF_TRY(added, add_to(total, m));
  }
  return total;
}

Result<Money> sum_of(std::string_view currency, std::initializer_list<Money> amounts) {
  return sum_of(currency, std::span<const Money>(amounts.begin(), amounts.size()));
}

std::string money_text(const Money& money) {
  const int exponent = minor_exponent(money.currency);
  const bool negative = money.amount_minor < 0;
  // Magnitude as unsigned, so that the most negative amount does not overflow.
  const auto magnitude = negative ? 0 - static_cast<std::uint64_t>(money.amount_minor)
                                  : static_cast<std::uint64_t>(money.amount_minor);
  std::string digits = std::to_string(magnitude);
  if (exponent > 0) {
    const auto width = static_cast<std::size_t>(exponent) + 1;
    if (digits.size() < width) digits.insert(0, width - digits.size(), '0');
    digits.insert(digits.size() - static_cast<std::size_t>(exponent), ".");
  }
  return (negative ? "-" : "") + digits + " " + money.currency;
}

void tag_invoke(const boost::json::value_from_tag&, boost::json::value& out, const Money& money) {
  out = boost::json::object{{"amount_minor", money.amount_minor}, {"currency", money.currency}};
}

boost::system::result<Money> tag_invoke(const boost::json::try_value_to_tag<Money>&,
                                        const boost::json::value& in) {
  const auto* object = in.if_object();
  if (object == nullptr) return boost::json::make_error_code(boost::json::error::not_object);
  const auto* amount = object->if_contains("amount_minor");
  const auto* currency = object->if_contains("currency");
  if (amount == nullptr || currency == nullptr)
    return boost::json::make_error_code(boost::json::error::size_mismatch);
  boost::system::error_code ec;
  const auto minor = amount->to_number<std::int64_t>(ec);
  if (ec) return ec;
  if (!currency->is_string() || !valid_currency(currency->as_string()))
    return boost::json::make_error_code(boost::json::error::not_string);
  return Money{minor, std::string(currency->as_string())};
}

}  // namespace reskflow::modules
