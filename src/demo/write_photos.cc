// demo_photos DIR: writes the demo city's placeholder photos (<cuisine>.svg) into DIR, which is
// web/public/demo/photos in this repository (Vite copies web/public into web/dist).
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "reskflow/demo/photos.h"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: demo_photos DIR\n");
    return 2;
  }
  const std::filesystem::path dir(argv[1]);
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  for (const auto cuisine : reskflow::demo::photo_cuisines()) {
    std::ofstream out(dir / (std::string(cuisine) + ".svg"), std::ios::binary | std::ios::trunc);
    out << reskflow::demo::photo_svg(cuisine);
    if (!out) {
      std::fprintf(stderr, "demo_photos: cannot write %s\n", dir.c_str());
      return 1;
    }
  }
  return 0;
}
