// A module's WebSocket topic families, added in its start() and each answered by one
// authorising member function of the module.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>

#include "reskflow/core/errors.h"
#include "reskflow/core/ws_hub.h"

namespace reskflow::modules {

// Adds each family to the hub with `(owner.*authorize)(upgrade, topic)` as its authoriser (the
// hub calls it on the worker pool, so `owner` must outlive the hub's use: modules do); the first
// refusal (a family already taken) is returned and the later families are not added.
template <class Owner>
Status add_topic_families(ws::Hub& hub, std::initializer_list<std::string_view> families,
                          Owner& owner,
                          Status (Owner::*authorize)(const http::Request&, std::string_view)) {
  for (const auto family : families) {
    auto added = hub.add_topic_family(
        std::string(family),
        [&owner, authorize](const http::Request& upgrade, std::string_view topic) {
          return (owner.*authorize)(upgrade, topic);
        });
    if (!added) return added;
  }
  return {};
}

}  // namespace reskflow::modules
