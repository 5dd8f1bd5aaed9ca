// Row getters: lossless numeric conversions, and an abort naming the column on a type bug.
#include "reskflow/store/value.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace reskflow::store {

namespace {

constexpr const char* kind_names[] = {"NULL", "INTEGER", "REAL", "TEXT", "BLOB", "BOOLEAN"};

[[noreturn]] void type_bug(std::span<const std::string> columns, std::size_t column,
                           const char* wanted, const Value* value) {
  const char* name = column < columns.size() ? columns[column].c_str() : "?";
  const char* got = value ? kind_names[value->index()] : "no such column";
  std::fprintf(stderr, "reskflow::store: column %zu (%s) read as %s but holds %s\n", column, name,
               wanted, got);
  std::abort();
}

std::optional<std::int64_t> integral(double number) {
  constexpr double int64_limit = 9223372036854775808.0;  // 2^63
  if (!std::isfinite(number) || std::trunc(number) != number) return std::nullopt;
  if (number < -int64_limit || number >= int64_limit) return std::nullopt;
  return static_cast<std::int64_t>(number);
}

}  // namespace

const Value& Row::value(std::size_t column) const {
  if (column >= values_.size()) type_bug(columns_, column, "a value", nullptr);
  return values_[column];
}

bool Row::is_null(std::size_t column) const {
  return std::holds_alternative<std::monostate>(value(column));
}

std::optional<std::int64_t> Row::optional_int64(std::size_t column) const {
  const Value& v = value(column);
  if (std::holds_alternative<std::monostate>(v)) return std::nullopt;
  if (const auto* i = std::get_if<std::int64_t>(&v)) return *i;
  if (const auto* b = std::get_if<bool>(&v)) return *b ? 1 : 0;
  if (const auto* d = std::get_if<double>(&v)) {
    if (auto exact = integral(*d)) return exact;
  }
  type_bug(columns_, column, "INTEGER", &v);
}

std::optional<double> Row::optional_real(std::size_t column) const {
  const Value& v = value(column);
  if (std::holds_alternative<std::monostate>(v)) return std::nullopt;
  if (const auto* d = std::get_if<double>(&v)) return *d;
  if (const auto* i = std::get_if<std::int64_t>(&v)) return static_cast<double>(*i);
  type_bug(columns_, column, "REAL", &v);
}

std::optional<std::string> Row::optional_text(std::size_t column) const {
  const Value& v = value(column);
  if (std::holds_alternative<std::monostate>(v)) return std::nullopt;
  if (const auto* s = std::get_if<std::string>(&v)) return *s;
  type_bug(columns_, column, "TEXT", &v);
}

std::optional<bool> Row::optional_boolean(std::size_t column) const {
  const Value& v = value(column);
  if (std::holds_alternative<std::monostate>(v)) return std::nullopt;
  if (const auto* b = std::get_if<bool>(&v)) return *b;
  if (const auto* i = std::get_if<std::int64_t>(&v); i && (*i == 0 || *i == 1)) return *i == 1;
  type_bug(columns_, column, "BOOLEAN", &v);
}

std::optional<Blob> Row::optional_blob(std::size_t column) const {
  const Value& v = value(column);
  if (std::holds_alternative<std::monostate>(v)) return std::nullopt;
  if (const auto* b = std::get_if<Blob>(&v)) return *b;
  type_bug(columns_, column, "BLOB", &v);
}

std::int64_t Row::int64(std::size_t column) const {
  if (auto v = optional_int64(column)) return *v;
  type_bug(columns_, column, "INTEGER", &values_[column]);
}

double Row::real(std::size_t column) const {
  if (auto v = optional_real(column)) return *v;
  type_bug(columns_, column, "REAL", &values_[column]);
}

std::string Row::text(std::size_t column) const { return std::string(text_view(column)); }

std::string_view Row::text_view(std::size_t column) const {
  const Value& v = value(column);
  if (const auto* s = std::get_if<std::string>(&v)) return *s;
  type_bug(columns_, column, "TEXT", &v);
}

bool Row::boolean(std::size_t column) const {
  if (auto v = optional_boolean(column)) return *v;
  type_bug(columns_, column, "BOOLEAN", &values_[column]);
}

Blob Row::blob(std::size_t column) const {
  if (auto v = optional_blob(column)) return std::move(*v);
  type_bug(columns_, column, "BLOB", &values_[column]);
}

std::optional<std::size_t> Rows::column_index(std::string_view name) const {
  for (std::size_t i = 0; i < columns_.size(); ++i) {
    if (columns_[i] == name) return i;
  }
  return std::nullopt;
}

Row Rows::operator[](std::size_t row) const {
  if (row >= size()) {
    std::fprintf(stderr, "reskflow::store: row %zu of %zu read\n", row, size());
    std::abort();
  }
  const std::size_t width = columns_.size();
  return Row(std::span<const Value>(values_).subspan(row * width, width), columns_);
}

}  // namespace reskflow::store
