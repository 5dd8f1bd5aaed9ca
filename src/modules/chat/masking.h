// Masks contact details in customer-courier messages, so neither side can take the
// conversation off the platform. The patterns are written down in docs/chat.md.
#pragma once

#include <string>
#include <string_view>

namespace reskflow::chat {

inline constexpr std::string_view masked_email = "[email hidden]";
inline constexpr std::string_view masked_phone = "[phone hidden]";

// Phone numbers: a run that starts with a digit, "+" or "(" not preceded by a letter or digit,
// continues over digits, spaces, "-", "." , "(" and ")", and holds 7 to 15 digits (E.164's
// most), trailing separators excluded. Email addresses: local@domain where the local part is
// letters, digits and ._%+- and the domain is letters, digits, "-" and dots ending in a label
// of at least two letters.
struct MaskedText {
  std::string text;
  bool masked = false;  // something was replaced
};

MaskedText mask_contacts(std::string_view text);

}  // namespace reskflow::chat
