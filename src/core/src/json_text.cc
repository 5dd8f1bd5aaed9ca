// The JSON writer behind json::serialize: Boost.JSON's output with shortest round-trip doubles.
#include "reskflow/core/json_text.h"

#include <boost/json/value.hpp>
#include <charconv>
#include <cmath>
#include <string_view>

namespace reskflow::json {
namespace {

void write_string(std::string& out, std::string_view s) {
  constexpr std::string_view hex = "0123456789abcdef";
  out.push_back('"');
  std::size_t plain_from = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out.append(s.substr(plain_from, i - plain_from));
    plain_from = i + 1;
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        out += "\\u00";
        out.push_back(hex[c >> 4U]);
        out.push_back(hex[c & 0xFU]);
    }
  }
  out.append(s.substr(plain_from));
  out.push_back('"');
}

template <class Number>
void write_integer(std::string& out, Number n) {
  char buffer[24];
  const auto end = std::to_chars(buffer, buffer + sizeof buffer, n).ptr;
  out.append(buffer, end);
}

void write_double(std::string& out, double d) {
  if (!std::isfinite(d)) {
    out += "null";
    return;
  }
  char buffer[32];
  const auto end = std::to_chars(buffer, buffer + sizeof buffer, d).ptr;
  const std::string_view text(buffer, static_cast<std::size_t>(end - buffer));
  out += text;
  if (text.find_first_of(".e") == std::string_view::npos) out += ".0";
}

void write_object(std::string& out, const boost::json::object& object) {
  out.push_back('{');
  bool first = true;
  for (const auto& [key, member] : object) {
    if (!first) out.push_back(',');
    first = false;
    write_string(out, key);
    out.push_back(':');
    serialize_to(out, member);
  }
  out.push_back('}');
}

void write_array(std::string& out, const boost::json::array& array) {
  out.push_back('[');
  bool first = true;
  for (const auto& element : array) {
    if (!first) out.push_back(',');
    first = false;
    serialize_to(out, element);
  }
  out.push_back(']');
}

}  // namespace

void serialize_to(std::string& out, const boost::json::value& value) {
  switch (value.kind()) {
    case boost::json::kind::null: out += "null"; break;
    case boost::json::kind::bool_: out += value.get_bool() ? "true" : "false"; break;
    case boost::json::kind::int64: write_integer(out, value.get_int64()); break;
    case boost::json::kind::uint64: write_integer(out, value.get_uint64()); break;
    case boost::json::kind::double_: write_double(out, value.get_double()); break;
    case boost::json::kind::string: write_string(out, value.get_string()); break;
    case boost::json::kind::array: write_array(out, value.get_array()); break;
    case boost::json::kind::object: write_object(out, value.get_object()); break;
  }
}

std::string serialize(const boost::json::value& value) {
  std::string out;
  serialize_to(out, value);
  return out;
}

std::string serialize(const boost::json::object& object) {
  std::string out;
  write_object(out, object);
  return out;
}

std::string serialize(const boost::json::array& array) {
  std::string out;
  write_array(out, array);
  return out;
}

}  // namespace reskflow::json
