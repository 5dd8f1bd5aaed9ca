// The offer inbox and the phone clock of offers.h.
#include "offers.h"

#include <array>
#include <ctime>
#include <memory>
#include <stdexcept>

namespace reskflow::testing {

using namespace std::chrono_literals;

OfferInbox::~OfferInbox() {
  for (auto& r : readers_) r.join();
}

void OfferInbox::watch(std::uint16_t port, const std::string& token, const std::string& driver_id,
                       std::size_t courier) {
  auto socket = std::make_unique<WsClient>(
      port, "/v1/ws",
      std::vector<std::pair<std::string, std::string>>{{"Authorization", "Bearer " + token}});
  socket->send(R"({"type":"subscribe","topic":"driver.)" + driver_id + R"("})");
  const auto ack = socket->receive().value_or("");
  if (ack.find("subscribed") == std::string::npos)
    throw std::runtime_error("driver topic refused: " + ack);
  readers_.emplace_back([this, courier, s = std::move(socket)] { read(*s, courier); });
}

std::optional<std::pair<std::size_t, boost::json::object>> OfferInbox::wait(
    std::chrono::milliseconds timeout) {
  std::unique_lock lock(mutex_);
  if (!arrived_.wait_for(lock, timeout, [this] { return !queue_.empty(); })) return std::nullopt;
  auto out = std::move(queue_.front());
  queue_.pop_front();
  return out;
}

std::pair<std::size_t, boost::json::object> OfferInbox::next(std::chrono::seconds timeout) {
  auto offer = wait(timeout);
  if (!offer) throw std::runtime_error("no offer within the timeout");
  return std::move(*offer);
}

void OfferInbox::read(WsClient& socket, std::size_t courier) {
  try {
    while (const auto text = socket.receive(30min)) {
      // {"type":"event","topic":"driver.<id>","data":{"kind":"offer","offer":{...}}}
      const auto message = boost::json::parse(*text).as_object();
      const auto* data = message.if_contains("data");
      if (data == nullptr || !data->is_object() ||
          data->as_object().if_contains("kind") == nullptr || data->at("kind") != "offer")
        continue;
      const std::lock_guard lock(mutex_);
      queue_.emplace_back(courier, data->at("offer").as_object());
      arrived_.notify_one();
    }
  } catch (const std::exception&) {  // the server went away: nothing more to read
  }
}

std::string iso_utc(std::chrono::system_clock::time_point at) {
  const auto seconds = std::chrono::system_clock::to_time_t(at);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  std::array<char, 32> text{};
  return {text.data(), std::strftime(text.data(), text.size(), "%Y-%m-%dT%H:%M:%SZ", &utc)};
}

}  // namespace reskflow::testing
