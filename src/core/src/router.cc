// A segment trie: literal children first, then one parameter child per node.
#include "reskflow/core/router.h"

#include <array>

namespace reskflow::http {

struct Router::Node {
  std::map<std::string, std::unique_ptr<Node>, std::less<>> literals;
  std::unique_ptr<Node> param;
  std::string param_name;
  std::array<const Route*, static_cast<std::size_t>(Method::count_)> by_method{};
};

namespace {

// Splits "/a/b/" into {"a", "b"}; an empty path is the root.
std::vector<std::string_view> split_segments(std::string_view path) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  while (start < path.size()) {
    if (path[start] == '/') {
      ++start;
      continue;
    }
    const auto end = path.find('/', start);
    const auto stop = end == std::string_view::npos ? path.size() : end;
    out.push_back(path.substr(start, stop - start));
    start = stop;
  }
  return out;
}

bool is_param(std::string_view segment) {
  return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

}  // namespace

Router::Router() : root_(std::make_unique<Node>()) {}
Router::~Router() = default;

Status Router::add_all(std::vector<Route> routes) {
  for (auto& r : routes) {
    if (auto added = add(std::move(r)); !added) return added;
  }
  return {};
}

Status Router::add(Route route) {
  if (route.pattern.empty() || route.pattern.front() != '/')
    return fail(ErrorCode::bad_request, "route pattern must start with '/': " + route.pattern);
  if (!route.access)
    return fail(ErrorCode::bad_request, "route declares no access rule: " + route.pattern);
  if (route.execution == Execution::io && !route.access->anonymous)
    return fail(ErrorCode::bad_request, "inline routes must be anonymous: " + route.pattern);
  if (route.fast && !route.access->anonymous)
    return fail(ErrorCode::bad_request, "fast handlers need anonymous routes: " + route.pattern);
  if (route.idempotent && (route.access->anonymous || route.execution == Execution::io))
    return fail(ErrorCode::bad_request,
                "idempotent routes need callers and a worker: " + route.pattern);
  Node* node = root_.get();
  for (auto segment : split_segments(route.pattern)) {
    if (is_param(segment)) {
      const std::string name(segment.substr(1, segment.size() - 2));
      if (!node->param) {
        node->param = std::make_unique<Node>();
        node->param_name = name;
      } else if (node->param_name != name) {
        return fail(ErrorCode::conflict, "parameter {" + name + "} clashes with {" +
                                             node->param_name + "} in " + route.pattern);
      }
      node = node->param.get();
      continue;
    }
    auto& child = node->literals[std::string(segment)];
    if (!child) child = std::make_unique<Node>();
    node = child.get();
  }
  auto& slot = node->by_method[static_cast<std::size_t>(route.method)];
  if (slot != nullptr) {
    return fail(ErrorCode::conflict, std::string("duplicate route ") +
                                         std::string(method_name(route.method)) + " " +
                                         route.pattern);
  }
  routes_.push_back(std::make_unique<Route>(std::move(route)));
  slot = routes_.back().get();
  return {};
}

Match Router::match(Method method, std::string_view path) const {
  Match m;
  const Node* node = root_.get();
  for (auto segment : split_segments(path)) {
    if (auto it = node->literals.find(segment); it != node->literals.end()) {
      node = it->second.get();
    } else if (node->param) {
      m.params.emplace_back(node->param_name, std::string(segment));
      node = node->param.get();
    } else {
      m.params.clear();
      return m;
    }
  }
  const auto* route = node->by_method[static_cast<std::size_t>(method)];
  if (route == nullptr && method == Method::head)
    route = node->by_method[static_cast<std::size_t>(Method::get)];
  if (route != nullptr) {
    m.kind = MatchKind::found;
    m.route = route;
    return m;
  }
  for (std::size_t i = 0; i < node->by_method.size(); ++i) {
    if (node->by_method[i] != nullptr) m.allowed.push_back(static_cast<Method>(i));
  }
  m.params.clear();
  m.kind = m.allowed.empty() ? MatchKind::not_found : MatchKind::method_not_allowed;
  return m;
}

std::vector<const Route*> Router::routes() const {
  std::vector<const Route*> out;
  out.reserve(routes_.size());
  for (const auto& r : routes_) out.push_back(r.get());
  return out;
}

}  // namespace reskflow::http
