// Runs the real reskflow binary (or nginx) as a child process: environment, captured log lines,
// signals, and a bounded wait for exit, all without sleeping.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <regex>
#include <string>
#include <vector>

namespace reskflow::testing {

class Process {
 public:
  // Starts argv[0] with the current environment plus `env` overrides; stderr and stdout are
  // captured line by line.
  Process(std::vector<std::string> argv, std::map<std::string, std::string> env);
  ~Process();
  Process(const Process&) = delete;
  Process& operator=(const Process&) = delete;

  // The first captured line (old or new) matching `pattern`, waiting up to `timeout`.
  std::optional<std::string> wait_for_line(const std::regex& pattern,
                                           std::chrono::milliseconds timeout);
  void signal(int signo);
  // The exit code, or nullopt if it did not exit within timeout (then it is killed).
  std::optional<int> wait_exit(std::chrono::milliseconds timeout);
  const std::vector<std::string>& lines() const { return lines_; }
  std::string output() const;

 private:
  bool read_some(std::chrono::milliseconds timeout);

  int pid_ = -1;
  int pidfd_ = -1;
  int out_fd_ = -1;
  std::string partial_;
  std::vector<std::string> lines_;
  std::optional<int> exit_code_;
};

// The reskflow binary of the build tree this test was built in: found beside the test's own
// executable at run time, so a test compiled once (a shared ccache) runs its own checkout's
// binary.
std::string binary_path();

// A loopback port nothing listens on now (the caller's server binds it right after); throws
// when none can be had.
std::uint16_t free_port();
// True when something accepts connections on the loopback port now.
bool port_open(std::uint16_t port);

// Starts `reskflow serve` on a free port with `env`, waits for its "listening" line and
// returns the port.
struct Server {
  std::unique_ptr<Process> process;
  std::uint16_t port = 0;
};
Server start_server(std::map<std::string, std::string> env);

}  // namespace reskflow::testing
