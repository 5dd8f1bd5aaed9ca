// Implementation of request-body parsing and the field-collecting ObjectReader.
#include "reskflow/core/json_body.h"

#include <fmt/format.h>

#include <boost/json.hpp>

namespace reskflow::json {
namespace {

constexpr std::size_t json_depth_max = 32;

bool is_json_content_type(std::string_view ct) {
  const auto semi = ct.find(';');
  auto base = ct.substr(0, semi);
  while (!base.empty() && base.back() == ' ') base.remove_suffix(1);
  return http::iequals(base, "application/json") || (base.size() > 5 && base.ends_with("+json"));
}

std::size_t utf8_chars(std::string_view s) {
  std::size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0u) != 0x80u ? 1 : 0;
  return n;
}

}  // namespace

std::optional<char32_t> forbidden_control_character(std::string_view text, bool multiline) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x20 || c == 0x7F) {
      if (multiline && (c == '\n' || c == '\r' || c == '\t')) continue;
      return c;
    }
    // C1 controls, U+0080 to U+009F, are 0xC2 0x80 to 0xC2 0x9F in UTF-8.
    if (c == 0xC2 && i + 1 < text.size()) {
      const auto next = static_cast<unsigned char>(text[i + 1]);
      if (next >= 0x80 && next <= 0x9F) return next;
    }
  }
  return std::nullopt;
}

std::string control_character_message(char32_t found, bool multiline) {
  const auto code = static_cast<unsigned>(found);
  if (multiline)
    return fmt::format(
        "must not contain control characters other than line breaks and tabs (U+{:04X} found)",
        code);
  return fmt::format("must be one line without control characters (U+{:04X} found)", code);
}

Result<boost::json::object> parse_object(const http::Request& request) {
  const auto ct = request.header("Content-Type");
  if (!ct || !is_json_content_type(*ct))
    return fail(ErrorCode::unsupported_media_type, "send the body as application/json");
  boost::json::parse_options options;
  options.max_depth = json_depth_max;
  boost::json::stream_parser parser({}, options);
  boost::system::error_code ec;
  const auto consumed = parser.write_some(request.body.data(), request.body.size(), ec);
  if (!ec) parser.finish(ec);
  if (ec) {
    return fail(ErrorCode::bad_request, "the body is not valid JSON (" + ec.message() +
                                            " near byte " + std::to_string(consumed) + ")");
  }
  auto value = parser.release();
  if (!value.is_object())
    return fail(ErrorCode::validation_failed, "the body must be a JSON object",
                {{"", "expected an object"}});
  return std::move(value.as_object());
}

ObjectReader::ObjectReader(const boost::json::object& object, std::string path_prefix)
    : object_(object), prefix_(std::move(path_prefix)) {}

std::string ObjectReader::path(std::string_view key) const {
  return prefix_.empty() ? std::string(key) : prefix_ + "." + std::string(key);
}

void ObjectReader::add_error(std::string_view key, std::string message) {
  if (errors_.size() < field_errors_max) {
    errors_.push_back({path(key), std::move(message)});
  } else {
    ++errors_omitted_;
  }
}

const boost::json::value* ObjectReader::field(std::string_view key, bool required) {
  seen_.emplace(key);
  const auto* v = object_.if_contains(key);
  if (v == nullptr || v->is_null()) {
    if (required) add_error(key, "is required");
    return nullptr;
  }
  return v;
}

std::optional<std::string> ObjectReader::string(std::string_view key, StringRule rule) {
  const auto* v = field(key, rule.required);
  if (v == nullptr) return std::nullopt;
  if (!v->is_string()) {
    add_error(key, "must be a string");
    return std::nullopt;
  }
  std::string s(v->as_string());
  const auto chars = utf8_chars(s);
  if (chars < rule.min_chars || chars > rule.max_chars) {
    add_error(key, "must be " + std::to_string(rule.min_chars) + " to " +
                       std::to_string(rule.max_chars) + " characters");
    return std::nullopt;
  }
  if (const auto control = forbidden_control_character(s, rule.multiline)) {
    add_error(key, control_character_message(*control, rule.multiline));
    return std::nullopt;
  }
  return s;
}

