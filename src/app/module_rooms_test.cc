// Every module folder has the rooms of docs/architecture.md's module checklist, read from the
// source tree: a new module that skips one, or a second fake of a module's interface, fails here.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "reskflow/testing/paths.h"

namespace reskflow::app {
namespace {

namespace fs = std::filesystem;

std::string text_of(const fs::path& file) {
  std::ifstream in(file);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

fs::path modules_dir() { return testing::source_dir() / "src" / "modules"; }

// The module folders: every folder of src/modules but common.
std::vector<std::string> module_names() {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(modules_dir())) {
    if (entry.is_directory() && entry.path().filename() != "common")
      names.push_back(entry.path().filename().string());
  }
  std::ranges::sort(names);
  return names;
}

// The module's own source files (not its tests, not testing/), directly in its folder, whose
// names start with `prefix`.
std::vector<fs::path> sources(const std::string& module, std::string_view prefix) {
  std::vector<fs::path> out;
  for (const auto& entry : fs::directory_iterator(modules_dir() / module)) {
    const auto name = entry.path().filename().string();
    const auto ext = entry.path().extension();
    if (entry.is_regular_file() && name.starts_with(prefix) && !name.ends_with("_test.cc") &&
        (ext == ".cc" || ext == ".h"))
      out.push_back(entry.path());
  }
  return out;
}

bool any_contains(const std::vector<fs::path>& files, std::string_view needle) {
  return std::ranges::any_of(
      files, [&](const fs::path& f) { return text_of(f).find(needle) != std::string::npos; });
}

bool has_sql_file(const fs::path& dir) {
  if (!fs::is_directory(dir)) return false;
  return std::ranges::any_of(fs::directory_iterator(dir), [](const fs::directory_entry& e) {
    return e.path().extension() == ".sql";
  });
}

TEST(ModuleRooms, EveryModuleHasTheRoomsEveryModuleHas) {
  const auto names = module_names();
  EXPECT_GE(names.size(), 20U);
  const auto table = text_of(testing::source_dir() / "src/app/platform.cc");
  const auto checklist = text_of(testing::source_dir() / "docs/architecture.md");
  for (const auto& m : names) {
    const auto dir = modules_dir() / m;
    SCOPED_TRACE(m);
    EXPECT_TRUE(fs::exists(dir / "include/reskflow" / m / (m + ".h")));
    for (const auto* room : {"module.h", "module.cc", "settings.h", "settings.cc", "metrics.h"})
      EXPECT_TRUE(fs::exists(dir / room)) << room;
    EXPECT_FALSE(sources(m, "routes").empty()) << "routes*.cc";
    EXPECT_FALSE(sources(m, "service").empty()) << "service*.cc";
    const auto cmake = text_of(dir / "CMakeLists.txt");
    EXPECT_TRUE(std::regex_search(cmake, std::regex("add_library\\(reskflow_" + m + "\\s")));
    EXPECT_NE(cmake.find("reskflow_add_test(" + m + "_test"), std::string::npos);
    EXPECT_NE(table.find("{{\"" + m + "\", {"), std::string::npos) << "no row in platform.cc";
    EXPECT_NE(checklist.find("{{\"" + m + "\", {"), std::string::npos)
        << "no row in docs/architecture.md";
  }
}

TEST(ModuleRooms, ServicesHoldNoJsonAndNoSql) {
  const std::regex sql(R"("\s*(SELECT|INSERT INTO|UPDATE \w+ SET|DELETE FROM)\b)");
  for (const auto& m : module_names()) {
    for (const auto& file : sources(m, "service")) {
      const auto text = text_of(file);
      EXPECT_EQ(text.find("boost/json"), std::string::npos) << file;
      EXPECT_EQ(text.find("boost::json"), std::string::npos) << file;
      EXPECT_FALSE(std::regex_search(text, sql)) << file;
    }
  }
}

TEST(ModuleRooms, PublishersHaveEventsAndTablesHaveMigrations) {
  for (const auto& m : module_names()) {
    SCOPED_TRACE(m);
    const auto dir = modules_dir() / m;
    const bool publishes = any_contains(sources(m, ""), "bus::publish(");
    EXPECT_EQ(fs::exists(dir / "include/reskflow" / m / "events.h"), publishes)
        << "a module that publishes names its events in events.h, and only then";
    const bool has_repository = !sources(m, "repository").empty();
    EXPECT_EQ(has_sql_file(dir / "migrations"), has_repository)
        << "a repository's tables come from the module's migrations/";
  }
}

// The abstract classes of a module's public header: those with a pure virtual function.
std::set<std::string> interfaces_of(const std::string& module) {
  const auto text = text_of(modules_dir() / module / "include/reskflow" / module / (module + ".h"));
  const std::regex head(R"(\nclass (\w+)[^;{]*\{)");
  std::set<std::string> out;
  for (std::sregex_iterator it(text.begin(), text.end(), head), end; it != end; ++it) {
    const auto body_start = static_cast<std::size_t>(it->position() + it->length());
    const auto body_end = text.find("\n};", body_start);
    if (text.substr(body_start, body_end - body_start).find(") = 0;") != std::string::npos)
      out.insert((*it)[1]);
  }
  return out;
}

// Whether `text` derives a class from `name` ("public Name" or "public owner::Name").
bool derives_from(const std::string& text, const std::string& owner, const std::string& name) {
  for (const auto& base : {"public " + name, "public " + owner + "::" + name}) {
    for (auto at = text.find(base); at != std::string::npos; at = text.find(base, at + 1)) {
      const auto next = at + base.size();
      if (next == text.size() ||
          (std::isalnum(static_cast<unsigned char>(text[next])) == 0 && text[next] != '_'))
        return true;
    }
  }
  return false;
}

TEST(ModuleRooms, OnlyTheOwnerAndItsTestingTargetImplementItsInterface) {
  struct File {
    std::string module;
    fs::path path;
    std::string text;
  };
  std::vector<File> files;
  const auto names = module_names();
  for (const auto& m : names) {
    for (const auto& entry : fs::recursive_directory_iterator(modules_dir() / m)) {
      const auto ext = entry.path().extension();
      if (entry.is_regular_file() && (ext == ".h" || ext == ".cc"))
        files.push_back({m, entry.path(), text_of(entry.path())});
    }
  }
  std::size_t interfaces = 0;
  for (const auto& owner : names) {
    for (const auto& interface : interfaces_of(owner)) {
      ++interfaces;
      for (const auto& file : files) {
        EXPECT_TRUE(file.module == owner || !derives_from(file.text, owner, interface))
            << file.path << " implements " << owner << "::" << interface << ": use reskflow_"
            << owner << "_testing instead";
      }
    }
  }
  EXPECT_GE(interfaces, 10U);
}

// The names of the `int64_t …_minor` fields and parameters declared in a header's text.
std::vector<std::string> minor_fields(const std::string& text) {
  const std::regex field(R"(\bint64_t\s+(\w*_minor)\b)");
  std::vector<std::string> out;
  for (std::sregex_iterator it(text.begin(), text.end(), field), end; it != end; ++it)
    out.push_back((*it)[1]);
  return out;
}

TEST(ModuleRooms, TheMoneyRuleFindsARawAmount) {
  EXPECT_EQ(minor_fields("struct Line {\n  std::int64_t total_minor = 0;\n  int64_t tip_minor;\n"
                         "  modules::Money price;\n  std::int64_t tax_rate_bp = 1000;\n};"),
            (std::vector<std::string>{"total_minor", "tip_minor"}));
}

// Amounts travel as modules::Money, which carries its currency. The few raw minor-unit integers
// left in module headers, each with the reason no Money fits it ("<path under src/modules>:
// <name>").
const std::map<std::string, std::string>& raw_amounts_allowed() {
  static const std::string any_currency =
      "a setting in minor units of whichever currency the order or account is in: one "
      "deployment serves several currencies";
  static const std::string profile_currency =
      "in the currency the merchant's profile holds once for the whole menu; an owner may change "
      "it apart from the amounts";
  static const std::string request_currency =
      "the caller's request names no currency: the service applies the order's";
  static const std::map<std::string, std::string> allowed{
      {"catalog/include/reskflow/catalog/catalog.h:minimum_order_minor", profile_currency},
      {"catalog/model.h:price_minor", profile_currency},
      {"catalog/model.h:price_delta_minor", profile_currency},
      {"catalog/testing/fake_catalog.h:price_minor", profile_currency},
      {"catalog/testing/fake_catalog.h:delta_minor", profile_currency},
      {"deliveries/record.h:earnings_minor",
       "an offer row keeps the minor units alone; OfferView pairs it with its delivery's "
       "currency"},
      {"deliveries/settings.h:high_value_minor", any_currency},
      {"deliveries/settings.h:base_earnings_minor", any_currency},
      {"deliveries/settings.h:per_km_earnings_minor", any_currency},
      {"ledger/service.h:minimum_minor", any_currency},
      {"ledger/settings.h:payout_minimum_minor", any_currency},
      {"orders/pricing.h:fee_minor", any_currency},
      {"orders/pricing.h:service_fee_min_minor", any_currency},
      {"orders/pricing.h:service_fee_max_minor", any_currency},
      {"orders/pricing.h:small_order_fee_minor", any_currency},
      {"orders/service.h:tip_minor", request_currency},
      {"quality/service.h:amount_minor", request_currency},
  };
  return allowed;
}

TEST(ModuleRooms, HeadersCarryAmountsAsMoney) {
  std::set<std::string> seen;
  for (const auto& m : module_names()) {
    for (const auto& entry : fs::recursive_directory_iterator(modules_dir() / m)) {
      if (!entry.is_regular_file() || entry.path().extension() != ".h") continue;
      const auto path = fs::relative(entry.path(), modules_dir()).generic_string();
      for (const auto& name : minor_fields(text_of(entry.path()))) {
        const auto key = path + ":" + name;
        seen.insert(key);
        EXPECT_TRUE(raw_amounts_allowed().contains(key))
            << key << " is an amount as a raw integer: make it a modules::Money "
            << "(reskflow/modules/money.h), or rename what is not money";
      }
    }
  }
  for (const auto& [key, reason] : raw_amounts_allowed())
    EXPECT_TRUE(seen.contains(key)) << key << " is gone: take it off the list";
}

// The text with comments and string and character literals blanked, newlines kept: what a rule
// about code reads. A quote after a digit is a digit separator (100'000), not a character.
std::string code_of(const std::string& text) {
  std::string out = text;
  const auto blank = [&](std::size_t from, std::size_t to) {
    for (auto i = from; i < std::min(to, out.size()); ++i)
      if (out[i] != '\n') out[i] = ' ';
  };
  const auto word = [&](std::size_t i) {
    return i > 0 &&
           (std::isalnum(static_cast<unsigned char>(text[i - 1])) != 0 || text[i - 1] == '_');
  };
  for (std::size_t i = 0; i < text.size();) {
    std::size_t end = i + 1;
    if (text.compare(i, 2, "//") == 0) {
      end = std::min(text.find('\n', i), text.size());
    } else if (text.compare(i, 2, "/*") == 0) {
      end = std::min(text.find("*/", i + 2), text.size() - 2) + 2;
    } else if (text.compare(i, 2, "R\"") == 0 && !word(i)) {
      const auto open = text.find('(', i);
      const auto close = ")" + text.substr(i + 2, open - i - 2) + "\"";
      end = std::min(text.find(close, open), text.size() - close.size()) + close.size();
    } else if (text[i] == '"' || (text[i] == '\'' && !word(i))) {
      end = i + 1;
      while (end < text.size() && text[end] != text[i])
        end += text[end] == '\\' ? std::size_t{2} : std::size_t{1};
      ++end;
    } else {
      ++i;
      continue;
    }
    blank(i, end);
    i = end;
  }
  return out;
}

bool identifier_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_';
}

std::size_t skip_space_back(const std::string& code, std::size_t at) {
  while (at > 0 && std::isspace(static_cast<unsigned char>(code[at - 1])) != 0) --at;
  return at;
}

// Where the member access chain that ends at `at` begins: `(*room)[i].amount` from `amount`.
std::size_t chain_start(const std::string& code, std::size_t at) {
  for (;;) {
    auto p = skip_space_back(code, at);
    if (p >= 1 && code[p - 1] == '.') {
      p -= 1;
    } else if (p >= 2 && (code.compare(p - 2, 2, "->") == 0 || code.compare(p - 2, 2, "::") == 0)) {
      p -= 2;
    } else {
      return at;
    }
    p = skip_space_back(code, p);
    while (p > 0 && (code[p - 1] == ')' || code[p - 1] == ']')) {
      const char close = code[p - 1];
      const char open = close == ')' ? '(' : '[';
      int depth = 0;
      do {
        --p;
        if (code[p] == close) ++depth;
        if (code[p] == open) --depth;
      } while (p > 0 && depth > 0);
    }
    while (p > 0 && identifier_char(code[p - 1])) --p;
    at = p;
  }
}

// The lines on which an `amount_minor` is an operand of + - * / (or of their assignments, or a
// unary minus): arithmetic that wraps around instead of refusing mixed currencies and overflow.
std::vector<int> raw_amount_arithmetic(const std::string& text) {
  const auto code = code_of(text);
  constexpr std::string_view name = "amount_minor";
  constexpr std::string_view operators = "+-*/";
  std::vector<int> out;
  for (auto at = code.find(name); at != std::string::npos; at = code.find(name, at + 1)) {
    const auto end = at + name.size();
    if ((at > 0 && identifier_char(code[at - 1])) ||
        (end < code.size() && identifier_char(code[end])))
      continue;
    const auto before = skip_space_back(code, chain_start(code, at));
    const char left = before > 0 ? code[before - 1] : ' ';
    // A `*` counts when it multiplies, not when it reads through a pointer or an optional.
    const auto operand_end = skip_space_back(code, before > 0 ? before - 1 : 0);
    const bool multiplies = left == '*' && operand_end > 0 &&
                            (identifier_char(code[operand_end - 1]) ||
                             code[operand_end - 1] == ')' || code[operand_end - 1] == ']');
    const bool operator_before =
        (left == '*' ? multiplies : operators.find(left) != std::string_view::npos) ||
        (left == '=' && before > 1 && operators.find(code[before - 2]) != std::string_view::npos);
    const auto next = code.find_first_not_of(" \t\n", end);
    const bool operator_after =
        next != std::string::npos && operators.find(code[next]) != std::string_view::npos;
    if (operator_before || operator_after)
      out.push_back(static_cast<int>(std::count(
                        code.begin(), code.begin() + static_cast<std::ptrdiff_t>(at), '\n')) +
                    1);
  }
  return out;
}

TEST(ModuleRooms, TheArithmeticRuleFindsRawSumsOfAmounts) {
  EXPECT_EQ(raw_amount_arithmetic("a = x.amount_minor + 1;\n"
                                  "b = -s.merchant.amount_minor;\n"
                                  "sum.amount_minor += 2;\n"
                                  "c = 3 * (*room)[i]->amount_minor;\n"
                                  "d -= f(x).amount_minor;\n"),
            (std::vector<int>{1, 2, 3, 4, 5}));
  EXPECT_TRUE(
      raw_amount_arithmetic(
          "if (a.amount_minor <= b->amount_minor && c.amount_minor >= 0) return;\n"
          "out = {{\"amount_minor\", m.amount_minor}};  // a.amount_minor + 1\n"
          "f(std::max<std::int64_t>(x.amount_minor, 0), 100'000) + g(y.amount_minor);\n"
          "s = \"a.amount_minor - 1\" + std::to_string(z.amount_minor) + R\"(-x.amount_minor)\";\n"
          "/* total.amount_minor * 2 */ q = w.tip_minor + v.price_minor;\n"
          "plan.price.amount_minor = *change.amount_minor;\n")
          .empty());
}

// Amounts are added, subtracted, multiplied and negated by money.h's checked operations, so a
// sum that would overflow or mix currencies is an error, never a wrapped number.
TEST(ModuleRooms, AmountsAreComputedOnlyWithMoneysCheckedOperations) {
  for (const auto& m : module_names()) {
    for (const auto& entry : fs::recursive_directory_iterator(modules_dir() / m)) {
      const auto file = entry.path().filename().string();
      const auto ext = entry.path().extension();
      if (!entry.is_regular_file() || file.ends_with("_test.cc") || (ext != ".cc" && ext != ".h"))
        continue;
      for (const auto line : raw_amount_arithmetic(text_of(entry.path())))
        ADD_FAILURE() << fs::relative(entry.path(), modules_dir()).generic_string() << ":" << line
                      << " computes on amount_minor: use modules::add, subtract, multiply, negate "
                      << "or sum_of (reskflow/modules/money.h)";
    }
  }
}

}  // namespace
}  // namespace reskflow::app
