// The shared fleet: scripts over the Redis keys of redis_fleet_scripts.h, and what stays on
// this node (its recent tracks, unsaved positions, city changes, listeners, the travel model).
#include "redis_fleet.h"

#include <charconv>

#include "redis_fleet_scripts.h"
#include "reskflow/core/log.h"
#include "vehicle.h"

namespace reskflow::drivers {
namespace {

using Value = modules::RedisValue;

// Shifts that ended stay recorded this long, so a node that read the database just before the
// end cannot put the courier back (far longer than such a read takes).
constexpr std::int64_t ended_kept_us = std::int64_t{3'600} * 1'000'000;

std::string number_text(double value) {
  char text[32];
  const auto [end, ec] = std::to_chars(text, text + sizeof text, value);
  return {text, end};
}

std::vector<std::string_view> words(std::string_view text) {
  std::vector<std::string_view> out;
  while (!text.empty()) {
    const auto space = text.find(' ');
    out.push_back(text.substr(0, space));
    if (space == std::string_view::npos) break;
    text.remove_prefix(space + 1);
  }
  return out;
}

template <class Number>
bool read_number(std::string_view text, Number& out) {
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc{} && end == text.data() + text.size();
}

// "lat lng at_us accuracy_m speed_mps heading_deg", each number exact (shortest round trip).
std::string point_text(const Position& p) {
  return number_text(p.point.lat) + ' ' + number_text(p.point.lng) + ' ' + std::to_string(p.at_us) +
         ' ' + number_text(p.accuracy_m) + ' ' + number_text(p.speed_mps) + ' ' +
         number_text(p.heading_deg);
}

std::optional<Position> point_of(std::string_view text) {
  const auto w = words(text);
  Position p;
  if (w.size() != 6 || !read_number(w[0], p.point.lat) || !read_number(w[1], p.point.lng) ||
      !read_number(w[2], p.at_us) || !read_number(w[3], p.accuracy_m) ||
      !read_number(w[4], p.speed_mps) || !read_number(w[5], p.heading_deg))
    return std::nullopt;
  return p;
}

// "shift_id vehicle capacity cold_storage shift_started_at_us".
std::string profile_text(const Profile& p) {
  return p.shift_id.value_or("-") + ' ' + std::string(vehicle_name(p.vehicle)) + ' ' +
         std::to_string(p.capacity) + ' ' + (p.cold_storage ? "1" : "0") + ' ' +
         std::to_string(p.shift_started_at_us);
}

// The courier as dispatch sees them, from their profile and last point; nullopt when either
// is missing or malformed.
std::optional<OnlineDriver> driver_of(const std::string& id, const Value& profile,
                                      const Value& point) {
  if (profile.type != Value::Type::text || point.type != Value::Type::text) return std::nullopt;
  const auto w = words(profile.text);
  const auto position = point_of(point.text);
  OnlineDriver out{id, Vehicle::bike, 1, false, {}};
  const auto vehicle = w.size() == 5 ? parse_vehicle(w[1]) : std::nullopt;
  if (!vehicle || !position || !read_number(w[2], out.capacity)) return std::nullopt;
  out.vehicle = *vehicle;
  out.cold_storage = w[3] == "1";
  out.position = *position;
  return out;
}

// {{courier, profile, point}, ...} as dispatch's couriers.
std::vector<OnlineDriver> drivers_of(const Value& answer) {
  std::vector<OnlineDriver> out;
  for (const auto& row : answer.elements) {
    if (row.elements.size() != 3) continue;
    if (auto d = driver_of(row.elements[0].text, row.elements[1], row.elements[2]))
      out.push_back(std::move(*d));
  }
  return out;
}

}  // namespace

struct RedisFleet::Shared {
  std::optional<OnlineDriver> driver;  // on shift with a point
  bool on_shift = false;
  std::int64_t seen_us = 0;  // server time of the last accepted point, 0 before the first
};

RedisFleet::RedisFleet(const DriversSettings& settings, modules::Clock clock,
                       modules::RedisScripts& redis, DriversMetrics& metrics,
                       std::function<void(const std::string&)> on_available)
    : settings_(settings),
      clock_(std::move(clock)),
      redis_(redis),
      metrics_(metrics),
      on_available_(std::move(on_available)),
      key_base_(redis.key_prefix() + ":drivers:{fleet}:"),
      travel_({static_cast<double>(settings.circuity_permille) / 1000.0,
               static_cast<double>(settings.learning_rate_permille) / 1000.0,
               static_cast<double>(settings.zone_cell_millideg) / 1000.0,
               settings.utc_offset_min}) {}

std::vector<std::string> RedisFleet::keys() const {
  return {key_base_ + "profiles", key_base_ + "points", key_base_ + "geo", key_base_ + "seen",
          key_base_ + "ended"};
}

Result<modules::RedisValue> RedisFleet::run(std::string_view script,
                                            std::vector<std::string> args) const {
  const auto k = keys();
  auto answer = redis_.run(script, k, args);
  if (answer && answer->type == Value::Type::error)
    answer = fail(ErrorCode::unavailable, "Redis refused a fleet script: " + answer->text);
  return answer;
}

void RedisFleet::record(const Result<modules::RedisValue>& answer,
                        std::string_view operation) const {
  if (answer) {
    if (!reachable_.exchange(true)) log::info("drivers_fleet_reachable", {});
    return;
  }
  metrics_.fleet_errors.inc();
  if (reachable_.exchange(false))
    log::error("drivers_fleet_unreachable",
               {{"operation", std::string(operation)}, {"detail", answer.error().detail}});
}

std::int64_t RedisFleet::fresh_from_us() const {
  return clock_() - settings_.suspect_after_s * 1'000'000;
}

void RedisFleet::start_shift(const Profile& profile, std::optional<Position> last_known) {
  std::vector<std::string> args{
      profile.driver_id, profile_text(profile), profile.shift_id.value_or("-"), "", "", ""};
  if (last_known) {
    args[3] = point_text(*last_known);
    args[4] = number_text(last_known->point.lng);
    args[5] = number_text(last_known->point.lat);
  }
  record(run(redis_scripts::start_shift, std::move(args)), "start_shift");
  std::lock_guard lock(mutex_);
  auto& local = local_[profile.driver_id];
  local.vehicle = profile.vehicle;
  local.on_shift = true;
  local.touched_us = clock_();
  city_changed_[profile.driver_id] = profile.vehicle;
}

void RedisFleet::end_shift(std::string_view driver_id) {
  const auto now = clock_();
  record(run(redis_scripts::end_shift,
             {std::string(driver_id), std::to_string(now), std::to_string(now - ended_kept_us)}),
         "end_shift");
  std::lock_guard lock(mutex_);
  const auto it = local_.find(driver_id);
  if (it == local_.end()) return;
  city_changed_[it->first] = it->second.vehicle;
  if (it->second.unsaved && !it->second.track.empty()) {
    it->second.on_shift = false;  // the saver still writes its last point
    it->second.track.erase(it->second.track.begin(), it->second.track.end() - 1);
  } else {
    local_.erase(it);
  }
}

std::optional<RedisFleet::Shared> RedisFleet::courier(std::string_view driver_id) const {
  auto answer = run(redis_scripts::courier, {std::string(driver_id)});
  record(answer, "courier");
  if (!answer) return std::nullopt;
  Shared out;
  const auto& e = answer->elements;
  if (e.size() != 3 || e[0].type != Value::Type::text) return out;
  out.on_shift = true;
  out.driver = driver_of(std::string(driver_id), e[0], e[1]);
  if (e[2].type == Value::Type::text) {
    double seen = 0;
    if (read_number(e[2].text, seen)) out.seen_us = static_cast<std::int64_t>(seen);
  }
  return out;
}

Presence RedisFleet::presence(std::string_view driver_id) const {
  const auto found = courier(driver_id);
  if (!found || !found->on_shift) return Presence::offline;
  const bool fresh = found->driver && found->seen_us > 0 && found->seen_us >= fresh_from_us();
  return fresh ? Presence::online : Presence::suspect;
}

std::optional<Position> RedisFleet::last_position(std::string_view driver_id) const {
  if (const auto found = courier(driver_id); found && found->driver) return found->driver->position;
  std::lock_guard lock(mutex_);
  const auto it = local_.find(driver_id);
  if (it == local_.end() || it->second.track.empty()) return std::nullopt;
  return it->second.track.back();
}

std::optional<OnlineDriver> RedisFleet::online(std::string_view driver_id) const {
  const auto found = courier(driver_id);
  if (!found || !found->on_shift) return std::nullopt;
  return found->driver;
}

std::vector<OnlineDriver> RedisFleet::available() const {
  auto answer = run(redis_scripts::available, {std::to_string(fresh_from_us())});
  record(answer, "available");
  if (!answer) return {};
  return drivers_of(*answer);
}

std::vector<OnlineDriver> RedisFleet::near(modules::geo::Point center, double radius_m,
                                           std::size_t limit) const {
  if (limit == 0) return {};
  auto answer = run(redis_scripts::near,
                    {number_text(center.lng), number_text(center.lat), number_text(radius_m),
                     std::to_string(fresh_from_us()), std::to_string(limit)});
  record(answer, "near");
  if (!answer) return {};
  return drivers_of(*answer);
}

std::vector<Position> RedisFleet::recent_track(std::string_view driver_id) const {
  std::lock_guard lock(mutex_);
  const auto it = local_.find(driver_id);
  if (it == local_.end() || !it->second.on_shift) return {};
  return {it->second.track.begin(), it->second.track.end()};
}

void RedisFleet::on_position(Drivers::PositionListener listener) {
  std::unique_lock lock(listeners_mutex_);
  listeners_.push_back(std::move(listener));
}

namespace {

Verdict verdict_of(std::int64_t code) {
  switch (code) {
    case 0: return Verdict::accepted;
    case 1: return Verdict::duplicate;
    case 2: return Verdict::out_of_order;
    default: return Verdict::implausible;
  }
}

void count(IngestReport& report, std::size_t index, Verdict verdict) {
  report.rejected.push_back({index, verdict});
  ++(verdict == Verdict::implausible ? report.flagged : report.dropped);
}

}  // namespace

IngestReport RedisFleet::judge_locally(const std::string& driver_id,
                                       std::span<const Position> points,
                                       std::vector<std::size_t>& candidates) const {
  IngestReport report;
  const TrackRules rules{0, static_cast<double>(settings_.accuracy_m_max),
                         clock_() + settings_.clock_skew_s_max * 1'000'000};
  std::deque<Position> mine;
  {
    std::lock_guard lock(mutex_);
    if (const auto it = local_.find(driver_id); it != local_.end()) mine = it->second.track;
  }
  for (std::size_t i = 0; i < points.size(); ++i) {
    // Inaccurate and future points need no history; a point this node accepted before is a
    // duplicate wherever the courier's last point now is.
    auto verdict = judge({}, points[i], rules);
    const auto same = [&](const Position& p) {
      return p.at_us == points[i].at_us && p.point.lat == points[i].point.lat &&
             p.point.lng == points[i].point.lng;
    };
    if (verdict == Verdict::accepted && std::ranges::any_of(mine, same))
      verdict = Verdict::duplicate;
    if (verdict == Verdict::accepted) {
      candidates.push_back(i);
    } else {
      count(report, i, verdict);
    }
  }
  return report;
}

Result<IngestReport> RedisFleet::ingest(const std::string& driver_id,
                                        std::span<const Position> points) {
  std::vector<std::size_t> candidates;
  auto report = judge_locally(driver_id, points, candidates);
  std::vector<std::string> args{driver_id, std::to_string(clock_()),
                                std::to_string(fresh_from_us())};
  for (const auto vehicle : {Vehicle::bike, Vehicle::scooter, Vehicle::car, Vehicle::van})
    args.push_back(number_text(limits_of(vehicle).speed_max_mps));
  for (const auto i : candidates) args.push_back(point_text(points[i]));
  auto answer = run(redis_scripts::ingest, std::move(args));
  record(answer, "ingest");
  std::vector<Position> accepted;
  bool became_available = false;
  if (!answer) {
    if (auto judged = ingest_alone(driver_id, points, candidates, report, accepted); !judged)
      return std::unexpected(judged.error());
  } else {
    RF_TRY(was_available, ingest_shared(driver_id, *answer, points, candidates, report, accepted));
    became_available = !accepted.empty() && !*was_available;
  }
  std::ranges::sort(report.rejected, {}, &IngestReport::Rejected::index);
  {
    std::shared_lock lock(listeners_mutex_);
    for (const auto& p : accepted) {
      for (const auto& listener : listeners_) listener(driver_id, p);
    }
  }
  if (became_available && on_available_) on_available_(driver_id);
  return report;
}

Result<bool> RedisFleet::ingest_shared(const std::string& driver_id,
                                       const modules::RedisValue& answer,
                                       std::span<const Position> points,
                                       const std::vector<std::size_t>& candidates,
                                       IngestReport& report, std::vector<Position>& accepted) {
  const auto& e = answer.elements;
  if (e.empty() || e[0].integer == 0)
    return fail(ErrorCode::conflict,
                "go online (POST /v1/drivers/me/shift) before sending locations");
  const auto vehicle = e.size() == 5 ? parse_vehicle(words(e[1].text).at(1)) : std::nullopt;
  if (!vehicle || e[4].elements.size() != candidates.size())
    return fail(ErrorCode::unavailable, "the shared fleet answered a batch it was not sent");
  auto previous = point_of(e[2].text);
  for (std::size_t k = 0; k < candidates.size(); ++k) {
    const auto verdict = verdict_of(e[4].elements[k].integer);
    const auto& p = points[candidates[k]];
    if (verdict != Verdict::accepted) {
      count(report, candidates[k], verdict);
      continue;
    }
    if (previous) travel_.observe(*vehicle, *previous, p);
    previous = p;
    accepted.push_back(p);
    ++report.accepted;
  }
  keep(driver_id, *vehicle, accepted);
  return e[3].integer == 1;
}

Status RedisFleet::ingest_alone(const std::string& driver_id, std::span<const Position> points,
                                const std::vector<std::size_t>& candidates, IngestReport& report,
                                std::vector<Position>& accepted) {
  std::deque<Position> track;
  Vehicle vehicle = Vehicle::bike;
  {
    std::lock_guard lock(mutex_);
    const auto it = local_.find(driver_id);
    if (it == local_.end() || !it->second.on_shift)
      return fail(ErrorCode::unavailable,
                  "your locations cannot be recorded right now: send them again in a few seconds");
    track = it->second.track;
    vehicle = it->second.vehicle;
  }
  const TrackRules rules{limits_of(vehicle).speed_max_mps,
                         static_cast<double>(settings_.accuracy_m_max),
                         clock_() + settings_.clock_skew_s_max * 1'000'000};
  for (const auto i : candidates) {
    const auto verdict = judge(track, points[i], rules);
    if (verdict != Verdict::accepted) {
      count(report, i, verdict);
      continue;
    }
    if (!track.empty()) travel_.observe(vehicle, track.back(), points[i]);
    track.push_back(points[i]);
    accepted.push_back(points[i]);
    ++report.accepted;
  }
  keep(driver_id, vehicle, accepted);
  return {};
}

void RedisFleet::keep(const std::string& driver_id, Vehicle vehicle,
                      std::span<const Position> accepted) {
  if (accepted.empty()) return;
  const auto now = clock_();
  std::lock_guard lock(mutex_);
  auto& local = local_[driver_id];
  local.vehicle = vehicle;
  local.on_shift = true;
  local.touched_us = now;
  local.unsaved = true;
  for (const auto& p : accepted) {
    if (local.track.empty() || local.track.back().at_us < p.at_us) local.track.push_back(p);
  }
  while (std::cmp_greater(local.track.size(), settings_.track_points_max)) local.track.pop_front();
  city_changed_[driver_id] = vehicle;
}

std::vector<std::pair<std::string, Position>> RedisFleet::take_unsaved() {
  const auto quiet_from = fresh_from_us();
  std::vector<std::pair<std::string, Position>> out;
  std::lock_guard lock(mutex_);
  for (auto it = local_.begin(); it != local_.end();) {
    auto& local = it->second;
    if (local.unsaved && !local.track.empty()) out.emplace_back(it->first, local.track.back());
    local.unsaved = false;
    // A courier whose shift ended here, or who went quiet here (they report to other nodes,
    // or their shift ended on one), is forgotten once saved: the map holds who reports here.
    const bool quiet = local.on_shift && local.touched_us < quiet_from;
    if (quiet) city_changed_.erase(it->first);  // the nodes they report to tell the admins
    it = !local.on_shift || quiet ? local_.erase(it) : std::next(it);
  }
  return out;
}

void RedisFleet::restore_unsaved(const std::vector<std::pair<std::string, Position>>& unsaved) {
  std::lock_guard lock(mutex_);
  for (const auto& [id, position] : unsaved) {
    auto [it, forgotten] = local_.try_emplace(id);
    if (forgotten) {
      it->second.on_shift = false;  // kept only until the next save
      it->second.track.push_back(position);
    }
    it->second.unsaved = true;
  }
}

std::vector<CityDot> RedisFleet::take_city_changes(std::size_t max) {
  const auto fresh_from = fresh_from_us();
  std::vector<CityDot> out;
  std::lock_guard lock(mutex_);
  auto it = city_changed_.begin();
  for (; it != city_changed_.end() && out.size() < max; ++it) {
    const auto local = local_.find(it->first);
    if (local == local_.end() || !local->second.on_shift) {
      out.push_back({it->first, Presence::offline, it->second, std::nullopt});
      continue;
    }
    const auto& l = local->second;
    const bool fresh = !l.track.empty() && l.touched_us >= fresh_from;
    out.push_back({it->first, fresh ? Presence::online : Presence::suspect, l.vehicle,
                   l.track.empty() ? std::nullopt : std::optional<Position>(l.track.back())});
  }
  city_changed_.erase(city_changed_.begin(), it);
  return out;
}

std::size_t RedisFleet::on_shift_count() const {
  auto answer = run(redis_scripts::counts, {std::to_string(fresh_from_us())});
  record(answer, "counts");
  if (!answer || answer->elements.size() != 2) return 0;
  return static_cast<std::size_t>(answer->elements[0].integer);
}

std::size_t RedisFleet::available_count() const {
  auto answer = run(redis_scripts::counts, {std::to_string(fresh_from_us())});
  record(answer, "counts");
  if (!answer || answer->elements.size() != 2) return 0;
  return static_cast<std::size_t>(answer->elements[1].integer);
}

}  // namespace reskflow::drivers
