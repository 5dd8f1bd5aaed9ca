// The reviews module: ratings and reviews of merchants and items by customers with a delivered
// order; it consumes orders.order.delivered (eligibility) and identity.user.erased
// (anonymisation) and publishes reviews.rating.updated.
#pragma once

#include "metrics.h"
#include "reskflow/reviews/reviews.h"
#include "service.h"

namespace reskflow::reviews {

class ReviewsModuleImpl final : public ReviewsModule, public Reviews {
 public:
  ReviewsModuleImpl(const modules::Platform& platform, catalog::Catalog& catalog,
                    const ReviewsSettings& settings, modules::Clock clock = {});

  std::string_view name() const override { return "reviews"; }
  std::span<const store::EmbeddedFile> migrations() const override;
  Status add_routes(http::Router& router) override;
  // Subscribes the two consumers; they run on the relay's thread.
  Status start() override;
  // Nothing runs on its own: requests and deliveries finish with the server and the relay.
  void stop() override {}
  Reviews& reviews() override { return *this; }

  // Reviews
  Result<bool> import_review(const ImportedReview& review) override {
    return service_.import_review(review);
  }

  Service& service() { return service_; }

 private:
  bus::Transport& events_;
  ReviewsMetrics metrics_;
  Service service_;
};

// The HTTP binding (routes.cc).
Status add_review_routes(http::Router& router, Service& service);

}  // namespace reskflow::reviews
