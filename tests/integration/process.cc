// Child processes for integration tests: posix_spawn, a pipe for output, pidfd for exit.
#include "process.h"

#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <memory>
#include <stdexcept>

#include "reskflow/testing/paths.h"

extern char** environ;

namespace reskflow::testing {
namespace {
// How long the rest of a child's output may take to arrive once it has exited (a grandchild that
// kept the pipe open would otherwise hold the wait).
constexpr auto output_after_exit = std::chrono::seconds(5);
}  // namespace

Process::Process(std::vector<std::string> argv, std::map<std::string, std::string> env) {
  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0) throw std::runtime_error("pipe failed");
  std::map<std::string, std::string> merged;
  for (char** e = environ; *e != nullptr; ++e) {
    std::string entry(*e);
    const auto eq = entry.find('=');
    if (eq != std::string::npos) merged[entry.substr(0, eq)] = entry.substr(eq + 1);
  }
  for (auto& [k, v] : env) merged[k] = v;
  std::vector<std::string> env_strings;
  for (auto& [k, v] : merged) env_strings.push_back(k + "=" + v);
  std::vector<char*> envp;
  for (auto& s : env_strings) envp.push_back(s.data());
  envp.push_back(nullptr);
  std::vector<char*> args;
  for (auto& a : argv) args.push_back(a.data());
  args.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, fds[1], 1);
  posix_spawn_file_actions_adddup2(&actions, fds[1], 2);
  const int rc = posix_spawn(&pid_, args[0], &actions, nullptr, args.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  close(fds[1]);
  out_fd_ = fds[0];
  if (rc != 0) throw std::runtime_error("spawn failed: " + argv[0] + ": " + std::strerror(rc));
  pidfd_ = static_cast<int>(syscall(SYS_pidfd_open, pid_, 0));
  stop_fd_ = eventfd(0, EFD_CLOEXEC);
  reader_ = std::thread([this] { read_output(); });
}

Process::~Process() {
  if (!exit_code_ && pid_ > 0) {
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
  }
  eventfd_write(stop_fd_, 1);
  reader_.join();
  if (pidfd_ >= 0) close(pidfd_);
  if (out_fd_ >= 0) close(out_fd_);
  close(stop_fd_);
}

void Process::read_output() {
  std::array<pollfd, 2> ready{{{out_fd_, POLLIN, 0}, {stop_fd_, POLLIN, 0}}};
  std::array<char, 4096> buffer{};
  for (;;) {
    if (poll(ready.data(), ready.size(), -1) < 0) {
      if (errno == EINTR) continue;
      break;
    }
    if (ready[1].revents != 0) break;
    const auto n = read(out_fd_, buffer.data(), buffer.size());
    if (n <= 0) break;
    const std::lock_guard lock(mutex_);
    partial_.append(buffer.data(), static_cast<std::size_t>(n));
    for (auto nl = partial_.find('\n'); nl != std::string::npos; nl = partial_.find('\n')) {
      lines_.push_back(partial_.substr(0, nl));
      partial_.erase(0, nl + 1);
    }
    changed_.notify_all();
  }
  const std::lock_guard lock(mutex_);
  ended_ = true;
  changed_.notify_all();
}

std::optional<std::string> Process::wait_for_line(const std::regex& pattern,
                                                  std::chrono::milliseconds timeout) {
  std::unique_lock lock(mutex_);
  std::size_t checked = 0;
  std::optional<std::string> found;
  changed_.wait_for(lock, timeout, [&] {
    for (; checked < lines_.size(); ++checked) {
      if (std::regex_search(lines_[checked], pattern)) {
        found = lines_[checked];
        return true;
      }
    }
    return ended_;
  });
  return found;
}

void Process::signal(int signo) { kill(pid_, signo); }

std::optional<int> Process::wait_exit(std::chrono::milliseconds timeout) {
  if (exit_code_) return exit_code_;
  pollfd p{pidfd_, POLLIN, 0};
  if (poll(&p, 1, static_cast<int>(timeout.count())) <= 0) return std::nullopt;
  int status = 0;
  waitpid(pid_, &status, 0);
  exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  std::unique_lock lock(mutex_);
  changed_.wait_for(lock, output_after_exit, [this] { return ended_; });
  return exit_code_;
}

std::vector<std::string> Process::lines() const {
  const std::lock_guard lock(mutex_);
  return lines_;
}

std::string Process::output() const {
  const std::lock_guard lock(mutex_);
  std::string out;
  for (const auto& l : lines_) out += l + "\n";
  return out + partial_;
}

std::string binary_path() {
  return testing::beside_executable(RESKFLOW_BINARY_FROM_TESTS).string();
}

std::uint16_t free_port() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t size = sizeof address;
  std::uint16_t port = 0;
  if (bind(fd, reinterpret_cast<sockaddr*>(&address), size) == 0 &&
      getsockname(fd, reinterpret_cast<sockaddr*>(&address), &size) == 0)
    port = ntohs(address.sin_port);
  close(fd);
  if (port == 0) throw std::runtime_error("no free loopback port");
  return port;
}

Server start_server(std::map<std::string, std::string> env) {
  env.emplace("PORT", "0");
  env.emplace("LOG_LEVEL", "info");
  env.emplace("RESKFLOW_IO_THREADS", "2");
  Server s;
  s.process = std::make_unique<Process>(std::vector<std::string>{binary_path(), "serve"}, env);
  const auto line =
      s.process->wait_for_line(std::regex(R"("event":"listening")"), std::chrono::seconds(60));
  if (!line) throw std::runtime_error("server did not start:\n" + s.process->output());
  std::smatch m;
  std::regex_search(*line, m, std::regex(R"("port":(\d+))"));
  s.port = static_cast<std::uint16_t>(std::stoi(m[1]));
  return s;
}

bool port_open(std::uint16_t port) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = htons(port);
  const bool open = connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
  close(fd);
  return open;
}

}  // namespace reskflow::testing
