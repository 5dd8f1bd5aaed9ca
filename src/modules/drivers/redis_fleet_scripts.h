// The Lua scripts of the shared fleet (redis_fleet.cc), each one round trip and atomic on Redis.
// Every script gets the same five keys, in this order: profiles (hash: courier -> "shift_id vehicle
// capacity cold_storage shift_started_at_us"), points (hash: courier -> the last accepted point,
// "lat lng at_us accuracy_m speed_mps heading_deg"), geo (GEO set of those points), seen (sorted
// set: courier -> server time in µs of the last accepted point, 0 until the first), ended (sorted
// set: "courier shift_id" of shifts that ended in the last hour -> when).
#pragma once

#include <string_view>

namespace reskflow::drivers::redis_scripts {

// ARGV courier, profile, shift id, last known point or "", its longitude and latitude. A shift
// already ended is not started again (a node that read the database just before the shift
// ended): 0. Keeps a newer point and presence already there.
inline constexpr std::string_view start_shift = R"lua(
if redis.call('ZSCORE', KEYS[5], ARGV[1] .. ' ' .. ARGV[3]) then return 0 end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
if ARGV[4] ~= '' and redis.call('HSETNX', KEYS[2], ARGV[1], ARGV[4]) == 1 then
  local added = redis.pcall('GEOADD', KEYS[3], ARGV[5], ARGV[6], ARGV[1])
  if type(added) == 'table' and added.err then redis.call('ZREM', KEYS[3], ARGV[1]) end
end
redis.call('ZADD', KEYS[4], 'NX', 0, ARGV[1])
return 1
)lua";

// ARGV courier, server time (µs), the oldest end kept.
inline constexpr std::string_view end_shift = R"lua(
local profile = redis.call('HGET', KEYS[1], ARGV[1])
if profile then
  redis.call('ZADD', KEYS[5], ARGV[2], ARGV[1] .. ' ' .. string.match(profile, '^(%S+)'))
end
redis.call('ZREMRANGEBYSCORE', KEYS[5], '-inf', '(' .. ARGV[3])
redis.call('HDEL', KEYS[1], ARGV[1])
redis.call('HDEL', KEYS[2], ARGV[1])
redis.call('ZREM', KEYS[3], ARGV[1])
redis.call('ZREM', KEYS[4], ARGV[1])
return 1
)lua";

// ARGV courier, server time (µs), the oldest time a fresh courier was heard at, the fastest
// speed (m/s) of a bike, scooter, car and van, then the points the node did not drop itself, in
// the order sent. Judges each against the last accepted point and the batch's accepted ones as
// track_filter.cc does (duplicate 1, out of order 2, implausible 3, else accepted 0) and keeps
// the last one accepted. Answers {0} when the courier is not on shift, else {1, profile, the
// last point before the batch or "", 1 when the courier was fresh before, verdicts}.
inline constexpr std::string_view ingest = R"lua(
local function point_of(text)
  local lat, lng, at, accuracy = string.match(text, '^(%S+) (%S+) (%S+) (%S+)')
  return {lat = tonumber(lat), lng = tonumber(lng), at = tonumber(at),
          accuracy = tonumber(accuracy)}
end
local function distance_m(a, b)
  local dlat = (b.lat - a.lat) * math.pi / 180
  local dlng = (b.lng - a.lng) * math.pi / 180
  local h = math.sin(dlat / 2) * math.sin(dlat / 2) + math.cos(a.lat * math.pi / 180) *
            math.cos(b.lat * math.pi / 180) * math.sin(dlng / 2) * math.sin(dlng / 2)
  return 2 * 6371008.8 * math.asin(math.min(1, math.sqrt(h)))
