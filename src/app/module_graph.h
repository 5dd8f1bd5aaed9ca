// The modules a binary is made of and the public interfaces each one needs, resolved into the
// order they are built and started in (they stop in reverse).
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "reskflow/core/errors.h"

namespace reskflow::app {

// One row of the composition root's table: a module and the modules whose public interfaces
// its factory takes (the fields of its Deps struct).
struct ModuleNode {
  std::string_view name;
  std::vector<std::string_view> needs;
};

// A module started without being selected, because `needed_by` needs it.
struct AddedModule {
  std::string_view module;
  std::string_view needed_by;
};

struct ModulePlan {
  std::vector<std::string_view> order;  // every module to start, each after what it needs
  std::vector<AddedModule> added;       // in the order they were found
};

// The start order of `selected` (empty: every module of the table) and of everything they need,
// directly or not. Among modules that do not depend on each other, the table's order holds.
// Fails naming the module when a selected one is unknown (validation_failed), when a module
// needs one the table does not have (validation_failed: "orders needs payments, which this
// binary does not have") or when dependencies go round in a circle (internal: "circular module
// dependency: a -> b -> a").
Result<ModulePlan> plan_modules(std::span<const ModuleNode> table,
                                std::span<const std::string> selected);

}  // namespace reskflow::app
