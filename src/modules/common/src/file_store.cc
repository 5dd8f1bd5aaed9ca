// The filesystem file store: write to a temporary file, fsync, rename, fsync the directory.
#include "reskflow/modules/file_store.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>

#include "reskflow/store/uuid.h"

namespace reskflow::modules {
namespace {

std::unexpected<Error> io_failure(std::string_view what, const std::filesystem::path& path,
                                  int error_number) {
  return fail(ErrorCode::internal, "file store: " + std::string(what) + " " + path.string() + ": " +
                                       std::strerror(error_number));
}

bool valid_key(std::string_view key) {
  return !key.empty() && key.size() <= 200 && key.front() != '.' &&
         std::ranges::all_of(key, [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || c == '.' || c == '-';
         });
}

// Writes all of `bytes` to the new file `path` and flushes it to the disk.
Status write_synced(const std::filesystem::path& path, std::string_view bytes) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0640);
  if (fd < 0) return io_failure("cannot create", path, errno);
  std::size_t written = 0;
  while (written < bytes.size()) {
    const auto n = ::write(fd, bytes.data() + written, bytes.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      const int error_number = errno;
      ::close(fd);
      return io_failure("cannot write", path, error_number);
    }
    written += static_cast<std::size_t>(n);
  }
  const bool synced = ::fsync(fd) == 0;
  const int error_number = errno;
  ::close(fd);
  if (!synced) return io_failure("cannot flush", path, error_number);
  return {};
}

void sync_directory(const std::filesystem::path& directory) {
  const int fd = ::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

}  // namespace

Result<std::unique_ptr<FilesystemFileStore>> FilesystemFileStore::open(
    std::filesystem::path directory) {
  std::error_code ec;
  std::filesystem::create_directories(directory, ec);
  if (ec) return io_failure("cannot create the directory", directory, ec.value());
  return std::make_unique<FilesystemFileStore>(std::move(directory));
}

Result<std::filesystem::path> FilesystemFileStore::path_of(std::string_view key) const {
  if (!valid_key(key)) return fail(ErrorCode::internal, "file store: invalid key");
  return directory_ / std::string(key);
}

Status FilesystemFileStore::put(std::string_view key, std::string_view bytes) {
  RF_TRY(path, path_of(key));
  std::error_code made;
  std::filesystem::create_directories(directory_, made);
  if (made) return io_failure("cannot create the directory", directory_, made.value());
  const auto temporary = directory_ / (".tmp-" + store::new_uuid_v7());
  if (auto ok = write_synced(temporary, bytes); !ok) {
    std::filesystem::remove(temporary);
    return ok;
  }
  std::error_code ec;
  std::filesystem::rename(temporary, *path, ec);
  if (ec) {
    std::filesystem::remove(temporary);
    return io_failure("cannot rename into", *path, ec.value());
  }
  sync_directory(directory_);
  return {};
}

Result<std::string> FilesystemFileStore::get(std::string_view key) {
  RF_TRY(path, path_of(key));
  std::ifstream in(*path, std::ios::binary);
  if (!in) {
    if (errno == ENOENT) return fail(ErrorCode::not_found, "no such file");
    return io_failure("cannot open", *path, errno);
  }
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) return io_failure("cannot read", *path, errno);
  return bytes;
}

Status FilesystemFileStore::remove(std::string_view key) {
  RF_TRY(path, path_of(key));
  std::error_code ec;
  std::filesystem::remove(*path, ec);
  if (ec) return io_failure("cannot remove", *path, ec.value());
  return {};
}

}  // namespace reskflow::modules
