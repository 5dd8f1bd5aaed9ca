// Percent-encoding for the outside services' APIs: application/x-www-form-urlencoded bodies
// (Stripe, Twilio) and URI components (otpauth:// links).
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace reskflow::modules {

// `text` with every byte outside RFC 3986's unreserved characters (letters, digits, -._~)
// percent-encoded, plus those in `kept` written as they are.
std::string percent_encode(std::string_view text, std::string_view kept = "");

// "a=1&b=x%20y": keys and values percent-encoded; characters in `kept` stay as they are (Stripe's
// nested keys keep "[" and "]").
std::string form_encode(const std::vector<std::pair<std::string, std::string>>& fields,
                        std::string_view kept = "");

}  // namespace reskflow::modules
