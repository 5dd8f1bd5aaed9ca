// Runs the real reskflow binary (or nginx) as a child process: environment, captured log lines,
// signals, and a bounded wait for exit, all without sleeping.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <regex>
#include <string>
#include <thread>
#include <vector>

namespace reskflow::testing {

class Process {
 public:
  // Starts argv[0] with the current environment plus `env` overrides; stderr and stdout are
  // captured line by line by a thread of the Process's own, all the time the child runs, so that
  // a child writing much (a server's log while the test waits on something else) never blocks on
  // a full pipe.
  Process(std::vector<std::string> argv, std::map<std::string, std::string> env);
  ~Process();
  Process(const Process&) = delete;
  Process& operator=(const Process&) = delete;

  // The first captured line (old or new) matching `pattern`, waiting up to `timeout`; nullopt
  // at once when the output ended without one.
  std::optional<std::string> wait_for_line(const std::regex& pattern,
                                           std::chrono::milliseconds timeout);
  void signal(int signo);
  // The exit code, or nullopt if it did not exit within timeout (the destructor kills it).
  std::optional<int> wait_exit(std::chrono::milliseconds timeout);
  std::vector<std::string> lines() const;  // the complete lines so far
  std::string output() const;

 private:
  void read_output();  // the reader thread's loop, until the pipe closes or stop_fd_ is written

  int pid_ = -1;
  int pidfd_ = -1;
  int out_fd_ = -1;
  int stop_fd_ = -1;  // an eventfd: written by the destructor to end the reader
  std::optional<int> exit_code_;
  mutable std::mutex mutex_;
  std::condition_variable changed_;  // a line came, or the output ended
  std::string partial_;              // guarded by mutex_
  std::vector<std::string> lines_;   // guarded by mutex_
  bool ended_ = false;               // guarded by mutex_: the child's end of the pipe closed
  std::thread reader_;
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
