// What the module contract shares beyond its declarations: the names of per-node consumers.
#include "reskflow/modules/module.h"

#include <unistd.h>

#include <array>

namespace reskflow::modules {

std::string per_node_consumer(const Config& config, std::string_view prefix) {
  std::string node = config.node_name;
  if (node.empty()) {
    std::array<char, 256> name{};
    if (gethostname(name.data(), name.size() - 1) == 0) node = name.data();
  }
  return std::string(prefix) + (node.empty() ? std::string("node") : node);
}

}  // namespace reskflow::modules
