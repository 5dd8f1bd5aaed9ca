// Group-cart invite tokens: HMAC-SHA256 of the cart and a random 128-bit nonce under a key
// derived from the server's secret. The server keeps the nonce and the token's SHA-256, so the
// host can be shown the link again, while a copy of the database alone joins no one's cart.
#pragma once

#include <string>
#include <string_view>

namespace reskflow::carts {

// The key invite tokens are made with: HMAC-SHA256(server_secret, a label for invites), so the
// secret that signs sessions is never used as is, and an invite reveals nothing about it.
std::string invite_key(std::string_view server_secret);
// 22 base64url characters from OpenSSL's CSPRNG: a new link for the cart.
std::string new_invite_nonce();
// 43 base64url characters: the same for the same key, cart and nonce.
std::string invite_token(std::string_view key, std::string_view cart_id, std::string_view nonce);
// Lowercase hex SHA-256 of the token: what the carts table stores and looks up.
std::string invite_token_hash(std::string_view token);
// False for text that cannot be a token (wrong length or alphabet): answered 404 unread.
bool plausible_invite_token(std::string_view token);

}  // namespace reskflow::carts
