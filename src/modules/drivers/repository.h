// SQL over drivers_profiles, drivers_shifts, drivers_positions and drivers_travel_cells; each
// function runs inside the caller's transaction.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "fleet.h"
#include "reskflow/store/database.h"

namespace reskflow::drivers::repository {

Result<std::optional<Profile>> find_profile(store::Transaction& tx, std::string_view driver_id);
// Inserts or replaces the vehicle part of a profile (not its shift).
Status put_profile(store::Transaction& tx, const Profile& profile);
Status open_shift(store::Transaction& tx, std::string_view driver_id, std::string_view shift_id,
                  std::int64_t at_us);
Status close_shift(store::Transaction& tx, std::string_view driver_id, std::string_view shift_id,
                   std::int64_t at_us);
using ProfileRows = std::vector<std::pair<Profile, std::optional<Position>>>;
// Profiles with their last saved positions, ordered by driver id, after `after` (exclusive), at
// most `limit`.
Result<ProfileRows> list_profiles(store::Transaction& tx, const std::optional<std::string>& after,
                                  std::int64_t limit);
// Every courier with an open shift, with its last saved position.
Result<ProfileRows> on_shift(store::Transaction& tx);
Result<std::optional<Position>> position_of(store::Transaction& tx, std::string_view driver_id);
// Upserts each courier's last position; an older point never replaces a newer one.
Status save_positions(store::Transaction& tx,
                      const std::vector<std::pair<std::string, Position>>& positions,
                      std::int64_t now_us);
// Upserts learned travel-model cells under the zone size `zone_cell_millideg`.
Status save_travel_cells(store::Transaction& tx, std::int64_t zone_cell_millideg,
                         const std::vector<LearnedCell>& cells, std::int64_t now_us);
// The cells saved under that zone size, at most `limit`, most observed first.
Result<std::vector<LearnedCell>> travel_cells(store::Transaction& tx,
                                              std::int64_t zone_cell_millideg, std::size_t limit);
// Everything about a courier (an erased account).
Status erase_driver(store::Transaction& tx, std::string_view driver_id);

}  // namespace reskflow::drivers::repository
