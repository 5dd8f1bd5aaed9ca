// The offers pushed on couriers' topics (`driver.<id>` on /v1/ws), read by one thread per socket
// into one queue, so that a test waits for whichever courier the dispatcher chose. The readers
// end when the server closes the sockets: destroy the inbox after the server.
#pragma once

#include <boost/json.hpp>

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "reskflow/testing/client.h"

namespace reskflow::testing {

class OfferInbox {
 public:
  OfferInbox() = default;
  OfferInbox(const OfferInbox&) = delete;
  OfferInbox& operator=(const OfferInbox&) = delete;
  ~OfferInbox();

  // Subscribes `token`'s courier `driver_id` (known to the test as `courier`); throws when the
  // topic is refused.
  void watch(std::uint16_t port, const std::string& token, const std::string& driver_id,
             std::size_t courier);

  // The next offer and the courier it was made to, if one comes within `timeout`.
  std::optional<std::pair<std::size_t, boost::json::object>> wait(
      std::chrono::milliseconds timeout);
  // The same; throws after `timeout`.
  std::pair<std::size_t, boost::json::object> next(std::chrono::seconds timeout);

 private:
  void read(WsClient& socket, std::size_t courier);

  std::mutex mutex_;
  std::condition_variable arrived_;
  std::deque<std::pair<std::size_t, boost::json::object>> queue_;  // guarded by mutex_
  std::vector<std::thread> readers_;
};

// ISO 8601 UTC to the second, as phones stamp their points.
std::string iso_utc(std::chrono::system_clock::time_point at);

}  // namespace reskflow::testing
