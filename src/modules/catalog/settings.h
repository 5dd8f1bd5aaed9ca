// The catalog module's typed settings (RESKFLOW_CATALOG_*): how long the menu caches keep a
// merchant's menu and its rendered response, and the cache control sent with menus.
#pragma once

#include <map>
#include <string>

#include "menu_cache.h"
#include "reskflow/core/errors.h"

namespace reskflow::catalog {

struct CatalogSettings {
  MenuCacheLimits cache;
  // Cache control sent with menus: clients revalidate with the ETag on every use.
  std::string menu_cache_control = "public, no-cache";
};

// Reads RESKFLOW_CATALOG_* from `environment`; unknown keys and bad values are refused.
Result<CatalogSettings> load_settings(const std::map<std::string, std::string>& environment);

}  // namespace reskflow::catalog
