// Money: an integer amount of minor units (cents) of one ISO 4217 currency. Arithmetic refuses
// mixed currencies and overflow instead of guessing; the JSON form is
// {"amount_minor": 1150, "currency": "EUR"}.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <span>
#include <string>
#include <string_view>

#include <boost/json/conversion.hpp>
#include <boost/json/fwd.hpp>
#include <boost/system/result.hpp>

#include "reskflow/core/errors.h"

namespace reskflow::modules {

struct Money {
  std::int64_t amount_minor = 0;
  std::string currency;  // ISO 4217: three capital letters

  friend bool operator==(const Money&, const Money&) = default;
};

// Three capital letters (the form of an ISO 4217 code; the list itself is not checked).
bool valid_currency(std::string_view code);
// Digits after the decimal point: 0 for JPY, 3 for KWD, 2 for most.
int minor_exponent(std::string_view currency);

// validation_failed for mixed currencies or a result outside int64.
Result<Money> add(const Money& a, const Money& b);
Result<Money> subtract(const Money& a, const Money& b);
Result<Money> multiply(const Money& a, std::int64_t factor);
// The amount with its sign changed: validation_failed for the one amount that has no opposite.
Result<Money> negate(const Money& a);
// `total` plus `amount`, kept in `total`; on failure `total` is left as it was.
Status add_to(Money& total, const Money& amount);
// The amount, or zero in its currency when it is negative.
Money at_least_zero(const Money& a);
// Zero in the currency, then each amount added: the first failure.
Result<Money> sum_of(std::string_view currency, std::span<const Money> amounts);
Result<Money> sum_of(std::string_view currency, std::initializer_list<Money> amounts);

// "11.50 EUR", "-0.05 EUR", "500 JPY".
std::string money_text(const Money& money);

void tag_invoke(const boost::json::value_from_tag&, boost::json::value& out, const Money& money);
// boost::json::try_value_to<Money> fails (and value_to<Money> throws) unless the value is
// {"amount_minor": integer, "currency": three capital letters}.
boost::system::result<Money> tag_invoke(const boost::json::try_value_to_tag<Money>&,
                                        const boost::json::value& in);

}  // namespace reskflow::modules
