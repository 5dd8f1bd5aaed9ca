// Parses API scenario files (scenario.h): directives, requests and their checks, with every
// mistake reported as "file:line: ..." before anything runs.
#include <boost/json.hpp>
#include <charconv>
#include <cstdint>
#include <optional>
#include <regex>
#include <set>

#include "reskflow/core/http.h"
#include "scenario.h"

namespace reskflow::testing::scenario {
namespace {

const std::set<std::string, std::less<>> methods = {"GET",   "POST",   "PUT",
                                                    "PATCH", "DELETE", "HEAD"};
const std::set<std::string, std::less<>> types = {"string", "number", "integer", "boolean",
                                                  "null",   "array",  "object"};
const std::set<std::string, std::less<>> comparisons = {"==", "!=", "<", "<=", ">", ">="};
const std::regex identifier("[A-Za-z_][A-Za-z0-9_]*");
const std::regex header_line(R"(([A-Za-z0-9-]+):\s*(.*))");

std::string_view trim(std::string_view s) {
  const auto first = s.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  return s.substr(first, s.find_last_not_of(" \t") - first + 1);
}

// Splits off the first word of `s`: {word, the rest trimmed}.
std::pair<std::string_view, std::string_view> first_word(std::string_view s) {
  s = trim(s);
  const auto space = s.find_first_of(" \t");
  if (space == std::string_view::npos) return {s, {}};
  return {s.substr(0, space), trim(s.substr(space))};
}

bool is_identifier(std::string_view s) { return std::regex_match(s.begin(), s.end(), identifier); }

// Parses `$`, `$.a.b`, `$.data[0]`, `$.lines[-1].id`; nullopt if malformed.
std::optional<std::vector<PathStep>> parse_path(std::string_view text) {
  if (!text.starts_with('$')) return std::nullopt;
  std::vector<PathStep> out;
  std::size_t at = 1;
  while (at < text.size()) {
    if (text[at] == '.') {
      const auto end = text.find_first_of(".[", at + 1);
      const auto key = text.substr(at + 1, end == std::string_view::npos ? end : end - at - 1);
      if (key.empty()) return std::nullopt;
      out.push_back({std::string(key), std::nullopt});
      at = end == std::string_view::npos ? text.size() : end;
    } else if (text[at] == '[') {
      const auto close = text.find(']', at);
      if (close == std::string_view::npos) return std::nullopt;
      std::int64_t index = 0;
      const auto digits = text.substr(at + 1, close - at - 1);
      const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), index);
      if (ec != std::errc() || end != digits.data() + digits.size()) return std::nullopt;
      out.push_back({{}, index});
      at = close + 1;
    } else {
      return std::nullopt;
    }
  }
  return out;
}

class Parser {
 public:
  Parser(std::string_view text, std::string file) : file_(std::move(file)) {
    for (std::size_t start = 0; start <= text.size();) {
      auto end = text.find('\n', start);
      if (end == std::string_view::npos) end = text.size();
      auto line = text.substr(start, end - start);
      if (line.ends_with('\r')) line.remove_suffix(1);
      lines_.emplace_back(line);
      start = end + 1;
    }
    out_.file = file_;
  }

  Scenario parse() {
    while (next_ < lines_.size()) {
      const int number = static_cast<int>(++next_);
      const auto line = trim(lines_[next_ - 1]);
      if (line.empty() || line.starts_with('#')) continue;
      const auto [word, rest] = first_word(line);
      if (word == "env") {
        env(number, rest);
      } else if (word == "let") {
        let(number, rest);
      } else if (word == "admin") {
        admin(number, rest);
      } else if (methods.contains(word)) {
        out_.steps.emplace_back(request(number, word, rest));
      } else if (word == "eventually") {
        const auto [method, target] = first_word(rest);
        if (!methods.contains(method)) fail(number, "expected `eventually GET /path`");
        auto r = request(number, method, target);
        r.eventually = true;
        out_.steps.emplace_back(std::move(r));
      } else {
        fail(number, "unknown directive `" + std::string(word) +
                         "`: expected a request (`GET /v1/...`), eventually, env, let or admin");
      }
    }
    return std::move(out_);
  }

 private:
  [[noreturn]] void fail(int line, const std::string& what) const {
    throw ParseError(file_ + ":" + std::to_string(line) + ": " + what);
  }

