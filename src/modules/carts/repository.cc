// SQL over the carts tables; both engines run the same statements.
#include "repository.h"

#include <boost/json.hpp>

#include "reskflow/core/json_text.h"

namespace reskflow::carts {
namespace {

constexpr std::string_view cart_columns =
    "c.id, c.host_id, c.merchant_id, c.currency, c.status, c.is_group, c.invite_token_hash, "
    "c.version, c.created_at_us, c.updated_at_us, c.delivery_lat, c.delivery_lng, c.invite_nonce";

constexpr std::size_t cart_column_count = 13;

CartRow cart_of(const store::Row& r) {
  CartRow out{r.text(0),
              r.text(1),
              r.text(2),
              r.text(3),
              r.text(4),
              r.boolean(5),
              r.optional_text(6).value_or(""),
              r.int64(7),
              r.int64(8),
              r.int64(9),
              std::nullopt,
              r.optional_text(12).value_or("")};
  const auto lat = r.optional_real(10), lng = r.optional_real(11);
  if (lat && lng) out.delivery_point = modules::geo::Point{*lat, *lng};
  return out;
}

std::string options_text(const std::vector<PricedOption>& options) {
  boost::json::array out;
  for (const auto& o : options) {
    out.push_back({{"id", o.id},
                   {"group_id", o.group_id},
                   {"name", o.name},
                   {"price_delta_minor", o.price_delta.amount_minor}});
  }
  return json::serialize(out);
}

// Stored by this module only, so a malformed document is a bug, not input: it reads as empty.
boost::json::array stored_array(std::string_view text) {
  boost::system::error_code ec;
  auto v = boost::json::parse(text, ec);
  if (ec || !v.is_array()) return {};
  return std::move(v.as_array());
}

std::vector<std::string> option_ids_of(std::string_view text) {
  std::vector<std::string> out;
  for (const auto& v : stored_array(text)) {
    if (v.is_string()) out.emplace_back(v.as_string());
  }
  return out;
}

std::vector<PricedOption> options_of(std::string_view text, const std::string& currency) {
  std::vector<PricedOption> out;
  for (const auto& v : stored_array(text)) {
    const auto* o = v.if_object();
    if (o == nullptr) continue;
    const auto str = [o](std::string_view key) {
      const auto* s = o->if_contains(key);
      return s && s->is_string() ? std::string(s->as_string()) : std::string();
    };
    const auto* delta = o->if_contains("price_delta_minor");
    out.push_back({str("id"),
                   str("group_id"),
                   str("name"),
                   {delta && delta->is_int64() ? delta->as_int64() : 0, currency}});
  }
  return out;
}

Result<std::vector<std::string>> ids(store::Transaction& tx, std::string_view sql,
                                     std::string_view user_id) {
  RF_TRY(rows, tx.query(sql, {std::string(user_id)}));
  std::vector<std::string> out;
  for (const auto r : *rows) out.push_back(r.text(0));
  return out;
}

Result<std::vector<ParticipantRow>> participants_of(store::Transaction& tx,
                                                    const std::string& cart_id) {
  RF_TRY(rows, tx.query("SELECT user_id, display_name, is_host, joined_at_us FROM "
                        "carts_participants WHERE cart_id = $1 ORDER BY is_host DESC, "
                        "joined_at_us, user_id",
                        {cart_id}));
  std::vector<ParticipantRow> out;
  for (const auto r : *rows) out.push_back({r.text(0), r.text(1), r.boolean(2), r.int64(3)});
  return out;
}

// Amounts are in the cart's `currency`.
Result<std::vector<LineRow>> lines_of(store::Transaction& tx, const std::string& cart_id,
                                      const std::string& currency) {
  RF_TRY(rows, tx.query("SELECT id, participant_id, item_id, name, quantity, option_ids, "
                        "options_json, note, unit_price_minor, created_at_us, updated_at_us "
                        "FROM carts_lines WHERE cart_id = $1 ORDER BY created_at_us, id",
                        {cart_id}));
  std::vector<LineRow> out;
  for (const auto r : *rows) {
    out.push_back({r.text(0), r.text(1), r.text(2), r.text(3), r.int64(4),
                   option_ids_of(r.text_view(5)), options_of(r.text_view(6), currency), r.text(7),
                   modules::Money{r.int64(8), currency}, r.int64(9), r.int64(10)});
  }
  return out;
}

}  // namespace

std::string option_ids_text(const std::vector<std::string>& sorted_ids) {
  return json::serialize(boost::json::value_from(sorted_ids));
}

const ParticipantRow* CartState::participant(std::string_view user_id) const {
  for (const auto& p : participants) {
    if (p.user_id == user_id) return &p;
  }
  return nullptr;
}

const LineRow* CartState::line(std::string_view line_id) const {
  for (const auto& l : lines) {
    if (l.id == line_id) return &l;
  }
  return nullptr;
}

namespace repository {

Result<std::optional<CartState>> load(store::Transaction& tx, std::string_view cart_id) {
  const std::string id(cart_id);
  RF_TRY(row, cart(tx, id));
  if (!*row) return std::optional<CartState>{};
  CartState state{std::move(**row), {}, {}};
  RF_TRY(participants, participants_of(tx, id));
  RF_TRY(lines, lines_of(tx, id, state.cart.currency));
  state.participants = std::move(*participants);
  state.lines = std::move(*lines);
  return std::optional<CartState>(std::move(state));
}

Result<std::optional<CartRow>> cart(store::Transaction& tx, std::string_view cart_id) {
  RF_TRY(rows,
         tx.query("SELECT " + std::string(cart_columns) + " FROM carts_carts c WHERE c.id = $1",
                  {std::string(cart_id)}));
  if (rows->empty()) return std::optional<CartRow>{};
  return std::optional<CartRow>(cart_of(rows->front()));
}

Result<bool> is_participant(store::Transaction& tx, std::string_view cart_id,
                            std::string_view user_id) {
  RF_TRY(rows, tx.query("SELECT 1 FROM carts_participants WHERE cart_id = $1 AND user_id = $2",
                        {std::string(cart_id), std::string(user_id)}));
  return !rows->empty();
}

Result<std::optional<std::string>> active_cart_id(store::Transaction& tx, std::string_view host_id,
                                                  std::string_view merchant_id) {
  RF_TRY(rows, tx.query("SELECT id FROM carts_carts WHERE host_id = $1 AND merchant_id = $2 "
                        "AND status IN ('open', 'locked')",
                        {std::string(host_id), std::string(merchant_id)}));
  if (rows->empty()) return std::optional<std::string>{};
  return std::optional<std::string>(rows->front().text(0));
}

Result<std::int64_t> active_cart_count(store::Transaction& tx, std::string_view user_id) {
  RF_TRY(rows, tx.query("SELECT COUNT(*) FROM carts_participants p JOIN carts_carts c ON "
                        "c.id = p.cart_id WHERE p.user_id = $1 AND c.status IN ('open', "
                        "'locked')",
                        {std::string(user_id)}));
  return rows->front().int64(0);
}

Result<bool> insert_cart(store::Transaction& tx, const CartRow& c) {
  RF_TRY(rows, tx.query("INSERT INTO carts_carts (id, host_id, merchant_id, currency, status, "
                        "is_group, version, created_at_us, updated_at_us, delivery_lat, "
                        "delivery_lng) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) "
                        "ON CONFLICT DO NOTHING RETURNING id",
                        {c.id, c.host_id, c.merchant_id, c.currency, c.status, c.group, c.version,
                         c.created_at_us, c.updated_at_us,
                         c.delivery_point ? store::Value(c.delivery_point->lat)
                                          : store::Value(store::null_value),
                         c.delivery_point ? store::Value(c.delivery_point->lng)
                                          : store::Value(store::null_value)}));
  return !rows->empty();
}

Status insert_participant(store::Transaction& tx, std::string_view cart_id,
                          const ParticipantRow& p) {
  RF_TRY(n, tx.exec("INSERT INTO carts_participants (cart_id, user_id, display_name, "
                    "is_host, joined_at_us) VALUES ($1, $2, $3, $4, $5)",
                    {std::string(cart_id), p.user_id, p.display_name, p.host, p.joined_at_us}));
  return {};
}

Status rename_participant(store::Transaction& tx, std::string_view cart_id,
                          std::string_view user_id, std::string_view display_name) {
  RF_TRY(n, tx.exec("UPDATE carts_participants SET display_name = $3 WHERE cart_id = $1 AND "
                    "user_id = $2",
                    {std::string(cart_id), std::string(user_id), std::string(display_name)}));
  return {};
}

Status delete_participant(store::Transaction& tx, std::string_view cart_id,
                          std::string_view user_id) {
  const store::Params key{std::string(cart_id), std::string(user_id)};
  RF_TRY(lines, tx.exec("DELETE FROM carts_lines WHERE cart_id = $1 AND participant_id = $2", key));
  RF_TRY(n, tx.exec("DELETE FROM carts_participants WHERE cart_id = $1 AND user_id = $2", key));
  return {};
}

Status insert_line(store::Transaction& tx, std::string_view cart_id, const LineRow& l) {
  RF_TRY(n, tx.exec("INSERT INTO carts_lines (id, cart_id, participant_id, item_id, name, "
                    "quantity, option_ids, options_json, note, unit_price_minor, "
                    "created_at_us, updated_at_us) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, "
                    "$9, $10, $11, $12)",
                    {l.id, std::string(cart_id), l.participant_id, l.item_id, l.name, l.quantity,
                     option_ids_text(l.option_ids), options_text(l.options), l.note,
                     l.unit_price.amount_minor, l.created_at_us, l.updated_at_us}));
  return {};
}

Status update_line(store::Transaction& tx, std::string_view cart_id, const LineRow& l) {
  RF_TRY(n, tx.exec("UPDATE carts_lines SET name = $3, quantity = $4, option_ids = $5, "
                    "options_json = $6, note = $7, unit_price_minor = $8, updated_at_us = $9 "
                    "WHERE cart_id = $1 AND id = $2",
                    {std::string(cart_id), l.id, l.name, l.quantity, option_ids_text(l.option_ids),
                     options_text(l.options), l.note, l.unit_price.amount_minor, l.updated_at_us}));
  return {};
}

Status delete_line(store::Transaction& tx, std::string_view cart_id, std::string_view line_id) {
  RF_TRY(n, tx.exec("DELETE FROM carts_lines WHERE cart_id = $1 AND id = $2",
                    {std::string(cart_id), std::string(line_id)}));
  return {};
}

Status set_group(store::Transaction& tx, std::string_view cart_id, std::string_view token_hash,
                 std::string_view nonce) {
  RF_TRY(n, tx.exec("UPDATE carts_carts SET is_group = TRUE, invite_token_hash = $2, "
                    "invite_nonce = $3 WHERE id = $1",
                    {std::string(cart_id), std::string(token_hash), std::string(nonce)}));
  return {};
}

Status set_delivery_point(store::Transaction& tx, std::string_view cart_id,
                          modules::geo::Point point) {
  RF_TRY(n, tx.exec("UPDATE carts_carts SET delivery_lat = $2, delivery_lng = $3 WHERE id = $1",
                    {std::string(cart_id), point.lat, point.lng}));
  return {};
}

Result<bool> advance(store::Transaction& tx, std::string_view cart_id, std::int64_t version,
                     std::string_view status, std::int64_t now_us) {
  RF_TRY(n, tx.exec("UPDATE carts_carts SET version = version + 1, status = $3, "
                    "updated_at_us = $4 WHERE id = $1 AND version = $2",
                    {std::string(cart_id), version, std::string(status), now_us}));
  return *n == 1;
}

Result<std::optional<std::string>> cart_by_invite(store::Transaction& tx,
                                                  std::string_view token_hash) {
  RF_TRY(rows, tx.query("SELECT id FROM carts_carts WHERE invite_token_hash = $1",
                        {std::string(token_hash)}));
  if (rows->empty()) return std::optional<std::string>{};
  return std::optional<std::string>(rows->front().text(0));
}

Result<StoredTotals> stored_totals(store::Transaction& tx, std::string_view cart_id) {
  RF_TRY(rows, tx.query("SELECT COALESCE(SUM(l.quantity), 0), COALESCE(SUM(l.quantity * "
                        "l.unit_price_minor), 0), c.currency FROM carts_carts c LEFT JOIN "
                        "carts_lines l ON l.cart_id = c.id WHERE c.id = $1 GROUP BY c.currency",
                        {std::string(cart_id)}));
  if (rows->empty()) return fail(ErrorCode::not_found, "no such cart");
  const auto r = rows->front();
  return StoredTotals{r.int64(0), {r.int64(1), r.text(2)}};
}

Result<std::vector<CartSummary>> list_active(store::Transaction& tx, std::string_view user_id,
                                             std::string_view before_id, std::int64_t limit) {
  std::string sql = "SELECT " + std::string(cart_columns) +
                    ", p.is_host, (SELECT COUNT(*) FROM carts_lines l WHERE l.cart_id = c.id), "
                    "(SELECT COALESCE(SUM(l.quantity), 0) FROM carts_lines l WHERE l.cart_id = "
                    "c.id) FROM carts_participants p JOIN carts_carts c ON c.id = p.cart_id "
                    "WHERE p.user_id = $1 AND c.status IN ('open', 'locked')";
  store::Params params{std::string(user_id), limit};
  if (!before_id.empty()) {
    sql += " AND c.id < $3";
    params.emplace_back(std::string(before_id));
  }
  sql += " ORDER BY c.id DESC LIMIT $2";
  RF_TRY(rows, tx.query(sql, params));
  std::vector<CartSummary> out;
  for (const auto r : *rows) {
    out.push_back({cart_of(r), r.boolean(cart_column_count), r.int64(cart_column_count + 1),
                   r.int64(cart_column_count + 2)});
  }
  return out;
}

Result<std::vector<CartRow>> idle_carts(store::Transaction& tx, std::int64_t before_us,
                                        std::int64_t limit) {
  RF_TRY(rows, tx.query("SELECT " + std::string(cart_columns) +
                            " FROM carts_carts c WHERE c.status IN ('open', 'locked') AND "
                            "c.updated_at_us < $1 ORDER BY c.updated_at_us, c.id LIMIT $2",
                        {before_us, limit}));
  std::vector<CartRow> out;
  for (const auto r : *rows) out.push_back(cart_of(r));
  return out;
}

Result<std::vector<std::string>> hosted_cart_ids(store::Transaction& tx, std::string_view user_id) {
  return ids(tx, "SELECT id FROM carts_carts WHERE host_id = $1 ORDER BY id", user_id);
}

Result<std::vector<std::string>> joined_cart_ids(store::Transaction& tx, std::string_view user_id) {
  return ids(tx,
             "SELECT cart_id FROM carts_participants WHERE user_id = $1 AND NOT is_host ORDER BY "
             "cart_id",
             user_id);
}

Status delete_cart(store::Transaction& tx, std::string_view cart_id) {
  RF_TRY(n, tx.exec("DELETE FROM carts_carts WHERE id = $1", {std::string(cart_id)}));
  return {};
}

}  // namespace repository
}  // namespace reskflow::carts
