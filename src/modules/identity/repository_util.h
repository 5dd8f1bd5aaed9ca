// Small helpers shared by identity's repository files: optional parameters and row access.
#pragma once

#include <optional>
#include <string>
#include <utility>

#include "reskflow/store/database.h"

namespace reskflow::identity::repository {

inline store::Value optional_value(const std::optional<std::string>& v) {
  if (!v) return store::null_value;
  return *v;
}

inline std::string text_or(const store::Row& row, std::size_t column, std::string fallback = {}) {
  auto v = row.optional_text(column);
  return v ? std::move(*v) : std::move(fallback);
}

// The first row's first column, or nullopt when there is no row.
inline std::optional<std::string> first_text(const store::Rows& rows) {
  if (rows.empty()) return std::nullopt;
  return rows.front().text(0);
}

}  // namespace reskflow::identity::repository
