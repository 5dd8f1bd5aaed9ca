// HTTPS and WSS clients for the proxy test (certificate checks off: the test's own
// self-signed certificate).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace reskflow::testing {

struct TlsResult {
  int status = 0;
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
  std::optional<std::string> header(const std::string& name) const;  // case-insensitive
};

TlsResult https_get(std::uint16_t port, const std::string& target,
                    const std::vector<std::pair<std::string, std::string>>& headers = {});

class WssClient {
 public:
  WssClient(std::uint16_t port, const std::string& target);
  ~WssClient();
  void send(const std::string& text);
  std::optional<std::string> receive();  // nullopt once closed; see close_code()
  int close_code() const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace reskflow::testing
