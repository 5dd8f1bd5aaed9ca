// The events of a delivery's change and of an offer's outcome (events.h), inside the
// transaction that makes them.
#pragma once

#include <string_view>

#include "record.h"
#include "reskflow/core/errors.h"
#include "reskflow/store/database.h"

namespace reskflow::deliveries {

Status publish_change(store::Transaction& tx, const DeliveryRecord& record);
Status publish_offer(store::Transaction& tx, const Offer& offer, std::string_view outcome,
                     std::int64_t at_us);

}  // namespace reskflow::deliveries
