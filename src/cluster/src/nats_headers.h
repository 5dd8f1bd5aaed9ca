// How an event rides a JetStream message: subject <prefix>.<type>, the payload as data, the
// event id as Nats-Msg-Id (JetStream's de-duplication key) and the rest as Reskflow-* headers.
#pragma once

#include <nats/nats.h>

#include <memory>
#include <optional>
#include <string_view>

#include "reskflow/bus/event.h"
#include "reskflow/core/errors.h"

namespace reskflow::cluster {

struct MessageDeleter {
  void operator()(natsMsg* message) const { natsMsg_Destroy(message); }
};
using MessagePtr = std::unique_ptr<natsMsg, MessageDeleter>;

Result<MessagePtr> message_for(std::string_view subject_prefix, const bus::Envelope& event);

// The event a stream message carries, or nullopt for a message that is not one (another
// publisher on the stream's subjects).
std::optional<bus::Envelope> envelope_from(natsMsg* message, std::string_view subject_prefix);

}  // namespace reskflow::cluster
