// W3C Trace Context (level 1): parsing and writing `traceparent`, and the span that the work
// running on this thread belongs to, which log lines and outgoing calls carry.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace reskflow::trace {

// A position in a trace: the trace id (32 lowercase hex digits), this span's id (16), the
// span it continues (empty at the root) and the flags (bit 0: sampled).
struct Span {
  std::string trace_id;
  std::string span_id;
  std::string parent_span_id;
  std::uint8_t flags = 0;
};

constexpr std::uint8_t sampled_flag = 0x01;

// The caller's span from a `traceparent` header, or nullopt when the header is invalid
// (version ff, an id of the wrong length, not lowercase hex, or all zero; a version-00 header
// with anything after the flags). Higher versions are read by their version-00 prefix.
std::optional<Span> parse_traceparent(std::string_view header);

// "00-{trace_id}-{span_id}-{flags}".
std::string format_traceparent(const Span& span);

// A new span under `parent` (same trace and flags), or the root of a new, sampled trace.
Span child_of(const Span& parent);
Span new_root();

// The span a request starts: a child of a valid `traceparent`, else a new trace.
Span span_for_request(std::optional<std::string_view> traceparent);

// The span of the work on this thread, or nullptr.
const Span* current();

// The `traceparent` an outgoing call from this thread sends (a new child span of the
// current one), or nullopt outside any span.
std::optional<std::string> outgoing_traceparent();

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
