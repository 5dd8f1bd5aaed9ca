// Static file serving: path confinement, content types, ETag revalidation, SPA fallback, and
// an in-memory cache of each file's representation (its body, gzip variant and ETag).
#include "reskflow/core/static_files.h"

#include <sys/stat.h>

#include <array>
#include <fstream>
#include <mutex>
#include <sstream>
#include <unordered_map>

namespace reskflow::http {
namespace {

constexpr std::uint64_t static_file_bytes_max = std::uint64_t{32} * 1024 * 1024;
// Past this many cached bytes the cache starts over (the portals and the API docs need ~5 MB).
constexpr std::uint64_t static_cache_bytes_max = std::uint64_t{64} * 1024 * 1024;

struct TypeRow {
  std::string_view extension;
  std::string_view type;
};

constexpr std::array<TypeRow, 20> content_types{{
    {".html", "text/html; charset=utf-8"},
    {".js", "text/javascript; charset=utf-8"},
    {".mjs", "text/javascript; charset=utf-8"},
    {".css", "text/css; charset=utf-8"},
    {".json", "application/json"},
    {".webmanifest", "application/manifest+json"},
    {".map", "application/json"},
    {".svg", "image/svg+xml"},
    {".png", "image/png"},
    {".jpg", "image/jpeg"},
    {".jpeg", "image/jpeg"},
    {".webp", "image/webp"},
    {".gif", "image/gif"},
    {".ico", "image/x-icon"},
    {".woff2", "font/woff2"},
    {".woff", "font/woff"},
    {".txt", "text/plain; charset=utf-8"},
    {".yaml", "application/yaml"},
    {".wasm", "application/wasm"},
    {".xml", "application/xml"},
}};

bool has_dot_segment(std::string_view path) {
  std::size_t start = 0;
  while (start <= path.size()) {
    const auto end = path.find('/', start);
    const auto seg = path.substr(start, end == std::string_view::npos ? end : end - start);
    if (seg == ".." || seg == "." || (!seg.empty() && seg.front() == '.')) return true;
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return false;
}

// A regular file with what the cache checks: one stat() gives them all (the std::filesystem
// queries would make one system call each).
struct FileInfo {
  std::filesystem::path path;
  std::uint64_t size = 0;
  std::int64_t mtime_ns = 0;
};

enum class Kind { missing, file, directory };

Kind stat_path(const std::filesystem::path& path, FileInfo& out) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return Kind::missing;
  if (S_ISDIR(st.st_mode)) return Kind::directory;
  if (!S_ISREG(st.st_mode)) return Kind::missing;
  out.path = path;
  out.size = static_cast<std::uint64_t>(st.st_size);
  out.mtime_ns = std::int64_t{st.st_mtim.tv_sec} * 1'000'000'000 + st.st_mtim.tv_nsec;
  return Kind::file;
}

// The file that serves `relative` below `root`: the file itself, a directory's index.html, or
// for an extension-less path (single-page apps: /customer/merchants/42) the nearest
// index.html above it, never the root's.
std::optional<FileInfo> resolve(const std::filesystem::path& root, std::string_view relative) {
  FileInfo info;
  const auto candidate = root / std::filesystem::path(relative);
  switch (stat_path(candidate, info)) {
    case Kind::file: return info;
    case Kind::directory:
      if (stat_path(candidate / "index.html", info) == Kind::file) return info;
      return std::nullopt;
    case Kind::missing: break;
  }
  if (std::filesystem::path(relative).has_extension()) return std::nullopt;
  for (auto dir = std::filesystem::path(relative).parent_path(); !dir.empty();
       dir = dir.parent_path()) {
    if (stat_path(root / dir / "index.html", info) == Kind::file) return info;
  }
  return std::nullopt;
}

std::optional<std::string> read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream out;
  out << in.rdbuf();
  return std::move(out).str();
}

}  // namespace

// Representations by file, each valid while the file keeps its size and modification time.
class StaticFiles::Cache {
 public:
  std::shared_ptr<const Representation> find(const FileInfo& file) {
    std::lock_guard lock(mutex_);
    auto it = entries_.find(file.path.native());
    if (it == entries_.end() || it->second.size != file.size ||
        it->second.mtime_ns != file.mtime_ns)
      return nullptr;
    return it->second.representation;
  }

  void keep(const FileInfo& file, std::shared_ptr<const Representation> representation) {
    std::lock_guard lock(mutex_);
    if (bytes_ + file.size > static_cache_bytes_max) {
      entries_.clear();
      bytes_ = 0;
    }
    auto& entry = entries_[file.path.native()];
    bytes_ = bytes_ - entry.size + file.size;
    entry = Entry{file.size, file.mtime_ns, std::move(representation)};
  }

 private:
  struct Entry {
    std::uint64_t size = 0;
    std::int64_t mtime_ns = 0;
    std::shared_ptr<const Representation> representation;
  };
  std::mutex mutex_;
  std::unordered_map<std::string, Entry> entries_;
  std::uint64_t bytes_ = 0;
};

StaticFiles::StaticFiles(std::string mount, std::filesystem::path root,
                         std::string html_security_policy)
    : mount_(std::move(mount)),
      root_(std::move(root)),
      html_security_policy_(std::move(html_security_policy)),
      cache_(std::make_unique<Cache>()) {
  std::error_code ec;
  auto canonical = std::filesystem::weakly_canonical(root_, ec);
  if (!ec) root_ = std::move(canonical);
}

StaticFiles::StaticFiles(StaticFiles&&) noexcept = default;
StaticFiles& StaticFiles::operator=(StaticFiles&&) noexcept = default;
StaticFiles::~StaticFiles() = default;

std::string_view StaticFiles::content_type_for(std::string_view extension) {
  for (const auto& row : content_types) {
    if (row.extension == extension) return row.type;
  }
  return "application/octet-stream";
}

std::optional<Response> StaticFiles::serve(const Request& request) const {
  std::string_view path = request.path;
  if (mount_ != "/") {
    if (!path.starts_with(mount_)) return std::nullopt;
    path.remove_prefix(mount_.size());
    if (!path.empty() && path.front() != '/') return std::nullopt;
  }
  while (!path.empty() && path.front() == '/') path.remove_prefix(1);
  if (has_dot_segment(path)) return std::nullopt;
  const auto file = resolve(root_, path);
  if (!file || file->size > static_file_bytes_max) return std::nullopt;
  auto representation = cache_->find(*file);
  if (!representation) {
    auto body = read_file(file->path);
    if (!body) return std::nullopt;
    const bool hashed = path.starts_with("assets/") || path.find("/assets/") != std::string::npos;
    representation = std::make_shared<const Representation>(
        std::move(*body), std::string(content_type_for(file->path.extension().string())),
        hashed ? "public, max-age=31536000, immutable" : "no-cache");
    cache_->keep(*file, representation);
  }
  auto r = representation->respond(request);
  if (!html_security_policy_.empty() && r.content_type.starts_with("text/html"))
    r.set_header("Content-Security-Policy", html_security_policy_);
  return r;
}

std::optional<Response> StaticFiles::not_found_page(const Request& request) const {
  Request index = request;
  index.path = mount_;
  index.headers.clear();
  auto r = serve(index);
  if (!r || r->status != 200) return std::nullopt;
  r->status = 404;
  r->set_header("Cache-Control", "no-store");
  return r;
}

}  // namespace reskflow::http
