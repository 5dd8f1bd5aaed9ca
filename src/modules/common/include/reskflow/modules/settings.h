// A module's typed settings from RESKFLOW_<MODULE>_<KEY> environment variables; a variable with
// the module's prefix that the module does not read is an error at start-up (a typo never
// silently falls back to a default).
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "reskflow/core/errors.h"

namespace reskflow::modules {

class Settings {
 public:
  // `environment` maps names to values (tests pass their own; the app passes ::environ).
  Settings(std::string_view module, std::map<std::string, std::string> environment);
  static std::map<std::string, std::string> process_environment();

  std::int64_t integer(std::string_view key, std::int64_t fallback, std::int64_t min,
                       std::int64_t max);
  std::string text(std::string_view key, std::string fallback);

  // validation_failed naming every bad or unknown variable.
  Status finish() const;

 private:
  std::string variable(std::string_view key) const;

  std::string prefix_;
  std::map<std::string, std::string> environment_;
  std::set<std::string> read_;
  std::vector<FieldError> errors_;
};

}  // namespace reskflow::modules
