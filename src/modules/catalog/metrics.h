// Every metric the catalog module exports, declared in one place.
#pragma once

#include "reskflow/core/metrics.h"

namespace reskflow::catalog {

struct CatalogMetrics {
  explicit CatalogMetrics(metrics::Registry& r)
      : menu_cache_hits(r.counter("catalog_menu_requests_total",
                                  "GET menu requests by where the answer came from",
                                  {{"cache", "hit"}})),
        menu_cache_misses(r.counter("catalog_menu_requests_total",
                                    "GET menu requests by where the answer came from",
                                    {{"cache", "miss"}})),
        invalidations_local(r.counter("catalog_menu_cache_invalidations_total",
                                      "Cached menus dropped after a change",
                                      {{"source", "local"}})),
        invalidations_event(r.counter("catalog_menu_cache_invalidations_total",
                                      "Cached menus dropped after a change",
                                      {{"source", "event"}})),
        merchant_changes(r.counter("catalog_changes_total", "Committed catalog changes",
                                   {{"kind", "merchant"}})),
        menu_changes(
            r.counter("catalog_changes_total", "Committed catalog changes", {{"kind", "menu"}})),
        suspensions(r.counter("catalog_admin_actions_total", "Audited administrator actions",
                              {{"action", "suspend"}})),
        reinstatements(r.counter("catalog_admin_actions_total", "Audited administrator actions",
                                 {{"action", "reinstate"}})),
        lines_priced(r.counter("catalog_price_lines_total", "Cart lines priced against menus",
                               {{"outcome", "priced"}})),
        lines_refused(r.counter("catalog_price_lines_total", "Cart lines priced against menus",
                                {{"outcome", "refused"}})) {}

  metrics::Counter& menu_cache_hits;
  metrics::Counter& menu_cache_misses;
  metrics::Counter& invalidations_local;
  metrics::Counter& invalidations_event;
  metrics::Counter& merchant_changes;
  metrics::Counter& menu_changes;
  metrics::Counter& suspensions;
  metrics::Counter& reinstatements;
  metrics::Counter& lines_priced;
  metrics::Counter& lines_refused;
};

}  // namespace reskflow::catalog
