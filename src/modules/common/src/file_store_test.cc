// The filesystem file store: what is put is got back whole, replaced, removed, and keys that
// could name a path are refused.
#include "reskflow/modules/file_store.h"

#include <gtest/gtest.h>

#include "reskflow/testing/paths.h"

namespace reskflow::modules {
namespace {

TEST(FileStoreTest, PutsGetsReplacesAndRemoves) {
  reskflow::testing::TempDir dir;
  auto store = FilesystemFileStore::open(dir.path() / "nested" / "proofs");
  ASSERT_TRUE(store) << store.error().detail;
  const std::string bytes("\xFF\xD8\0binary\0", 10);
  ASSERT_TRUE((*store)->put("photo-d1-abc.jpg", bytes));
  EXPECT_EQ((*store)->get("photo-d1-abc.jpg").value_or(""), bytes);
  ASSERT_TRUE((*store)->put("photo-d1-abc.jpg", "other"));
  EXPECT_EQ((*store)->get("photo-d1-abc.jpg").value_or(""), "other");
  ASSERT_TRUE((*store)->remove("photo-d1-abc.jpg"));
  const auto gone = (*store)->get("photo-d1-abc.jpg");
  ASSERT_FALSE(gone);
  EXPECT_EQ(gone.error().code, ErrorCode::not_found);
  EXPECT_TRUE((*store)->remove("photo-d1-abc.jpg"));  // removing nothing succeeds
  // Only the file itself is left behind: no temporary files.
  std::size_t files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir.path() / "nested" / "proofs")) {
    (void)entry;
    ++files;
  }
  EXPECT_EQ(files, 0U);
}

TEST(FileStoreTest, RefusesKeysThatCouldNameAPath) {
  reskflow::testing::TempDir dir;
  FilesystemFileStore store(dir.path());
  for (const auto* key : {"../escape", "a/b", ".hidden", "", "UPPER"}) {
    EXPECT_FALSE(store.put(key, "x")) << key;
    EXPECT_FALSE(store.get(key)) << key;
  }
}

}  // namespace
}  // namespace reskflow::modules
