// RESKFLOW_CATALOG_* settings with their bounds; the availability cache may not outlive the
// menu cache.
#include "settings.h"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

#include "reskflow/modules/settings.h"

namespace reskflow::catalog {

Result<CatalogSettings> load_settings(const std::map<std::string, std::string>& environment) {
  modules::Settings s("catalog", environment);
  CatalogSettings out;
  auto& c = out.cache;
  c.structure_ttl_ms = std::chrono::seconds(s.integer("MENU_CACHE_S", 300, 1, 3600));
  c.rendered_ttl_ms = std::chrono::seconds(s.integer("AVAILABILITY_CACHE_S", 60, 1, 300));
  c.entries_max = static_cast<std::size_t>(
      s.integer("CACHE_ENTRIES_MAX", static_cast<std::int64_t>(c.entries_max), 10, 1'000'000));
  std::vector<FieldError> errors;
  if (auto ok = s.finish(); !ok) errors = ok.error().fields;
  if (c.rendered_ttl_ms > c.structure_ttl_ms)
    errors.push_back(
        {"RESKFLOW_CATALOG_AVAILABILITY_CACHE_S", "must not exceed RESKFLOW_CATALOG_MENU_CACHE_S"});
  if (!errors.empty())
    return fail(ErrorCode::validation_failed, "invalid module settings", std::move(errors));
  return out;
}

}  // namespace reskflow::catalog
