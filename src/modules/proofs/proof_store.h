// Where proof files live: an interface (a cloud bucket can implement it later) and the
// filesystem store under RESKFLOW_PROOFS_DIR. Files are named by their content's SHA-256, so a
// write is idempotent and a name says which bytes it holds.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "reskflow/core/errors.h"

namespace reskflow::proofs {

// Thread-safe; blocking. Keys are [0-9a-z.-]{1,200} (an object name, never a path).
class ProofStore {
 public:
  virtual ~ProofStore() = default;
  // Stores `bytes` under `key` durably (replacing what it held).
  virtual Status put(std::string_view key, std::string_view bytes) = 0;
  // not_found when nothing is stored under `key`.
  virtual Result<std::string> get(std::string_view key) = 0;
  // Succeeds when nothing is stored under `key`.
  virtual Status remove(std::string_view key) = 0;
};

// One file per key in `directory` (created when missing), written to a temporary file, flushed
// and renamed into place, so a reader never sees half a file.
class FilesystemProofStore final : public ProofStore {
 public:
  static Result<std::unique_ptr<FilesystemProofStore>> open(std::filesystem::path directory);
  explicit FilesystemProofStore(std::filesystem::path directory)
      : directory_(std::move(directory)) {}

  Status put(std::string_view key, std::string_view bytes) override;
  Result<std::string> get(std::string_view key) override;
  Status remove(std::string_view key) override;

 private:
  Result<std::filesystem::path> path_of(std::string_view key) const;

  std::filesystem::path directory_;
};

}  // namespace reskflow::proofs
