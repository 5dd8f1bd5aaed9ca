// Small helpers shared by the service files: row access.
#pragma once

#include <optional>
#include <string>
#include <utility>

#include "reskflow/core/errors.h"
#include "reskflow/store/database.h"

namespace reskflow::identity {

inline std::string text_or(const store::Row& row, std::size_t column, std::string fallback = {}) {
  auto v = row.optional_text(column);
  return v ? std::move(*v) : std::move(fallback);
}

inline store::Value optional_value(const std::optional<std::string>& v) {
  if (!v) return store::null_value;
  return *v;
}

}  // namespace reskflow::identity
