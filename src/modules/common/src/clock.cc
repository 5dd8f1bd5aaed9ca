// The system clock behind modules::Clock.
#include "reskflow/modules/clock.h"

#include "reskflow/store/uuid.h"

namespace reskflow::modules {

Clock system_clock() { return store::unix_now_us; }

}  // namespace reskflow::modules