end
local id = ARGV[1]
local profile = redis.call('HGET', KEYS[1], id)
if not profile then return {0} end
local speeds = {bike = ARGV[4], scooter = ARGV[5], car = ARGV[6], van = ARGV[7]}
local speed_max = tonumber(speeds[string.match(profile, '^%S+ (%S+)')] or ARGV[4])
local before = redis.call('HGET', KEYS[2], id)
local was_fresh = (tonumber(redis.call('ZSCORE', KEYS[4], id)) or 0) >= tonumber(ARGV[3])
local last = before and point_of(before) or nil
local last_text = before
local accepted = {}
local verdicts = {}
for i = 8, #ARGV do
  local p = point_of(ARGV[i])
  local place = string.match(ARGV[i], '^%S+ %S+ %S+')
  local verdict = 0
  if last then
    if accepted[place] or (p.at == last.at and p.lat == last.lat and p.lng == last.lng) then
      verdict = 1
    elseif p.at <= last.at then
      verdict = 2
    elseif distance_m(last, p) - last.accuracy - p.accuracy >
           speed_max * (p.at - last.at) / 1e6 then
      verdict = 3
    end
  end
  if verdict == 0 then
    last = p
    last_text = ARGV[i]
    accepted[place] = true
  end
  verdicts[#verdicts + 1] = verdict
end
if last_text ~= before then
  redis.call('HSET', KEYS[2], id, last_text)
  local added = redis.pcall('GEOADD', KEYS[3], last.lng, last.lat, id)
  if type(added) == 'table' and added.err then redis.call('ZREM', KEYS[3], id) end
  redis.call('ZADD', KEYS[4], ARGV[2], id)
end
return {1, profile, before or '', was_fresh and 1 or 0, verdicts}
)lua";

// ARGV courier. {profile, last point, server time last heard} (each nil when unknown).
inline constexpr std::string_view courier = R"lua(
return {redis.call('HGET', KEYS[1], ARGV[1]), redis.call('HGET', KEYS[2], ARGV[1]),
        redis.call('ZSCORE', KEYS[4], ARGV[1])}
)lua";

// ARGV the oldest time a fresh courier was heard at. {{courier, profile, point}, ...} of the
// fresh couriers.
inline constexpr std::string_view available = R"lua(
local out = {}
for _, id in ipairs(redis.call('ZRANGEBYSCORE', KEYS[4], ARGV[1], '+inf')) do
  local profile = redis.call('HGET', KEYS[1], id)
  local point = redis.call('HGET', KEYS[2], id)
  if profile and point then out[#out + 1] = {id, profile, point} end
end
return out
)lua";

// ARGV longitude, latitude, radius (m), the oldest time a fresh courier was heard at, limit.
// The fresh couriers within the radius, nearest first, as {{courier, profile, point}, ...}: asks
// GEOSEARCH for a margin over the limit (the set holds silent couriers too), and for everyone in
// the circle when the margin was not enough.
inline constexpr std::string_view near = R"lua(
local limit = tonumber(ARGV[5])
local fresh_from = tonumber(ARGV[4])
local function search(count)
  if count then
    return redis.call('GEOSEARCH', KEYS[3], 'FROMLONLAT', ARGV[1], ARGV[2], 'BYRADIUS', ARGV[3],
                      'm', 'ASC', 'COUNT', count)
  end
  return redis.call('GEOSEARCH', KEYS[3], 'FROMLONLAT', ARGV[1], ARGV[2], 'BYRADIUS', ARGV[3],
                    'm', 'ASC')
end
local function gather(found)
  local out = {}
  for _, id in ipairs(found) do
    local seen = tonumber(redis.call('ZSCORE', KEYS[4], id))
    local profile = redis.call('HGET', KEYS[1], id)
    local point = redis.call('HGET', KEYS[2], id)
    if seen and seen >= fresh_from and profile and point then
      out[#out + 1] = {id, profile, point}
      if #out == limit then break end
    end
  end
  return out
end
local ask = limit * 2 + 16
local found = search(ask)
local out = gather(found)
if #out < limit and #found == ask then out = gather(search(nil)) end
return out
)lua";

// ARGV the oldest time a fresh courier was heard at. {on shift, fresh}.
inline constexpr std::string_view counts = R"lua(
return {redis.call('ZCARD', KEYS[4]), redis.call('ZCOUNT', KEYS[4], ARGV[1], '+inf')}
)lua";

}  // namespace reskflow::drivers::redis_scripts
