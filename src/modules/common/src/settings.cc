// Module settings from prefixed environment variables, with unknown-key rejection.
#include "reskflow/modules/settings.h"

#include <charconv>

extern char** environ;

namespace reskflow::modules {

Settings::Settings(std::string_view module, std::map<std::string, std::string> environment)
    : environment_(std::move(environment)) {
  prefix_ = "RESKFLOW_";
  for (char c : module)
    prefix_.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
  prefix_.push_back('_');
}

std::map<std::string, std::string> Settings::process_environment() {
  std::map<std::string, std::string> out;
  for (char** e = environ; e != nullptr && *e != nullptr; ++e) {
    const std::string_view entry(*e);
    const auto eq = entry.find('=');
    if (eq == std::string_view::npos) continue;
    out.emplace(entry.substr(0, eq), entry.substr(eq + 1));
  }
  return out;
}

std::string Settings::variable(std::string_view key) const { return prefix_ + std::string(key); }

std::int64_t Settings::integer(std::string_view key, std::int64_t fallback, std::int64_t min,
                               std::int64_t max) {
  const auto name = variable(key);
  read_.insert(name);
  const auto it = environment_.find(name);
  if (it == environment_.end()) return fallback;
  std::int64_t value = 0;
  const auto& text = it->second;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || end != text.data() + text.size() || value < min || value > max) {
    errors_.push_back(
        {name, "must be an integer from " + std::to_string(min) + " to " + std::to_string(max)});
    return fallback;
  }
  return value;
}

std::string Settings::text(std::string_view key, std::string fallback) {
  const auto name = variable(key);
  read_.insert(name);
  const auto it = environment_.find(name);
  return it == environment_.end() ? std::move(fallback) : it->second;
}

Status Settings::finish() const {
  auto errors = errors_;
  for (const auto& [name, value] : environment_) {
    if (name.starts_with(prefix_) && !read_.contains(name))
      errors.push_back({name, "is not a setting of this module"});
  }
  if (errors.empty()) return {};
  return fail(ErrorCode::validation_failed, "invalid module settings", std::move(errors));
}

}  // namespace reskflow::modules
