// Structured JSON logs (one object per line on stderr via spdlog); secrets are never written.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <variant>

namespace reskflow::log {

enum class Level { trace, debug, info, warn, error, off };

using Value = std::variant<std::string_view, std::int64_t, double, bool>;

struct Field {
  std::string_view key;
  Value value;
  Field(std::string_view k, std::string_view v) : key(k), value(v) {}
  Field(std::string_view k, const char* v) : key(k), value(std::string_view(v)) {}
  Field(std::string_view k, const std::string& v) : key(k), value(std::string_view(v)) {}
  Field(std::string_view k, std::int64_t v) : key(k), value(v) {}
  Field(std::string_view k, int v) : key(k), value(std::int64_t{v}) {}
  Field(std::string_view k, unsigned v) : key(k), value(std::int64_t{v}) {}
  Field(std::string_view k, double v) : key(k), value(v) {}
  Field(std::string_view k, bool v) : key(k), value(v) {}
};

using Fields = std::initializer_list<Field>;

// Parses "trace|debug|info|warn|error|off"; false when the name is unknown.
bool parse_level(std::string_view name, Level& out);
void set_level(Level level);
bool enabled(Level level);

void write(Level level, std::string_view event, Fields fields);

inline void debug(std::string_view event, Fields fields = {}) {
  write(Level::debug, event, fields);
}
inline void info(std::string_view event, Fields fields = {}) { write(Level::info, event, fields); }
inline void warn(std::string_view event, Fields fields = {}) { write(Level::warn, event, fields); }
inline void error(std::string_view event, Fields fields = {}) {
  write(Level::error, event, fields);
}

// True for keys whose values must never reach a log (password, token, secret, ...).
bool is_secret_key(std::string_view key);

// Renders one log line as JSON (exposed for tests).
std::string render(Level level, std::string_view event, Fields fields, std::string_view request_id);

// The request id of the work running on this thread, added to every line it logs.
class ScopedRequestId {
 public:
  explicit ScopedRequestId(std::string_view id);
  ~ScopedRequestId();
  ScopedRequestId(const ScopedRequestId&) = delete;
  ScopedRequestId& operator=(const ScopedRequestId&) = delete;

 private:
  std::string_view previous_;
};

}  // namespace reskflow::log
