// Group-cart invite tokens: 256 random bits from OpenSSL's CSPRNG, shown once to the host; the
// server keeps only their SHA-256, so a copy of the database cannot join anyone's cart.
#pragma once

#include <string>
#include <string_view>

namespace reskflow::carts {

// 43 base64url characters.
std::string new_invite_token();
// Lowercase hex SHA-256 of the token: what the carts table stores and looks up.
std::string invite_token_hash(std::string_view token);
// False for text that cannot be a token (wrong length or alphabet): answered 404 unread.
bool plausible_invite_token(std::string_view token);

}  // namespace reskflow::carts
