// Opening, checking and closing a NATS connection.
#include "nats_connection.h"

namespace reskflow::cluster {
namespace {

struct OptionsDeleter {
  void operator()(natsOptions* options) const { natsOptions_Destroy(options); }
};

Result<std::unique_ptr<natsOptions, OptionsDeleter>> connection_options(
    const NatsConnectionOptions& options) {
  natsOptions* raw = nullptr;
  if (const natsStatus s = natsOptions_Create(&raw); s != NATS_OK) {
    return std::unexpected(nats_error("nats options", s));
  }
  std::unique_ptr<natsOptions, OptionsDeleter> out(raw);
  natsStatus s = natsOptions_SetURL(raw, options.url.c_str());
  if (s == NATS_OK && !options.name.empty()) s = natsOptions_SetName(raw, options.name.c_str());
  if (s == NATS_OK) s = natsOptions_SetMaxReconnect(raw, -1);  // for ever
  if (s == NATS_OK) s = natsOptions_SetReconnectWait(raw, options.reconnect_wait_ms.count());
  if (s == NATS_OK) s = natsOptions_SetTimeout(raw, options.timeout_ms.count());
  if (s == NATS_OK) s = natsOptions_SetNoEcho(raw, options.no_echo);
  if (s != NATS_OK) return std::unexpected(nats_error("NATS_URL " + options.url, s));
  return out;
}

}  // namespace

Error nats_error(std::string_view what, natsStatus status, jsErrCode js_error) {
  const bool down = status == NATS_CONNECTION_CLOSED || status == NATS_CONNECTION_DISCONNECTED ||
                    status == NATS_NOT_YET_CONNECTED || status == NATS_NO_SERVER ||
                    status == NATS_TIMEOUT || status == NATS_NO_RESPONDERS ||
                    status == NATS_STALE_CONNECTION;
  std::string detail = std::string(what) + ": " + natsStatus_GetText(status);
  if (js_error != 0) detail += " (JetStream error " + std::to_string(js_error) + ")";
  return Error{down ? ErrorCode::unavailable : ErrorCode::internal, std::move(detail), {}, {}};
}

Result<std::unique_ptr<NatsConnection>> NatsConnection::open(const NatsConnectionOptions& options) {
  auto nats_options = connection_options(options);
  if (!nats_options) return std::unexpected(nats_options.error());
  natsConnection* connection = nullptr;
  if (const natsStatus s = natsConnection_Connect(&connection, nats_options->get()); s != NATS_OK) {
    return std::unexpected(nats_error("connecting to NATS at " + options.url, s));
  }
  jsOptions js_options;
  jsOptions_Init(&js_options);
  js_options.Wait = options.timeout_ms.count();
  jsCtx* jetstream = nullptr;
  if (const natsStatus s = natsConnection_JetStream(&jetstream, connection, &js_options);
      s != NATS_OK) {
    natsConnection_Destroy(connection);
    return std::unexpected(nats_error("JetStream context", s));
  }
  return std::make_unique<NatsConnection>(connection, jetstream, options.timeout_ms);
}

NatsConnection::NatsConnection(natsConnection* connection, jsCtx* jetstream,
                               std::chrono::milliseconds timeout_ms)
    : connection_(connection), jetstream_(jetstream), timeout_ms_(timeout_ms) {}

NatsConnection::~NatsConnection() {
  jsCtx_Destroy(jetstream_);
  natsConnection_Close(connection_);
  natsConnection_Destroy(connection_);
}

Status NatsConnection::ping() const {
  if (natsConnection_Status(connection_) == NATS_CONN_STATUS_CONNECTED) return {};
  return fail(ErrorCode::unavailable, "NATS is not connected (reconnecting)");
}

}  // namespace reskflow::cluster
