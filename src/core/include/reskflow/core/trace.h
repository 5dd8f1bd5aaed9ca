// W3C Trace Context (level 1): parsing and writing `traceparent`, keeping `tracestate` as
// received, and the span that the work running on this thread belongs to, which log lines,
// events and outgoing calls carry.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace reskflow::trace {

// A position in a trace: the trace id (32 lowercase hex digits), this span's id (16), the
// span it continues (empty at the root), the flags (bit 0: sampled), and the `tracestate` that
// came with the trace (other vendors' entries, passed on unchanged; empty when none).
struct Span {
  std::string trace_id;
  std::string span_id;
  std::string parent_span_id;
  std::uint8_t flags = 0;
  std::string tracestate{};
};

constexpr std::uint8_t sampled_flag = 0x01;
// What a `tracestate` may hold (W3C Trace Context, "tracestate Limits").
constexpr std::size_t tracestate_members_max = 32;
constexpr std::size_t tracestate_chars_max = 512;
constexpr std::size_t tracestate_member_chars_long = 128;  // dropped first when over the limit

// The caller's span from a `traceparent` header, or nullopt when the header is invalid
// (version ff, an id of the wrong length, not lowercase hex, or all zero; a version-00 header
// with anything after the flags). Higher versions are read by their version-00 prefix.
std::optional<Span> parse_traceparent(std::string_view header);

// "00-{trace_id}-{span_id}-{flags}".
std::string format_traceparent(const Span& span);

// The `tracestate` to keep and pass on: its list members as received, without the optional
// white space around them and the empty ones; empty when the header is malformed (a bad key or
// value, a key twice, more than tracestate_members_max members). Over tracestate_chars_max,
// members longer than tracestate_member_chars_long go first, then members from the end.
std::string parse_tracestate(std::string_view header);

// A new span under `parent` (same trace, flags and tracestate), or the root of a new, sampled
// trace.
Span child_of(const Span& parent);
Span new_root();

// The span a request (or an event) starts: a child of a valid `traceparent` keeping the
// `tracestate` that came with it, else a new trace (and the tracestate is dropped with the
// invalid traceparent).
Span span_for_request(std::optional<std::string_view> traceparent,
                      std::optional<std::string_view> tracestate = std::nullopt);

// The span of the work on this thread, or nullptr.
const Span* current();

// Makes `span` the current one on this thread until destroyed; the span must outlive it.
class Scope {
 public:
  explicit Scope(const Span* span);
  ~Scope();
  Scope(const Scope&) = delete;
  Scope& operator=(const Scope&) = delete;

 private:
  const Span* previous_;
};

}  // namespace reskflow::trace
