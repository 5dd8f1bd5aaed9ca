// identity's event payloads <-> JSON: the one place their field names are written down.
#include "reskflow/identity/events.h"

#include <boost/json.hpp>

#include "reskflow/modules/payload.h"

namespace reskflow::identity::events {
namespace {

// Reads `T` from an object with `read_fields`, or the first error.
template <class T, class ReadFields>
boost::system::result<T> read_object(const boost::json::value& in, ReadFields read_fields) {
  const auto* object = in.if_object();
  if (object == nullptr) return boost::json::make_error_code(boost::json::error::not_object);
  T event;
  boost::system::error_code ec;
  read_fields(*object, event, ec);
  if (ec) return ec;
  return event;
}

}  // namespace

void tag_invoke(const boost::json::value_from_tag&, boost::json::value& out,
                const UserRegistered& event) {
  out = {{"user_id", event.user_id}, {"role", event.role}};
}

boost::system::result<UserRegistered> tag_invoke(
    const boost::json::try_value_to_tag<UserRegistered>&, const boost::json::value& in) {
  return read_object<UserRegistered>(
      in, [](const boost::json::object& o, UserRegistered& e, boost::system::error_code& ec) {
        modules::payload::read(o, "user_id", e.user_id, ec);
        modules::payload::read(o, "role", e.role, ec);
      });
}

void tag_invoke(const boost::json::value_from_tag&, boost::json::value& out,
                const UserErased& event) {
  out = {{"user_id", event.user_id}};
}

boost::system::result<UserErased> tag_invoke(const boost::json::try_value_to_tag<UserErased>&,
                                             const boost::json::value& in) {
  return read_object<UserErased>(
      in, [](const boost::json::object& o, UserErased& e, boost::system::error_code& ec) {
        modules::payload::read(o, "user_id", e.user_id, ec);
      });
}

void tag_invoke(const boost::json::value_from_tag&, boost::json::value& out,
                const EmailRequested& event) {
  out = {{"user_id", event.user_id}, {"message_enc", event.message_enc}};
}

boost::system::result<EmailRequested> tag_invoke(
    const boost::json::try_value_to_tag<EmailRequested>&, const boost::json::value& in) {
  return read_object<EmailRequested>(
      in, [](const boost::json::object& o, EmailRequested& e, boost::system::error_code& ec) {
        modules::payload::read(o, "user_id", e.user_id, ec);
        modules::payload::read(o, "message_enc", e.message_enc, ec);
      });
}

}  // namespace reskflow::identity::events
