// The carts module's fixed limits (docs/commerce.md "Carts and group orders"), named with their
// units. They bound what one customer can make the server store and re-price per request.
#pragma once

#include <cstddef>
#include <cstdint>

namespace reskflow::carts {

inline constexpr std::size_t cart_lines_max = 100;                // distinct lines in one cart
inline constexpr std::size_t cart_participants_max = 20;          // host included
inline constexpr std::int64_t line_quantity_min = 1;              // items per line
inline constexpr std::int64_t line_quantity_max = 99;             // items per line
inline constexpr std::size_t line_note_chars_max = 200;           // UTF-8 characters
inline constexpr std::size_t line_options_max = 50;               // option ids per line
inline constexpr std::size_t id_chars_max = 64;                   // an item or option id
inline constexpr std::size_t display_name_chars_min = 1;          // UTF-8 characters
inline constexpr std::size_t display_name_chars_max = 40;         // UTF-8 characters
inline constexpr std::size_t active_carts_per_customer_max = 20;  // hosted or joined
inline constexpr std::size_t invite_token_bytes = 32;             // HMAC-SHA256
// Writes that price lines read the cart, ask the catalog, then commit only if the cart is still
// at the version they read; a concurrent change makes them start over, at most this often.
inline constexpr int priced_write_attempts_max = 4;

}  // namespace reskflow::carts