std::optional<std::string> ObjectReader::one_of(std::string_view key,
                                                const std::vector<std::string>& allowed,
                                                bool required) {
  auto s = string(key, {.required = required, .min_chars = 0, .max_chars = 200});
  if (!s) return std::nullopt;
  for (const auto& a : allowed) {
    if (a == *s) return s;
  }
  std::string list;
  for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
  add_error(key, "must be one of: " + list);
  return std::nullopt;
}

std::optional<std::int64_t> ObjectReader::integer(std::string_view key, IntegerRule rule) {
  const auto* v = field(key, rule.required);
  if (v == nullptr) return std::nullopt;
  std::int64_t n = 0;
  if (v->is_int64()) {
    n = v->as_int64();
  } else if (v->is_uint64() && v->as_uint64() <= static_cast<std::uint64_t>(rule.max)) {
    n = static_cast<std::int64_t>(v->as_uint64());
  } else {
    add_error(key, v->is_number() ? "is out of range" : "must be an integer");
    return std::nullopt;
  }
  if (n < rule.min || n > rule.max) {
    add_error(key,
              "must be between " + std::to_string(rule.min) + " and " + std::to_string(rule.max));
    return std::nullopt;
  }
  return n;
}

std::optional<double> ObjectReader::number(std::string_view key, NumberRule rule) {
  const auto* v = field(key, rule.required);
  if (v == nullptr) return std::nullopt;
  if (!v->is_number()) {
    add_error(key, "must be a number");
    return std::nullopt;
  }
  const double d = v->to_number<double>();
  if (d < rule.min || d > rule.max) {
    add_error(key, "is out of range");
    return std::nullopt;
  }
  return d;
}

std::optional<bool> ObjectReader::boolean(std::string_view key, bool required) {
  const auto* v = field(key, required);
  if (v == nullptr) return std::nullopt;
  if (!v->is_bool()) {
    add_error(key, "must be true or false");
    return std::nullopt;
  }
  return v->as_bool();
}

const boost::json::object* ObjectReader::object(std::string_view key, bool required) {
  const auto* v = field(key, required);
  if (v == nullptr) return nullptr;
  if (!v->is_object()) {
    add_error(key, "must be an object");
    return nullptr;
  }
  return &v->as_object();
}

const boost::json::array* ObjectReader::array(std::string_view key, std::size_t items_max,
                                              bool required) {
  const auto* v = field(key, required);
  if (v == nullptr) return nullptr;
  if (!v->is_array()) {
    add_error(key, "must be an array");
    return nullptr;
  }
  if (v->as_array().size() > items_max) {
    add_error(key, "must have at most " + std::to_string(items_max) + " items");
    return nullptr;
  }
  return &v->as_array();
}

void ObjectReader::absorb(ObjectReader& nested) {
  for (auto& e : nested.errors_) {
    if (errors_.size() < field_errors_max) {
      errors_.push_back(std::move(e));
    } else {
      ++errors_omitted_;
    }
  }
  errors_omitted_ += nested.errors_omitted_;
  nested.errors_.clear();
  nested.errors_omitted_ = 0;
}

Status ObjectReader::finish() {
  for (const auto& [key, value] : object_) {
    if (!seen_.contains(key)) add_error(key, "is not a known field");
  }
  if (errors_.empty()) return {};
  std::string detail = "some fields are invalid; see errors";
  if (errors_omitted_ > 0)
    detail += " (" + omitted_field_errors_note(errors_.size() + errors_omitted_) + ")";
  std::vector<FieldError> errors;
  errors.swap(errors_);
  errors_omitted_ = 0;
  return fail(ErrorCode::validation_failed, std::move(detail), std::move(errors));
}

}  // namespace reskflow::json
