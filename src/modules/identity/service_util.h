// Small helpers shared by the service files: row access.
#pragma once

#include <optional>
#include <string>
#include <utility>

#include <boost/json/value.hpp>

#include "reskflow/core/errors.h"
#include "reskflow/modules/utc_time.h"
#include "reskflow/store/database.h"

namespace reskflow::identity {

inline std::string text_or(const store::Row& row, std::size_t column, std::string fallback = {}) {
  auto v = row.optional_text(column);
  return v ? std::move(*v) : std::move(fallback);
}

// A nullable microsecond column as the API writes it: an ISO 8601 UTC time, or null.
inline boost::json::value time_or_null(const store::Row& row, std::size_t column) {
  if (row.is_null(column)) return nullptr;
  return boost::json::value(modules::iso_utc(row.int64(column)));
}

inline store::Value optional_value(const std::optional<std::string>& v) {
  if (!v) return store::null_value;
  return *v;
}

}  // namespace reskflow::identity
