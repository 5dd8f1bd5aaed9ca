// API scenarios (tests/api/**/*.test): the parsed form of a file, and the checks of one answer.
// The format is described in tests/api/README.md; api_scenarios_test.cc replays the files.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "reskflow/testing/client.h"

namespace reskflow::testing::scenario {

// Captured and `let` values by name, substituted for {{name}}.
using Vars = std::map<std::string, std::string, std::less<>>;

// One step of a JSON path: a member name, or an array index (negative counts from the end).
struct PathStep {
  std::string key;
  std::optional<std::int64_t> index;
};

enum class Subject { json, header, body };
enum class Op { equals, not_equals, matches, exists, absent, is_type, length, capture, empty };

// One line after the expected status, e.g. `$.data[0].id -> first` or `header ETag exists`.
struct Check {
  int line = 0;
  std::string text;  // as written, for failure messages
  Subject subject = Subject::json;
  std::vector<PathStep> path;  // Subject::json
  std::string header;          // Subject::header
  Op op = Op::exists;
  // The expected value (JSON for a path, text for a header), the regex, the type name, the
  // capture's name, or the comparison of `length` ("==", ">=", ...).
  std::string operand;
  std::int64_t count = 0;  // Op::length
};

struct Request {
  int line = 0;
  std::string method;
  std::string target;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  bool json_body = true;  // false when the file names its own Content-Type
  int status = 0;
  std::vector<Check> checks;
  // `eventually GET ...`: asked again until the answer passes, for what an event delivers
  // after the commit that published it (within Replay's deadline).
  bool eventually = false;
};

// `let name = value`.
struct Let {
  int line = 0;
  std::string name;
  std::string value;
};

// `admin email -> name`: an administrator who passed the second factor; its token in `name`.
struct Admin {
  int line = 0;
  std::string email;
  std::string name;
};

using Step = std::variant<Request, Let, Admin>;

struct Scenario {
  std::string file;                        // as shown in messages
  std::map<std::string, std::string> env;  // `env NAME=value`, for the binary under test
  std::vector<Step> steps;
};

// "file:line: what is wrong".
class ParseError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Parses a scenario file's text; throws ParseError naming `file` and the line.
Scenario parse(std::string_view text, const std::string& file);

// `text` with every {{name}} replaced by its value. In JSON text a value is escaped as inside
// a JSON string, so `"{{name}}"` stays valid whatever was captured.
std::string substitute(std::string_view text, const Vars& vars, bool json);

// The failures of answer `r` to `request` ("file:line: ..."; empty when it passed). Captures
// are stored in `vars` as they are met, so a later check of the same step may use them.
std::vector<std::string> check_answer(const std::string& file, const Request& request,
                                      const HttpResult& r, Vars& vars);

}  // namespace reskflow::testing::scenario
