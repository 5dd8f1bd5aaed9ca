// Checks one answer against a scenario request's expectations (scenario.h): the status, JSON
// paths, headers and the raw body, storing captures as it goes.
#include <boost/json.hpp>
#include <regex>

#include "scenario.h"

namespace reskflow::testing::scenario {
namespace {

constexpr std::size_t shown_chars_max = 300;

std::string shown(std::string text) {
  if (text.size() > shown_chars_max) text = text.substr(0, shown_chars_max) + "...";
  return text;
}

std::string shown(const boost::json::value& v) { return shown(boost::json::serialize(v)); }

const boost::json::value* find(const boost::json::value& root, const std::vector<PathStep>& path) {
  const boost::json::value* at = &root;
  for (const auto& step : path) {
    if (step.index) {
      const auto* array = at->if_array();
      if (array == nullptr) return nullptr;
      const auto size = static_cast<std::int64_t>(array->size());
      const auto i = *step.index < 0 ? size + *step.index : *step.index;
      if (i < 0 || i >= size) return nullptr;
      at = &(*array)[static_cast<std::size_t>(i)];
    } else {
      const auto* object = at->if_object();
      if (object == nullptr) return nullptr;
      at = object->if_contains(step.key);
      if (at == nullptr) return nullptr;
    }
  }
  return at;
}

// JSON equality where numbers compare by value (1 == 1.0), whatever their storage.
bool same(const boost::json::value& a, const boost::json::value& b) {
  if (a.is_number() && b.is_number()) {
    if (a.is_double() || b.is_double()) return a.to_number<double>() == b.to_number<double>();
    if (a.is_int64() && b.is_int64()) return a.get_int64() == b.get_int64();
    if (a.is_uint64() && b.is_uint64()) return a.get_uint64() == b.get_uint64();
    const auto& signed_one = a.is_int64() ? a : b;
    const auto& unsigned_one = a.is_int64() ? b : a;
    return signed_one.get_int64() >= 0 &&
           static_cast<std::uint64_t>(signed_one.get_int64()) == unsigned_one.get_uint64();
  }
  if (a.kind() != b.kind()) return false;
  if (const auto* array = a.if_array()) {
    const auto& other = b.get_array();
    if (array->size() != other.size()) return false;
    for (std::size_t i = 0; i < array->size(); ++i) {
      if (!same((*array)[i], other[i])) return false;
    }
    return true;
  }
  if (const auto* object = a.if_object()) {
    const auto& other = b.get_object();
    if (object->size() != other.size()) return false;
    for (const auto& [key, value] : *object) {
      const auto* mate = other.if_contains(key);
      if (mate == nullptr || !same(value, *mate)) return false;
    }
    return true;
  }
  return a == b;
}

bool has_type(const boost::json::value& v, std::string_view type) {
  if (type == "string") return v.is_string();
  if (type == "number") return v.is_number();
  if (type == "integer") return v.is_int64() || v.is_uint64();
  if (type == "boolean") return v.is_bool();
  if (type == "null") return v.is_null();
  if (type == "array") return v.is_array();
  return v.is_object();
}

bool compare(std::int64_t actual, std::string_view comparison, std::int64_t expected) {
  if (comparison == "==") return actual == expected;
  if (comparison == "!=") return actual != expected;
  if (comparison == "<") return actual < expected;
  if (comparison == "<=") return actual <= expected;
  if (comparison == ">") return actual > expected;
  return actual >= expected;
}

// The value a capture stores: a string's text, or any other value as JSON.
std::string captured(const boost::json::value& v) {
  return v.is_string() ? std::string(v.get_string()) : boost::json::serialize(v);
}

bool matches(std::string_view text, const std::string& pattern) {
  return std::regex_search(text.begin(), text.end(), std::regex(pattern));
}

// The failure of check `c` on JSON value `v` (nullptr when the path leads nowhere).
std::optional<std::string> check_value(const Check& c, const boost::json::value* v, Vars& vars) {
  if (c.op == Op::absent) {
    if (v == nullptr) return std::nullopt;
    return "expected no such field, got " + shown(*v);
  }
  if (v == nullptr) return std::string("the body has no such field");
  switch (c.op) {
    case Op::equals:
    case Op::not_equals: {
      const auto expected = boost::json::parse(substitute(c.operand, vars, true));
      if (same(*v, expected) == (c.op == Op::equals)) return std::nullopt;
      return "got " + shown(*v);
    }
    case Op::matches:
      if (v->is_string() && matches(v->get_string(), substitute(c.operand, vars, false)))
        return std::nullopt;
      return "got " + shown(*v);
    case Op::is_type:
      if (has_type(*v, c.operand)) return std::nullopt;
      return "got " + shown(*v);
    case Op::length: {
      std::int64_t size = -1;
      if (const auto* a = v->if_array()) size = static_cast<std::int64_t>(a->size());
      if (const auto* o = v->if_object()) size = static_cast<std::int64_t>(o->size());
      if (const auto* s = v->if_string()) size = static_cast<std::int64_t>(s->size());
      if (size >= 0 && compare(size, c.operand, c.count)) return std::nullopt;
      return "its length is " + std::to_string(size) + ": " + shown(*v);
    }
    case Op::capture: vars[c.operand] = captured(*v); return std::nullopt;
    default: return std::nullopt;  // exists
  }
}

std::optional<std::string> check_header(const Check& c, const HttpResult& r, Vars& vars) {
  const auto value = r.header(c.header);
  if (c.op == Op::absent) {
    if (!value) return std::nullopt;
    return "expected no such header, got `" + *value + "`";
  }
  if (!value) return std::string("the answer has no such header");
  switch (c.op) {
    case Op::equals:
    case Op::not_equals:
      if ((*value == substitute(c.operand, vars, false)) == (c.op == Op::equals))
        return std::nullopt;
      return "got `" + *value + "`";
    case Op::matches:
      if (matches(*value, substitute(c.operand, vars, false))) return std::nullopt;
      return "got `" + *value + "`";
    case Op::capture: vars[c.operand] = *value; return std::nullopt;
    default: return std::nullopt;  // exists
  }
}

std::optional<std::string> check_body(const Check& c, const HttpResult& r, const Vars& vars) {
  if (c.op == Op::empty ? r.body.empty() : matches(r.body, substitute(c.operand, vars, false)))
    return std::nullopt;
  return std::string("the body does not match");
}

}  // namespace

std::string substitute(std::string_view text, const Vars& vars, bool json) {
  std::string out;
  std::size_t at = 0;
  for (auto open = text.find("{{"); open != std::string_view::npos; open = text.find("{{", at)) {
    const auto close = text.find("}}", open);
    if (close == std::string_view::npos) break;
    auto name = text.substr(open + 2, close - open - 2);
    name.remove_prefix(std::min(name.find_first_not_of(' '), name.size()));
    name = name.substr(0, name.find(' '));
    out.append(text.substr(at, open - at));
    const auto found = vars.find(name);
    if (found == vars.end()) throw std::out_of_range("{{" + std::string(name) + "}} is not set");
    if (json) {
      const auto quoted = boost::json::serialize(boost::json::value(found->second));
      out.append(quoted, 1, quoted.size() - 2);
    } else {
      out.append(found->second);
    }
    at = close + 2;
  }
  out.append(text.substr(at));
  return out;
}

std::vector<std::string> check_answer(const std::string& file, const Request& request,
                                      const HttpResult& r, Vars& vars) {
  const auto where = [&](int line) { return file + ":" + std::to_string(line) + ": "; };
  if (r.status != request.status) {
    return {where(request.line) + "expected status " + std::to_string(request.status) + ", got " +
            std::to_string(r.status)};
  }
  std::vector<std::string> failures;
  boost::system::error_code not_json;
  const auto json = boost::json::parse(r.body, not_json);
  for (const auto& c : request.checks) {
    std::optional<std::string> failure;
    if (c.subject == Subject::header) {
      failure = check_header(c, r, vars);
    } else if (c.subject == Subject::body) {
      failure = check_body(c, r, vars);
    } else if (not_json) {
      failure = "the body is not JSON";
    } else {
      failure = check_value(c, find(json, c.path), vars);
    }
    if (failure) failures.push_back(where(c.line) + c.text + ": " + *failure);
  }
  return failures;
}

}  // namespace reskflow::testing::scenario
