// Events to JetStream messages and back.
#include "nats_headers.h"

#include <charconv>
#include <string>

#include "nats_connection.h"

namespace reskflow::cluster {
namespace {

constexpr const char* header_event_id = "Nats-Msg-Id";
constexpr const char* header_subject = "Reskflow-Subject";
constexpr const char* header_created_at_us = "Reskflow-Created-At-Us";
constexpr const char* header_outbox_id = "Reskflow-Outbox-Id";
constexpr const char* header_txid = "Reskflow-Txid";
constexpr const char* header_traceparent = "traceparent";
constexpr const char* header_tracestate = "tracestate";

std::optional<std::string> header(natsMsg* message, const char* key) {
  const char* value = nullptr;
  if (natsMsgHeader_Get(message, key, &value) != NATS_OK || value == nullptr) return std::nullopt;
  return std::string(value);
}

std::optional<std::int64_t> integer_header(natsMsg* message, const char* key) {
  const auto text = header(message, key);
  if (!text) return std::nullopt;
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (error != std::errc{} || end != text->data() + text->size()) return std::nullopt;
  return value;
}

}  // namespace

Result<MessagePtr> message_for(std::string_view subject_prefix, const bus::Envelope& event) {
  const std::string subject = std::string(subject_prefix) + "." + event.type;
  natsMsg* raw = nullptr;
  natsStatus s = natsMsg_Create(&raw, subject.c_str(), nullptr, event.payload_json.data(),
                                static_cast<int>(event.payload_json.size()));
  if (s != NATS_OK) return std::unexpected(nats_error("message for " + event.event_id, s));
  MessagePtr message(raw);
  const std::string created_at_us = std::to_string(event.created_at_us);
  const std::string outbox_id = std::to_string(event.outbox_id);
  const std::string txid = std::to_string(event.txid);
  s = natsMsgHeader_Set(raw, header_subject, event.subject.c_str());
  if (s == NATS_OK) s = natsMsgHeader_Set(raw, header_created_at_us, created_at_us.c_str());
  if (s == NATS_OK) s = natsMsgHeader_Set(raw, header_outbox_id, outbox_id.c_str());
  if (s == NATS_OK) s = natsMsgHeader_Set(raw, header_txid, txid.c_str());
  if (s == NATS_OK && !event.traceparent.empty())
    s = natsMsgHeader_Set(raw, header_traceparent, event.traceparent.c_str());
  if (s == NATS_OK && !event.tracestate.empty())
    s = natsMsgHeader_Set(raw, header_tracestate, event.tracestate.c_str());
  if (s != NATS_OK) return std::unexpected(nats_error("headers of " + event.event_id, s));
  return message;
}

std::optional<bus::Envelope> envelope_from(natsMsg* message, std::string_view subject_prefix) {
  const std::string_view subject = natsMsg_GetSubject(message);
  if (!subject.starts_with(subject_prefix) || subject.size() <= subject_prefix.size() + 1) {
    return std::nullopt;
  }
  auto event_id = header(message, header_event_id);
  auto about = header(message, header_subject);
  const auto created_at_us = integer_header(message, header_created_at_us);
  const auto outbox_id = integer_header(message, header_outbox_id);
  const auto txid = integer_header(message, header_txid);
  if (!event_id || !about || !created_at_us || !outbox_id || !txid) return std::nullopt;
  const char* data = natsMsg_GetData(message);
  return bus::Envelope{std::move(*event_id),
                       std::string(subject.substr(subject_prefix.size() + 1)),
                       std::move(*about),
                       std::string(data == nullptr ? "" : data,
                                   static_cast<std::size_t>(natsMsg_GetDataLength(message))),
                       *created_at_us,
                       *outbox_id,
                       *txid,
                       header(message, header_traceparent).value_or(""),
                       header(message, header_tracestate).value_or("")};
}

}  // namespace reskflow::cluster
