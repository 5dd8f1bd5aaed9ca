// SQL values, statement parameters and result rows: plain C++ types shared by both engines.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace reskflow::store {

using Blob = std::vector<std::byte>;

// NULL, INTEGER (BIGINT), REAL (DOUBLE PRECISION), TEXT, BLOB (BYTEA), BOOLEAN.
using Value = std::variant<std::monostate, std::int64_t, double, std::string, Blob, bool>;

// Bound to $1, $2, ... in order.
using Params = std::vector<Value>;

inline constexpr std::monostate null_value{};

// One result row. The typed getters convert losslessly between the numeric kinds (an INTEGER
// read as double, 0/1 read as bool, an integral NUMERIC read as int64); anything else (NULL
// through a non-optional getter, text read as a number, a column index out of range) is a bug
// in the calling code and aborts with a message naming the column, in every build type.
class Row {
 public:
  Row(std::span<const Value> values, std::span<const std::string> columns) noexcept
      : values_(values), columns_(columns) {}

  std::size_t size() const noexcept { return values_.size(); }
  const Value& value(std::size_t column) const;
  bool is_null(std::size_t column) const;

  std::int64_t int64(std::size_t column) const;
  double real(std::size_t column) const;
  std::string text(std::size_t column) const;
  std::string_view text_view(std::size_t column) const;
  bool boolean(std::size_t column) const;
  Blob blob(std::size_t column) const;

  std::optional<std::int64_t> optional_int64(std::size_t column) const;
  std::optional<double> optional_real(std::size_t column) const;
  std::optional<std::string> optional_text(std::size_t column) const;
  std::optional<bool> optional_boolean(std::size_t column) const;
  std::optional<Blob> optional_blob(std::size_t column) const;

 private:
  std::span<const Value> values_;
  std::span<const std::string> columns_;
};

// A whole result set, row-major.
class Rows {
 public:
  Rows() = default;
  explicit Rows(std::vector<std::string> columns) : columns_(std::move(columns)) {}

  std::size_t size() const noexcept {
    return columns_.empty() ? 0 : values_.size() / columns_.size();
  }
  bool empty() const noexcept { return size() == 0; }
  const std::vector<std::string>& columns() const noexcept { return columns_; }
  std::optional<std::size_t> column_index(std::string_view name) const;

  Row operator[](std::size_t row) const;
  Row front() const { return (*this)[0]; }

  // Engines append one row at a time: exactly columns().size() values per row.
  void append(Value value) { values_.push_back(std::move(value)); }

  class Iterator {
   public:
    Iterator(const Rows* rows, std::size_t row) : rows_(rows), row_(row) {}
    Row operator*() const { return (*rows_)[row_]; }
    Iterator& operator++() {
      ++row_;
      return *this;
    }
    bool operator==(const Iterator& other) const = default;

   private:
    const Rows* rows_;
    std::size_t row_;
  };
  Iterator begin() const { return {this, 0}; }
  Iterator end() const { return {this, size()}; }

 private:
  std::vector<std::string> columns_;
  std::vector<Value> values_;
};

}  // namespace reskflow::store
