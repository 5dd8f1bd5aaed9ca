// W3C traceparent parsing and formatting, random span ids, and the thread's current span.
#include "reskflow/core/trace.h"

#include <fmt/format.h>

#include <algorithm>
#include <random>

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

}  // namespace

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
              static_cast<std::uint8_t>(parent.flags & sampled_flag)};
}

Span new_root() {
  return Span{random_id(trace_id_chars), random_id(span_id_chars), {}, sampled_flag};
}

Span span_for_request(std::optional<std::string_view> traceparent) {
  if (traceparent) {
    if (auto parent = parse_traceparent(*traceparent)) return child_of(*parent);
  }
  return new_root();
}

const Span* current() { return current_span; }

std::optional<std::string> outgoing_traceparent() {
  if (current_span == nullptr) return std::nullopt;
  return format_traceparent(child_of(*current_span));
}

Scope::Scope(const Span* span) : previous_(current_span) { current_span = span; }

Scope::~Scope() { current_span = previous_; }

}  // namespace reskflow::trace
