// Repository paths and self-removing temporary directories for tests.
#include <cstdlib>
#include <random>

#include "reskflow/testing/paths.h"

namespace reskflow::testing {

std::filesystem::path source_dir() {
  if (const char* dir = std::getenv("RESKFLOW_SOURCE_DIR")) return dir;
  return std::filesystem::current_path();
}

std::filesystem::path beside_executable(std::string_view relative) {
  const auto executable = std::filesystem::read_symlink("/proc/self/exe");
  return (executable.parent_path() / relative).lexically_normal();
}

TempDir::TempDir() {
  std::random_device rd;
  const auto base = std::filesystem::temp_directory_path();
  for (;;) {
    path_ = base / ("reskflow-test-" + std::to_string(rd()) + std::to_string(rd()));
    if (std::filesystem::create_directory(path_)) break;
  }
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

}  // namespace reskflow::testing
