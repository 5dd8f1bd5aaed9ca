// Request-body parsing and schema-style validation that collects field-level errors.
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <limits>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "reskflow/core/errors.h"
#include "reskflow/core/http.h"

namespace reskflow::json {

// 415 unless the body is application/json; 400 with the byte offset on a syntax error;
// 422 when the document is not an object. Depth and size are bounded.
Result<boost::json::object> parse_object(const http::Request& request);

struct StringRule {
  bool required = true;
  std::size_t min_chars = 0;
  std::size_t max_chars = 1000;
  // A single-line field (a name, an email, an id) refuses every control character; a multi-line
  // one (a description, a comment) also holds line breaks and tabs.
  bool multiline = false;
};

// The first control character that a field may not hold, or nullopt: C0 controls (NUL
// included), DEL and C1 controls; a multi-line field may hold LF, CR and tab. `text` is UTF-8.
std::optional<char32_t> forbidden_control_character(std::string_view text, bool multiline);

// The field error for it: "must not contain control characters (U+0000 found)".
std::string control_character_message(char32_t found, bool multiline);

struct IntegerRule {
  bool required = true;
  std::int64_t min = std::numeric_limits<std::int64_t>::min();
  std::int64_t max = std::numeric_limits<std::int64_t>::max();
};

struct NumberRule {
  bool required = true;
  double min = -std::numeric_limits<double>::max();
  double max = std::numeric_limits<double>::max();
};

// Reads typed fields from one object; every problem becomes a FieldError with its path
// ("items[2].quantity"); finish() also reports fields the schema does not know. It keeps the
// first field_errors_max errors and counts the others.
class ObjectReader {
 public:
  explicit ObjectReader(const boost::json::object& object, std::string path_prefix = {});

  std::optional<std::string> string(std::string_view key, StringRule rule = {});
  std::optional<std::string> one_of(std::string_view key, const std::vector<std::string>& allowed,
                                    bool required = true);
  std::optional<std::int64_t> integer(std::string_view key, IntegerRule rule = {});
  std::optional<double> number(std::string_view key, NumberRule rule = {});
  std::optional<bool> boolean(std::string_view key, bool required = true);
  const boost::json::object* object(std::string_view key, bool required = true);
  const boost::json::array* array(std::string_view key, std::size_t items_max,
                                  bool required = true);

  // Adds an error found by a rule the reader cannot express (cross-field checks).
  void add_error(std::string_view key, std::string message);
  std::string path(std::string_view key) const;

  // Collected errors merged from a nested reader.
  void absorb(ObjectReader& nested);

  // validation_failed with every field error, or success.
  Status finish();

 private:
  const boost::json::value* field(std::string_view key, bool required);

  const boost::json::object& object_;
  std::string prefix_;
  std::set<std::string, std::less<>> seen_;
  std::vector<FieldError> errors_;
  std::size_t errors_omitted_ = 0;
};

}  // namespace reskflow::json
