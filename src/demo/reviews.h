// The demo city's reviews of one merchant (reviews.cc).
#pragma once

#include <cstddef>
#include <vector>

#include "reskflow/demo/city.h"
#include "rng.h"

namespace reskflow::demo {

// The reviews of the merchant at `merchant_index` in the city, from its own stream; oldest
// first.
std::vector<DemoReview> demo_reviews(std::size_t merchant_index, Rng rng);

}  // namespace reskflow::demo
