# fuzz_regression_test: replays fuzz/corpus/request/ and fuzz/regressions/ through the fuzz
# target with the normal compiler. Included from the top-level CMakeLists when tests are on.
reskflow_add_test(fuzz_regression_test
  SOURCES
    ${CMAKE_CURRENT_LIST_DIR}/regression_test.cc
    ${CMAKE_CURRENT_LIST_DIR}/request_fuzz.cc
    ${CMAKE_CURRENT_LIST_DIR}/fuzz_routes.cc
  LIBS reskflow_core ZLIB::ZLIB)
target_include_directories(fuzz_regression_test PRIVATE ${PROJECT_SOURCE_DIR}/src/core/src)
target_compile_definitions(fuzz_regression_test PRIVATE
  RESKFLOW_FUZZ_DIR="${CMAKE_CURRENT_LIST_DIR}")
