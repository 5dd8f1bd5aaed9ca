// Building the in-memory index from discovery's rows, and the lookups the queries make: the
// merchants whose zone box holds a point (a grid of cells over the boxes), the documents
// matching a text query (an inverted word index), and the vocabulary.
#include "index.h"

#include <algorithm>
#include <cmath>
#include <iterator>

#include <boost/json.hpp>

#include "card_text.h"

namespace reskflow::discovery {
namespace {

// Grid cells of 0.05 degrees (about 5.5 km north-south): a city's 3-7 km zones cover a few
// cells each, a point's cell lists the few dozen zones around it.
constexpr double cell_degrees = 0.05;
constexpr std::int64_t grid_columns = 7200;  // 360 / cell_degrees
// A zone whose box spans more cells than this is checked on every query instead.
constexpr std::int64_t cells_per_zone_max = 1024;

std::int64_t grid_row(double lat) {
  return static_cast<std::int64_t>(std::floor((lat + 90.0) / cell_degrees));
}

std::int64_t grid_column(double lng) {
  return std::clamp<std::int64_t>(
      static_cast<std::int64_t>(std::floor((lng + 180.0) / cell_degrees)), 0, grid_columns - 1);
}

bool box_holds(const geo::BoundingBox& box, geo::Point at) {
  return box.lat_min <= at.lat && at.lat <= box.lat_max && box.lng_min <= at.lng &&
         at.lng <= box.lng_max;
}

// The zone as the write side indexed it: a radius around the location, or the polygon document.
std::optional<geo::Zone> zone_of(const StoredMerchant& m) {
  if (m.zone_radius_m) return geo::Zone{geo::Zone::Kind::radius, m.location, *m.zone_radius_m, {}};
  boost::system::error_code ec;
  const auto document = boost::json::parse(m.zone_json, ec);
  if (ec) return std::nullopt;
  auto zone = geo::parse_zone(document, m.location, "delivery_zone");
  if (!zone) return std::nullopt;
  return std::move(*zone);
}

std::optional<hours::OpeningHours> hours_of(const StoredMerchant& m) {
  boost::system::error_code ec;
  const auto document = boost::json::parse(m.hours_json, ec);
  if (ec) return std::nullopt;
  auto parsed = hours::parse(document, "opening_hours");
  if (!parsed) return std::nullopt;
  return std::move(*parsed);
}

IndexedMerchant indexed(MerchantRow&& row) {
  IndexedMerchant m;
  m.zone = zone_of(row.merchant);
  if (m.zone) m.box = geo::bounding_box(*m.zone);
  m.hours = hours_of(row.merchant);
  m.stored = std::move(row.merchant);
  m.stored.zone_json.clear();  // parsed above: the queries never read the documents
  m.stored.hours_json.clear();
  m.dietary = std::move(row.dietary);
  m.fields = merchant_fields(m.stored);
  m.card_head = card_head(m.stored);
  m.card_tail = card_tail(m.stored);
  return m;
}

}  // namespace

void WordIndex::add(std::size_t document, const std::vector<std::string>& words) {
  for (const auto& w : words) postings_.push_back({w, {document}});
}

void WordIndex::finish() {
  std::sort(postings_.begin(), postings_.end());
  // Merge each word's entries into one ascending list.
  std::vector<std::pair<std::string, std::vector<std::size_t>>> merged;
  for (auto& [word, documents] : postings_) {
    if (merged.empty() || merged.back().first != word) {
      merged.emplace_back(std::move(word), std::move(documents));
    } else if (merged.back().second.back() != documents.front()) {
      merged.back().second.push_back(documents.front());
    }
  }
  postings_ = std::move(merged);
}

std::vector<std::size_t> WordIndex::group_matches(const TermGroup& group) const {
  std::vector<std::size_t> out;
  const auto add = [&](const std::vector<std::size_t>& documents) {
    out.insert(out.end(), documents.begin(), documents.end());
  };
  const auto by_word = [](const auto& entry, const std::string& word) {
    return entry.first < word;
  };
  if (!group.prefix.empty()) {
    for (auto it = std::lower_bound(postings_.begin(), postings_.end(), group.prefix, by_word);
         it != postings_.end() && it->first.starts_with(group.prefix); ++it)
      add(it->second);
  }
  for (const auto& w : group.words) {
    const auto it = std::lower_bound(postings_.begin(), postings_.end(), w, by_word);
    if (it != postings_.end() && it->first == w) add(it->second);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::vector<std::size_t> WordIndex::matching(const TermQuery& text) const {
  std::vector<std::size_t> out;
  for (std::size_t g = 0; g < text.size(); ++g) {
    auto matches = group_matches(text[g]);
    if (g == 0) {
      out = std::move(matches);
    } else {
      std::vector<std::size_t> both;
      std::set_intersection(out.begin(), out.end(), matches.begin(), matches.end(),
                            std::back_inserter(both));
      out = std::move(both);
    }
    if (out.empty()) break;
  }
  return out;
}

Index::Index(IndexRows rows) : vocabulary_(std::move(rows.vocabulary)) {
  vocabulary_words_.reserve(vocabulary_.size());
  for (const auto& word : vocabulary_) vocabulary_words_.insert(word);
  merchants_.reserve(rows.merchants.size());
  for (auto& row : rows.merchants) {
    merchant_words_.add(merchants_.size(), row.words);
    merchants_.push_back(indexed(std::move(row)));
    add_to_grid(merchants_.size() - 1);
  }
  merchant_words_.finish();
  items_.reserve(rows.items.size());
  for (auto& row : rows.items) {
    const auto merchant = std::lower_bound(
        merchants_.begin(), merchants_.end(), row.merchant_seq,
        [](const IndexedMerchant& m, std::int64_t seq) { return m.stored.seq < seq; });
    if (merchant == merchants_.end() || merchant->stored.seq != row.merchant_seq) continue;
    item_words_.add(items_.size(), row.words);
    IndexedItem item{
        std::move(row.item), static_cast<std::size_t>(merchant - merchants_.begin()), {}};
    item.fields = item_fields(item.item);
    items_.push_back(std::move(item));
  }
  item_words_.finish();
}

Index::Cell Index::cell_of(std::int64_t row, std::int64_t column) {
  return row * grid_columns + column;
}

void Index::add_to_grid(std::size_t position) {
  const auto& m = merchants_[position];
  if (!m.zone) return;  // delivers nowhere
  const auto rows = std::pair{grid_row(m.box.lat_min), grid_row(m.box.lat_max)};
  const auto columns = std::pair{grid_column(m.box.lng_min), grid_column(m.box.lng_max)};
  if ((rows.second - rows.first + 1) * (columns.second - columns.first + 1) > cells_per_zone_max) {
    wide_.push_back(position);
    return;
  }
  for (auto row = rows.first; row <= rows.second; ++row) {
    for (auto column = columns.first; column <= columns.second; ++column)
      grid_[cell_of(row, column)].push_back(position);
  }
}

std::vector<std::size_t> Index::merchants_near(geo::Point at) const {
  std::vector<std::size_t> out;
  const auto holds = [&](std::size_t position) { return box_holds(merchants_[position].box, at); };
  const auto cell = grid_.find(cell_of(grid_row(at.lat), grid_column(at.lng)));
  if (cell != grid_.end())
    std::copy_if(cell->second.begin(), cell->second.end(), std::back_inserter(out), holds);
  if (wide_.empty()) return out;
  const auto from_grid = out.size();
  std::copy_if(wide_.begin(), wide_.end(), std::back_inserter(out), holds);
  std::inplace_merge(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(from_grid), out.end());
  return out;
}

std::vector<std::string> Index::vocabulary_range(const TwoTyposRange& range,
                                                 std::size_t rows_max) const {
  std::vector<std::string> out;
  for (auto it = std::lower_bound(vocabulary_.begin(), vocabulary_.end(), range.first);
       it != vocabulary_.end() && out.size() < rows_max; ++it) {
    if (!range.after.empty() && *it >= range.after) break;
    if (it->size() >= range.chars_min && it->size() <= range.chars_max) out.push_back(*it);
  }
  return out;
}

std::optional<double> distance_if_delivering(const IndexedMerchant& merchant, geo::Point at) {
  const double distance = geo::distance_m(merchant.stored.location, at);
  if (merchant.stored.zone_radius_m) {
    if (distance <= *merchant.stored.zone_radius_m) return distance;
    return std::nullopt;
  }
  if (!merchant.zone || !geo::covers(*merchant.zone, at)) return std::nullopt;
  return distance;
}

bool open_now(const IndexedMerchant& merchant, std::int64_t now_us) {
  const auto& paused = merchant.stored.paused_until_us;
  if (paused && *paused > now_us) return false;
  if (!merchant.hours) return false;
  const auto open = hours::open_at(*merchant.hours, merchant.stored.time_zone, now_us);
  return open && *open;
}

}  // namespace reskflow::discovery
