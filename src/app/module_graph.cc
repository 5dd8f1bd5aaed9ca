// Resolves the module table: a depth-first walk from the selected modules in table order, each
// module placed after everything it needs, with the path kept to name a cycle.
#include "module_graph.h"

#include <algorithm>
#include <cstdint>

namespace reskflow::app {
namespace {

enum class Mark : std::uint8_t { unvisited, on_path, placed };

class Resolver {
 public:
  Resolver(std::span<const ModuleNode> table, std::vector<bool> selected)
      : table_(table), selected_(std::move(selected)), marks_(table.size(), Mark::unvisited) {}

  Status visit(std::size_t i) {
    if (marks_[i] == Mark::placed) return {};
    marks_[i] = Mark::on_path;
    path_.push_back(table_[i].name);
    for (const auto need : table_[i].needs) {
      const auto j = index_of(need);
      if (j == table_.size()) return missing(table_[i].name, need);
      if (marks_[j] == Mark::on_path) return cycle(need);
      if (marks_[j] == Mark::unvisited && !selected_[j])
        plan_.added.push_back({table_[j].name, table_[i].name});
      if (auto ok = visit(j); !ok) return ok;
    }
    path_.pop_back();
    marks_[i] = Mark::placed;
    plan_.order.push_back(table_[i].name);
    return {};
  }

  std::size_t index_of(std::string_view name) const {
    const auto it = std::ranges::find(table_, name, &ModuleNode::name);
    return static_cast<std::size_t>(it - table_.begin());
  }

  ModulePlan take() { return std::move(plan_); }

 private:
  static Status missing(std::string_view module, std::string_view need) {
    auto message =
        std::string(module) + " needs " + std::string(need) + ", which this binary does not have";
    return fail(ErrorCode::validation_failed, message, {{"modules", message}});
  }

  Status cycle(std::string_view back_to) const {
    std::string message = "circular module dependency: ";
    const auto from = std::ranges::find(path_, back_to);
    for (auto it = from; it != path_.end(); ++it) message.append(*it).append(" -> ");
    message.append(back_to);
    return fail(ErrorCode::internal, message, {{"modules", message}});
  }

  std::span<const ModuleNode> table_;
  std::vector<bool> selected_;
  std::vector<Mark> marks_;
  std::vector<std::string_view> path_;
  ModulePlan plan_;
};

std::string known_names(std::span<const ModuleNode> table) {
  std::string names;
  for (const auto& m : table) names.append(names.empty() ? "" : ", ").append(m.name);
  return names;
}

}  // namespace

Result<ModulePlan> plan_modules(std::span<const ModuleNode> table,
                                std::span<const std::string> selected) {
  std::vector<bool> chosen(table.size(), selected.empty());
  for (const auto& name : selected) {
    const auto it = std::ranges::find(table, std::string_view(name), &ModuleNode::name);
    if (it == table.end()) {
      auto message = "unknown module " + name + " (" + known_names(table) + ")";
      return fail(ErrorCode::validation_failed, message, {{"modules", message}});
    }
    chosen[static_cast<std::size_t>(it - table.begin())] = true;
  }
  Resolver resolver(table, chosen);
  for (std::size_t i = 0; i < table.size(); ++i) {
    if (!chosen[i]) continue;
    if (auto ok = resolver.visit(i); !ok) return std::unexpected(ok.error());
  }
  return resolver.take();
}

}  // namespace reskflow::app
