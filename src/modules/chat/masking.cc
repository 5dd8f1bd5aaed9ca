// The contact masking of delivery conversations: email addresses first, then phone numbers,
// each by a single left-to-right scan (no backtracking on user input).
#include "masking.h"

#include <algorithm>
#include <cstddef>

namespace reskflow::chat {
namespace {

constexpr std::size_t phone_digits_min = 7;
constexpr std::size_t phone_digits_max = 15;

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_alnum(char c) { return is_digit(c) || is_letter(c); }
bool is_local_char(char c) {
  return is_alnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
}
bool is_domain_char(char c) { return is_alnum(c) || c == '.' || c == '-'; }
bool is_phone_char(char c) {
  return is_digit(c) || c == ' ' || c == '-' || c == '.' || c == '(' || c == ')';
}

// The end of a domain at `from` whose last label has two letters or more, or 0 for none.
std::size_t domain_end(std::string_view text, std::size_t from) {
  std::size_t end = from;
  while (end < text.size() && is_domain_char(text[end])) ++end;
  while (end > from && (text[end - 1] == '.' || text[end - 1] == '-')) --end;
  const auto dot = text.substr(from, end - from).rfind('.');
  if (dot == std::string_view::npos || dot == 0) return 0;
  const auto label = text.substr(from + dot + 1, end - from - dot - 1);
  if (label.size() < 2) return 0;
  for (const char c : label)
    if (!is_letter(c)) return 0;
  return end;
}

MaskedText mask_emails(std::string_view text) {
  MaskedText out;
  std::size_t copied = 0;
  for (std::size_t at = text.find('@'); at != std::string_view::npos; at = text.find('@', at + 1)) {
    if (at < copied) continue;
    std::size_t start = at;
    while (start > copied && is_local_char(text[start - 1])) --start;
    const auto end = domain_end(text, at + 1);
    if (start == at || end == 0) continue;
    out.text.append(text.substr(copied, start - copied));
    out.text.append(masked_email);
    out.masked = true;
    copied = end;
    at = end - 1;
  }
  out.text.append(text.substr(copied));
  return out;
}

MaskedText mask_phones(std::string_view text) {
  MaskedText out;
  std::size_t copied = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    const bool starts = (is_digit(c) || c == '+' || c == '(') && (i == 0 || !is_alnum(text[i - 1]));
    if (!starts) {
      ++i;
      continue;
    }
    std::size_t end = i + 1;
    std::size_t digits = is_digit(c) ? 1 : 0;
    std::size_t last_digit_end = is_digit(c) ? end : i;
    while (end < text.size() && is_phone_char(text[end])) {
      if (is_digit(text[end])) {
        ++digits;
        last_digit_end = end + 1;
      }
      ++end;
    }
    const bool glued = last_digit_end < text.size() && is_letter(text[last_digit_end]);
    if (digits >= phone_digits_min && digits <= phone_digits_max && !glued) {
      out.text.append(text.substr(copied, i - copied));
      out.text.append(masked_phone);
      out.masked = true;
      copied = last_digit_end;
    }
    i = std::max(end, i + 1);
  }
  out.text.append(text.substr(copied));
  return out;
}

}  // namespace

MaskedText mask_contacts(std::string_view text) {
  auto emails = mask_emails(text);
  auto phones = mask_phones(emails.text);
  phones.masked = phones.masked || emails.masked;
  return phones;
}

}  // namespace reskflow::chat
