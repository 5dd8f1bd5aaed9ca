// What both fleets share: the names of a courier's presence.
#include "fleet.h"

namespace reskflow::drivers {

std::string_view presence_name(Presence presence) {
  switch (presence) {
    case Presence::offline: return "offline";
    case Presence::online: return "online";
    case Presence::suspect: return "suspect";
  }
  return "offline";
}

}  // namespace reskflow::drivers
