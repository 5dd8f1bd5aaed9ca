// The WebSocket topic hub: modules publish to topics; clients of /v1/ws subscribe to them.
// Each topic family ("orders", "system") has an authorizer run on every subscription, and a
// module may handle a message type of its own that clients send ({"type":"location",...}).
#pragma once

#include <atomic>
#include <boost/json/object.hpp>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "reskflow/core/errors.h"
#include "reskflow/core/http.h"
#include "reskflow/core/metrics.h"
#include "reskflow/core/string_map.h"

namespace reskflow::ws {

// One connected client as the hub sees it; implemented by the server's WebSocket session.
class Peer {
 public:
  virtual ~Peer() = default;
  // Queues a text message; never blocks. A peer whose queue is full is dropped.
  virtual void send(std::shared_ptr<const std::string> message) = 0;
  // Closes with 1001 "going away" (server shutdown).
  virtual void close_going_away() = 0;
};

// Decides whether the client that opened the socket (its upgrade request) may subscribe.
using TopicAuthorizer = std::function<Status(const http::Request& upgrade, std::string_view topic)>;
// Runs once per upgrade, on the worker pool, before the socket opens: the caller named by the
// upgrade (a single-use ticket in the query), stored as the upgrade's principal; nullopt leaves
// it to the authorizers; an error closes the socket with 1008 and the error's detail.
using UpgradeAuthenticator =
    std::function<Result<std::optional<http::Principal>>(const http::Request& upgrade)>;

// Handles a client message of a type a module registered: runs on the worker pool (it may read
// the database), with the upgrade request (its principal, when the upgrade named one) and the
// whole message. The session sends back the returned object, or for an error
// {"type":"error","for":<type>,"status":...,"detail":...}, and reads the client's next message
// only then, so one client's messages are handled in the order it sent them.
using MessageHandler = std::function<Result<boost::json::object>(
    const http::Request& upgrade, const boost::json::object& message)>;

// Where a message type's handler runs. `network`: on the connection's own I/O thread, sparing
// the two thread hand-offs per message, for a handler that never blocks (in-memory work only)
// once it knows its caller; the hub still runs it on the worker pool when the upgrade named no
// caller (no ticket), since resolving other credentials may read the database.
enum class HandlerThread : std::uint8_t { worker, network };

struct MessageRoute {
  MessageHandler handle;
  HandlerThread thread = HandlerThread::worker;
};

class Fanout;  // reskflow/core/ws_fanout.h

class Hub {
 public:
  explicit Hub(metrics::Registry& registry);

  // Topics are "<family>" or "<family>.<rest>", e.g. "orders.0190f..."; one authorizer a family.
  Status add_topic_family(std::string family, TopicAuthorizer authorize);
  // Set once by the composition root's identity module; without one every upgrade is anonymous.
  void set_upgrade_authenticator(UpgradeAuthenticator authenticate);
  // One handler a type; the hub's own types (ping, subscribe, unsubscribe, error) cannot be
  // taken: conflict.
  Status add_message_handler(std::string type, MessageHandler handle,
                             HandlerThread thread = HandlerThread::worker);
  // The handler of `type` and where it runs, or nullptr. A handler is never removed, so the
  // route stays valid as long as the hub: read per message, without copying it.
  const MessageRoute* message_route(std::string_view type) const;
  Result<std::optional<http::Principal>> authenticate_upgrade(const http::Request& upgrade) const;

  // Delivers {"type":"event","topic":...,"data":<data_json>} to every subscriber, and through
  // the fan-out (when set) to the other nodes' subscribers. Thread-safe.
  void publish(std::string_view topic, std::string_view data_json);
  // Delivers to this node's subscribers only: a message another node published.
  void publish_local(std::string_view topic, std::string_view data_json);
  // Set before serving, cleared before `fanout` is destroyed; nullptr: this node only.
  void set_fanout(Fanout* fanout) { fanout_.store(fanout); }

  std::size_t subscriber_count(std::string_view topic) const;
  std::size_t connection_count() const;

  // Used by the server's sessions.
  void attach(const std::shared_ptr<Peer>& peer);
  void detach(const Peer* peer);
  Status subscribe(const std::shared_ptr<Peer>& peer, const http::Request& upgrade,
                   std::string_view topic);
  void unsubscribe(const Peer* peer, std::string_view topic);
  void close_all();

 private:
  // Takes `peer` off `topic`'s subscribers, and the topic away with its last one; mutex_ held.
  void leave(const Peer* peer, std::string_view topic);

  mutable std::mutex mutex_;
  std::map<std::string, TopicAuthorizer, std::less<>> families_;
  UpgradeAuthenticator authenticate_upgrade_;                  // guarded by mutex_
  std::map<std::string, MessageRoute, std::less<>> handlers_;  // guarded by mutex_
  // A connected peer and the topics it follows, so closing it touches only those topics.
  struct Attached {
    std::weak_ptr<Peer> peer;
    std::vector<std::string> topics;
  };
  // A topic's subscribers, found for each message by hashing the topic (the ids in topics share
  // long prefixes, which a tree's comparisons read again and again); guarded by mutex_.
  StringMap<std::map<const Peer*, std::weak_ptr<Peer>>> topics_;
  std::unordered_map<const Peer*, Attached> peers_;  // guarded by mutex_
  metrics::Counter& published_;
  metrics::Counter& delivered_;
  std::atomic<Fanout*> fanout_{nullptr};
};

}  // namespace reskflow::ws
