// W3C traceparent parsing and formatting, tracestate's checks and limits, random span ids, and
// the thread's current span.
#include "reskflow/core/trace.h"

#include <fmt/format.h>

#include <algorithm>
#include <random>
#include <vector>

namespace reskflow::trace {
namespace {

constexpr std::size_t trace_id_chars = 32;
constexpr std::size_t span_id_chars = 16;
// "00-" + trace id + "-" + span id + "-" + flags.
constexpr std::size_t version_00_chars = 2 + 1 + trace_id_chars + 1 + span_id_chars + 1 + 2;

thread_local const Span* current_span = nullptr;

bool lower_hex(std::string_view text) {
  return std::ranges::all_of(
      text, [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

bool all_zero(std::string_view text) {
  return std::ranges::all_of(text, [](char c) { return c == '0'; });
}

int hex_value(char c) { return c <= '9' ? c - '0' : c - 'a' + 10; }

std::mt19937_64& random_source() {
  thread_local std::mt19937_64 rng{std::random_device{}()};
  return rng;
}

// A random, non-zero id of `chars` hex digits.
std::string random_id(std::size_t chars) {
  std::string out;
  while (out.empty() || all_zero(out)) {
    out.clear();
    while (out.size() < chars) out += fmt::format("{:016x}", random_source()());
    out.resize(chars);
  }
  return out;
}

bool lower_alpha_or_digit(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

bool key_char(char c) {
  return lower_alpha_or_digit(c) || c == '_' || c == '-' || c == '*' || c == '/';
}

// lcalpha 0*255(key chars), or a multi-tenant key: tenant (starting with a letter or digit, up to
// 241 chars) "@" system (starting with a letter, up to 14 chars).
bool valid_key(std::string_view key) {
  const auto at = key.find('@');
  if (at == std::string_view::npos)
    return !key.empty() && key.size() <= 256 && key[0] >= 'a' && key[0] <= 'z' &&
           std::ranges::all_of(key, key_char);
  const auto tenant = key.substr(0, at);
  const auto system = key.substr(at + 1);
  return !tenant.empty() && tenant.size() <= 241 && lower_alpha_or_digit(tenant[0]) &&
         std::ranges::all_of(tenant, key_char) && !system.empty() && system.size() <= 14 &&
         system[0] >= 'a' && system[0] <= 'z' && std::ranges::all_of(system, key_char);
}

// 1 to 256 printable ASCII characters but ',' and '=', the last one not a space.
bool valid_value(std::string_view value) {
  return !value.empty() && value.size() <= 256 && value.back() != ' ' &&
         std::ranges::all_of(value,
                             [](char c) { return c >= 0x20 && c <= 0x7e && c != ',' && c != '='; });
}

std::string_view trim_ows(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

std::size_t joined_chars(const std::vector<std::string_view>& members) {
  std::size_t n = members.empty() ? 0 : members.size() - 1;
  for (const auto m : members) n += m.size();
  return n;
}

// Over the limit: the long members go first, then members from the end.
void truncate_members(std::vector<std::string_view>& members) {
  for (auto i = members.size(); i-- > 0 && joined_chars(members) > tracestate_chars_max;) {
    if (members[i].size() > tracestate_member_chars_long)
      members.erase(members.begin() + static_cast<std::ptrdiff_t>(i));
  }
  while (joined_chars(members) > tracestate_chars_max) members.pop_back();
}

}  // namespace

std::string parse_tracestate(std::string_view header) {
  std::vector<std::string_view> members;
  std::vector<std::string_view> keys;
  for (std::size_t start = 0; start <= header.size();) {
    const auto comma = std::min(header.find(',', start), header.size());
    const auto member = trim_ows(header.substr(start, comma - start));
    start = comma + 1;
    if (member.empty()) continue;
    const auto equals = member.find('=');
    if (equals == std::string_view::npos) return {};
    const auto key = member.substr(0, equals);
    if (!valid_key(key) || !valid_value(member.substr(equals + 1)) ||
        std::ranges::find(keys, key) != keys.end() || members.size() == tracestate_members_max)
      return {};
    keys.push_back(key);
    members.push_back(member);
  }
  truncate_members(members);
  std::string out;
  for (const auto m : members) {
    if (!out.empty()) out += ',';
    out += m;
  }
  return out;
}

std::optional<Span> parse_traceparent(std::string_view header) {
  if (header.size() < version_00_chars) return std::nullopt;
  const auto version = header.substr(0, 2);
  if (!lower_hex(version) || version == "ff") return std::nullopt;
  // Version 00 has nothing after the flags; a later version may append fields after a dash.
  if (version == "00" ? header.size() != version_00_chars
                      : header.size() > version_00_chars && header[version_00_chars] != '-')
    return std::nullopt;
  if (header[2] != '-' || header[3 + trace_id_chars] != '-' ||
      header[4 + trace_id_chars + span_id_chars] != '-')
    return std::nullopt;
  Span span;
  span.trace_id = header.substr(3, trace_id_chars);
  span.span_id = header.substr(4 + trace_id_chars, span_id_chars);
  const auto flags = header.substr(5 + trace_id_chars + span_id_chars, 2);
  if (!lower_hex(span.trace_id) || all_zero(span.trace_id) || !lower_hex(span.span_id) ||
      all_zero(span.span_id) || !lower_hex(flags))
    return std::nullopt;
  span.flags = static_cast<std::uint8_t>(hex_value(flags[0]) * 16 + hex_value(flags[1]));
  return span;
}

std::string format_traceparent(const Span& span) {
  return fmt::format("00-{}-{}-{:02x}", span.trace_id, span.span_id, span.flags);
}

Span child_of(const Span& parent) {
  // Only the sampled bit is defined at level 1: other bits are not passed on.
  return Span{parent.trace_id, random_id(span_id_chars), parent.span_id,
              static_cast<std::uint8_t>(parent.flags & sampled_flag), parent.tracestate};
}

Span new_root() {
  return Span{random_id(trace_id_chars), random_id(span_id_chars), {}, sampled_flag, {}};
}

Span span_for_request(std::optional<std::string_view> traceparent,
                      std::optional<std::string_view> tracestate) {
  if (traceparent) {
    if (auto parent = parse_traceparent(*traceparent)) {
      if (tracestate) parent->tracestate = parse_tracestate(*tracestate);
      return child_of(*parent);
    }
  }
  return new_root();
}

const Span* current() { return current_span; }

Scope::Scope(const Span* span) : previous_(current_span) { current_span = span; }

Scope::~Scope() { current_span = previous_; }

}  // namespace reskflow::trace