  // Every {{name}} in `text` must have been captured or set by an earlier line.
  void require_known(int line, std::string_view text) const {
    for (auto open = text.find("{{"); open != std::string_view::npos;
         open = text.find("{{", open + 2)) {
      const auto close = text.find("}}", open);
      if (close == std::string_view::npos) fail(line, "`{{` without a closing `}}`");
      const auto name = trim(text.substr(open + 2, close - open - 2));
      if (!is_identifier(name)) fail(line, "`{{" + std::string(name) + "}}` is not a name");
      if (!known_.contains(name))
        fail(line, "{{" + std::string(name) +
                       "}} is not captured by an earlier step (capture it with `-> " +
                       std::string(name) + "`, or set it with let)");
    }
  }

  // `text` with each placeholder replaced by `stand_in`, to validate JSON and regexes early.
  static std::string placeholders(std::string_view text, std::string_view stand_in) {
    return std::regex_replace(std::string(text), std::regex(R"(\{\{[^}]*\}\})"),
                              std::string(stand_in));
  }

  void define(int line, std::string_view name) {
    if (!is_identifier(name)) fail(line, "`" + std::string(name) + "` is not a name");
    known_.emplace(name);
  }

  void env(int line, std::string_view rest) {
    if (!out_.steps.empty()) fail(line, "env must come before the first step");
    const auto eq = rest.find('=');
    if (eq == std::string_view::npos || eq == 0) fail(line, "expected `env NAME=value`");
    out_.env[std::string(rest.substr(0, eq))] = std::string(rest.substr(eq + 1));
  }

  void let(int line, std::string_view rest) {
    const auto eq = rest.find('=');
    if (eq == std::string_view::npos) fail(line, "expected `let name = value`");
    const auto value = trim(rest.substr(eq + 1));
    require_known(line, value);
    const auto name = trim(rest.substr(0, eq));
    define(line, name);
    out_.steps.emplace_back(Let{line, std::string(name), std::string(value)});
  }

  void admin(int line, std::string_view rest) {
    const auto arrow = rest.find("->");
    if (arrow == std::string_view::npos) fail(line, "expected `admin email -> name`");
    const auto email = trim(rest.substr(0, arrow));
    const auto name = trim(rest.substr(arrow + 2));
    if (email.empty()) fail(line, "expected `admin email -> name`");
    define(line, name);
    out_.steps.emplace_back(Admin{line, std::string(email), std::string(name)});
  }

  Request request(int line, std::string_view method, std::string_view target);
  void request_headers_and_body(Request& r);
  void expected_status(Request& r);
  Check check(int line, std::string_view text);
  void operation(Check& c, std::string_view op, std::string_view operand);

  std::string file_;
  std::vector<std::string> lines_;
  std::size_t next_ = 0;  // index of the next line to read
  std::set<std::string, std::less<>> known_;
  Scenario out_;
};

Request Parser::request(int line, std::string_view method, std::string_view target) {
  Request r;
  r.line = line;
  r.method = method;
  r.target = target;
  if (!target.starts_with('/') || target.find_first_of(" \t") != std::string_view::npos)
    fail(line, "expected `" + std::string(method) + " /path`");
  require_known(line, target);
  request_headers_and_body(r);
  expected_status(r);
  while (next_ < lines_.size()) {
    const int number = static_cast<int>(++next_);
    const auto text = trim(lines_[next_ - 1]);
    if (text.empty()) break;
    if (text.starts_with('#')) continue;
    r.checks.push_back(check(number, text));
  }
  return r;
}

// The bytes of standard base64 text (padding optional), or nullopt.
std::optional<std::string> base64_decode(std::string_view text) {
  constexpr std::string_view alphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  std::uint32_t bits = 0;
  int count = 0;
  for (const char c : text) {
    if (c == '=') break;
    const auto at = alphabet.find(c);
    if (at == std::string_view::npos) return std::nullopt;
    bits = (bits << 6) | static_cast<std::uint32_t>(at);
    count += 6;
    if (count >= 8) {
      count -= 8;
      out.push_back(static_cast<char>((bits >> count) & 0xFF));
    }
  }
  return out;
}

