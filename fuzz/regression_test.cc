// Replays every seed of fuzz/corpus/request/ and every past crash in fuzz/regressions/ through
// the request fuzz target, so a fixed crash stays fixed in the ordinary (g++) test build.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "request_fuzz.h"

namespace reskflow::fuzz {
namespace {

namespace fs = std::filesystem;

constexpr std::size_t corpus_seeds_min = 20;

std::vector<fs::path> files_in(const char* subdirectory) {
  std::vector<fs::path> out;
  const fs::path dir = fs::path(RESKFLOW_FUZZ_DIR) / subdirectory;
  if (!fs::is_directory(dir)) return out;
  for (const auto& entry : fs::directory_iterator(dir)) {
    const auto name = entry.path().filename().string();
    if (entry.is_regular_file() && !name.starts_with(".") && name != "README.md")
      out.push_back(entry.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<fs::path> replay_inputs() {
  auto inputs = files_in("corpus/request");
  for (auto& p : files_in("regressions")) inputs.push_back(std::move(p));
  return inputs;
}

std::string read_bytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// A gtest name from a file name: letters and digits only.
std::string test_name(const testing::TestParamInfo<fs::path>& info) {
  auto name = info.param.parent_path().filename().string() + "_" + info.param.filename().string();
  std::replace_if(
      name.begin(), name.end(), [](char c) { return !std::isalnum(static_cast<unsigned char>(c)); },
      '_');
  return name;
}

class ReplaysFuzzInput : public testing::TestWithParam<fs::path> {};

TEST_P(ReplaysFuzzInput, WithoutCrashing) {
  const auto bytes = read_bytes(GetParam());
  SCOPED_TRACE(GetParam().string());
  fuzz_one_request(bytes);
}

INSTANTIATE_TEST_SUITE_P(Corpus, ReplaysFuzzInput, testing::ValuesIn(replay_inputs()), test_name);

TEST(FuzzCorpus, HasEnoughSeeds) { EXPECT_GE(files_in("corpus/request").size(), corpus_seeds_min); }

}  // namespace
}  // namespace reskflow::fuzz
