// The statement the relay reads a consumer's next events with, shared with its query-plan test.
#pragma once

#include <string>

#include "reskflow/store/database.h"

namespace reskflow::bus {

// $1 and $2 the consumer's position (txid, id), $3 the batch size; the columns of an Envelope,
// then whether the row is settled. It reads a range of the outbox_position index, not the whole
// outbox.
std::string fetch_statement(store::Engine engine);

}  // namespace reskflow::bus
