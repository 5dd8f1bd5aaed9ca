// A dense square matrix of scaled travel durations, distances or costs, row-major.
#pragma once

#include <cstddef>
#include <vector>

namespace reskflow::optimize {

template <typename T>
class Matrix {
 public:
  Matrix() = default;
  explicit Matrix(std::size_t size, T value = T{}) : size_(size), data_(size * size, value) {}

  [[nodiscard]] std::size_t size() const { return size_; }
  [[nodiscard]] T operator()(std::size_t from, std::size_t to) const {
    return data_[from * size_ + to];
  }
  T& at(std::size_t from, std::size_t to) { return data_[from * size_ + to]; }
  [[nodiscard]] bool empty() const { return size_ == 0; }

  // Grows the matrix to new_size, keeping existing entries; new entries get value.
  void grow(std::size_t new_size, T value = T{}) {
    std::vector<T> data(new_size * new_size, value);
    for (std::size_t i = 0; i < size_; ++i) {
      for (std::size_t j = 0; j < size_; ++j) data[i * new_size + j] = data_[i * size_ + j];
    }
    data_ = std::move(data);
    size_ = new_size;
  }
  friend bool operator==(const Matrix&, const Matrix&) = default;

 private:
  std::size_t size_ = 0;
  std::vector<T> data_;
};

}  // namespace reskflow::optimize
