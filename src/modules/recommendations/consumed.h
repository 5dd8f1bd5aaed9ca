// The payloads of the events recommendations consumes, read into typed values through the
// publishers' own conversions (orders' and identity's events.h).
#pragma once

#include <string>
#include <string_view>

#include "reskflow/core/errors.h"
#include "service.h"

namespace reskflow::recommendations {

// validation_failed when the payload is not JSON, lacks a field, has an empty id or an item
// with a quantity below 1. Lines of the same item are summed into one.
Result<DeliveredOrder> read_order_delivered(std::string_view payload_json);
// The erased user's id; validation_failed when it is missing or empty.
Result<std::string> read_user_erased(std::string_view payload_json);

}  // namespace reskflow::recommendations
