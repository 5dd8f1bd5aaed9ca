// Chat's JSON: conversations and messages as the routes answer them and the WebSocket topics
// carry them.
#pragma once

#include <boost/json/object.hpp>

#include "model.h"

namespace reskflow::chat {

boost::json::object conversation_json(const Conversation& c);
boost::json::object message_json(const Message& m);

}  // namespace reskflow::chat
