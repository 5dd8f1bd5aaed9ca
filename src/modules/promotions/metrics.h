// Every metric the promotions module exports, declared in one place.
#pragma once

#include "reskflow/core/metrics.h"

namespace reskflow::promotions {

struct PromotionsMetrics {
  explicit PromotionsMetrics(metrics::Registry& r)
      : created(r.counter("promotions_created_total", "Promotions created")),
        redeemed(r.counter("promotions_redemptions_total", "Discounts redeemed by placed orders")),
        refused_codes(r.counter("promotions_codes_refused_total",
                                "Codes refused at quote or checkout (unknown, over, used up, "
                                "conditions not met)")),
        exhausted(r.counter("promotions_exhausted_total",
                            "Checkouts refused because a cap ran out between quote and order")),
        released(r.counter("promotions_redemptions_released_total",
                           "Redemptions given back when their order was called off or refunded")),
        funded(r.counter("promotions_redemptions_funded_total",
                         "Redemptions settled at delivery (platform-funded ones posted)")),
        events_rejected(r.counter("promotions_events_rejected_total",
                                  "Consumed events dropped for a malformed payload (logged)")) {}

  metrics::Counter& created;
  metrics::Counter& redeemed;
  metrics::Counter& refused_codes;
  metrics::Counter& exhausted;
  metrics::Counter& released;
  metrics::Counter& funded;
  metrics::Counter& events_rejected;
};

}  // namespace reskflow::promotions