// Header lines, then an optional body, up to the `----` line.
void Parser::request_headers_and_body(Request& r) {
  int body_line = 0;
  while (next_ < lines_.size()) {
    const int number = static_cast<int>(++next_);
    const auto& raw = lines_[next_ - 1];
    const auto text = trim(raw);
    if (text == "----") {
      if (body_line == 0 || !r.json_body) return;
      const auto json = placeholders(r.body, "0");
      boost::system::error_code ec;
      boost::json::parse(json, ec);
      if (ec) fail(body_line, "the body is not JSON (" + ec.message() + ")");
      return;
    }
    std::smatch m;
    if (body_line == 0 && (text.empty() || text.starts_with('#'))) continue;
    if (body_line == 0 && std::regex_match(raw, m, header_line)) {
      require_known(number, raw);
      if (http::iequals(m[1].str(), "Content-Type")) r.json_body = false;
      r.headers.emplace_back(m[1], m[2]);
      continue;
    }
    if (body_line == 0) body_line = number;
    require_known(number, raw);
    if (!r.json_body && r.body.empty() && text.starts_with("base64 ")) {
      const auto bytes = base64_decode(trim(text.substr(7)));
      if (!bytes) fail(number, "the base64 body is not base64");
      r.body = *bytes;
      continue;
    }
    r.body += raw + "\n";
  }
  fail(r.line, "the request has no `----` line before its expected status");
}

void Parser::expected_status(Request& r) {
  while (next_ < lines_.size()) {
    const int number = static_cast<int>(++next_);
    const auto text = trim(lines_[next_ - 1]);
    if (text.starts_with('#')) continue;
    int status = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), status);
    if (ec != std::errc() || end != text.data() + text.size() || status < 100 || status > 599)
      fail(number,
           "expected the answer's status (e.g. 200) after `----`, not `" + std::string(text) + "`");
    r.status = status;
    return;
  }
  fail(r.line, "the request has no expected status after `----`");
}

Check Parser::check(int line, std::string_view text) {
  Check c;
  c.line = line;
  c.text = text;
  auto [subject, rest] = first_word(text);
  if (subject == "header") {
    c.subject = Subject::header;
    std::tie(subject, rest) = first_word(rest);
    if (subject.empty()) fail(line, "expected `header Name ...`");
    c.header = subject;
  } else if (subject == "body") {
    c.subject = Subject::body;
  } else if (auto path = parse_path(subject)) {
    c.path = std::move(*path);
  } else {
    fail(line, "unknown check `" + std::string(subject) +
                   "`: a check starts with a JSON path ($.field), `header` or `body`");
  }
  const auto [op, operand] = first_word(rest);
  operation(c, op, operand);
  return c;
}

void Parser::operation(Check& c, std::string_view op, std::string_view operand) {
  const int line = c.line;
  const auto allow = [&](bool allowed) {
    if (!allowed) fail(line, "`" + std::string(op) + "` does not apply to this subject");
  };
  c.operand = operand;
  if (op == "==" || op == "!=") {
    allow(c.subject != Subject::body);
    c.op = op == "==" ? Op::equals : Op::not_equals;
    require_known(line, operand);
    boost::system::error_code ec;
    if (c.subject == Subject::json) boost::json::parse(placeholders(operand, "0"), ec);
    if (ec || operand.empty()) fail(line, "expected a JSON value after " + std::string(op));
  } else if (op == "~") {
    c.op = Op::matches;
    require_known(line, operand);
    try {
      std::regex(placeholders(operand, "x"));
    } catch (const std::regex_error& e) {
      fail(line, "bad regular expression: " + std::string(e.what()));
    }
  } else if (op == "exists" || op == "absent" || op == "empty") {
    allow(op == "empty" ? c.subject == Subject::body : c.subject != Subject::body);
    c.op = op == "exists" ? Op::exists : op == "absent" ? Op::absent : Op::empty;
    if (!operand.empty()) fail(line, "nothing may follow `" + std::string(op) + "`");
  } else if (op == "is") {
    allow(c.subject == Subject::json);
    c.op = Op::is_type;
    if (!types.contains(operand))
      fail(line, "unknown type `" + std::string(operand) +
                     "`: string, number, integer, boolean, null, array or object");
  } else if (op == "length") {
    allow(c.subject == Subject::json);
    c.op = Op::length;
    const auto [comparison, count] = first_word(operand);
    const auto [end, ec] = std::from_chars(count.data(), count.data() + count.size(), c.count);
    if (!comparisons.contains(comparison) || ec != std::errc() ||
        end != count.data() + count.size())
      fail(line, "expected `length == N` (or !=, <, <=, >, >=)");
    c.operand = comparison;
  } else if (op == "->") {
    allow(c.subject != Subject::body);
    c.op = Op::capture;
    define(line, operand);
  } else {
    fail(line, "unknown assertion `" + std::string(op) +
                   "`: expected ==, !=, ~, exists, absent, is, length, empty or ->");
  }
}

}  // namespace

Scenario parse(std::string_view text, const std::string& file) {
  return Parser(text, file).parse();
}

}  // namespace reskflow::testing::scenario
