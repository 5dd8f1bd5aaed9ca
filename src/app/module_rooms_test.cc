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

}  // namespace
}  // namespace reskflow::app
