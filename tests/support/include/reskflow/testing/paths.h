// Paths and temporary directories for hermetic tests.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace reskflow::testing {

// The repository root (RESKFLOW_SOURCE_DIR, set by CTest) or the working directory.
std::filesystem::path source_dir();

// `relative` (a path from the folder of the running executable, e.g. "../../src/app/reskflow"
// as CMake computes it) made absolute: what this build tree built, wherever the tree is.
std::filesystem::path beside_executable(std::string_view relative);

// A fresh directory removed when the object is destroyed.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace reskflow::testing
