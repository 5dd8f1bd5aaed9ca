// Where modules keep uploaded files (proof photos, ID document images): an interface (a cloud
// bucket can implement it later) and the filesystem store, one file per key in a directory.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "reskflow/core/errors.h"

namespace reskflow::modules {

// Thread-safe; blocking. Keys are [0-9a-z.-]{1,200} (an object name, never a path).
class FileStore {
 public:
  virtual ~FileStore() = default;
  // Stores `bytes` under `key` durably (replacing what it held).
  virtual Status put(std::string_view key, std::string_view bytes) = 0;
  // not_found when nothing is stored under `key`.
  virtual Result<std::string> get(std::string_view key) = 0;
  // Succeeds when nothing is stored under `key`.
  virtual Status remove(std::string_view key) = 0;
};

// One file per key in `directory` (created by open, and by put when missing), written to a
// temporary file, flushed and renamed into place, so a reader never sees half a file.
class FilesystemFileStore final : public FileStore {
 public:
  static Result<std::unique_ptr<FilesystemFileStore>> open(std::filesystem::path directory);
  explicit FilesystemFileStore(std::filesystem::path directory)
      : directory_(std::move(directory)) {}

  Status put(std::string_view key, std::string_view bytes) override;
  Result<std::string> get(std::string_view key) override;
  Status remove(std::string_view key) override;

 private:
  Result<std::filesystem::path> path_of(std::string_view key) const;

  std::filesystem::path directory_;
};

}  // namespace reskflow::modules
