# Project-wide compile flags: warnings (as errors in CI), sanitizers.
set(RESKFLOW_WARNINGS -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast
    -Wcast-align -Woverloaded-virtual -Wconversion -Wsign-conversion
    -Wimplicit-fallthrough -Wno-missing-field-initializers)
# g++ 12 reports impossible std::string overlaps at -O2/-O3 once operator+ is inlined (GCC bug
# 105329, fixed in 13): a false positive that would fail every Release build.
# Likewise it reports members of braced temporaries holding std::variant or std::string as
# maybe uninitialized once inlined at -O3 (the std::optional/std::variant false positives of GCC
# bug 80635); the Debug build, which CI runs, keeps the warning.
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
  list(APPEND RESKFLOW_WARNINGS -Wno-restrict)
  if(NOT CMAKE_BUILD_TYPE STREQUAL "Debug")
    list(APPEND RESKFLOW_WARNINGS -Wno-maybe-uninitialized)
  endif()
endif()
if(RESKFLOW_WERROR)
  list(APPEND RESKFLOW_WARNINGS -Werror)
endif()

if(RESKFLOW_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
endif()

# reskflow_target_defaults(target): the flags every project target gets.
function(reskflow_target_defaults target)
  target_compile_options(${target} PRIVATE $<$<COMPILE_LANGUAGE:CXX>:${RESKFLOW_WARNINGS}>)
endfunction()

# reskflow_add_test(name [COST seconds] SOURCES... LIBS...): one GoogleTest binary per module.
# COST, for binaries whose cases each take 20 s or more (under ASan on two cores): each
# case's CTest COST, so `ctest -j2` starts them first instead of ending on one of them alone. A
# fresh clone (CI) has only these to go by; once ctest has timed a test in a build folder, it
# takes the larger of its COST and that time.
function(reskflow_add_test name)
  cmake_parse_arguments(T "" "COST" "SOURCES;LIBS" ${ARGN})
  add_executable(${name} ${T_SOURCES})
  reskflow_target_defaults(${name})
  target_link_libraries(${name} PRIVATE ${T_LIBS} GTest::gtest GTest::gtest_main)
  if(NOT T_COST)
    set(T_COST 0)
  endif()
  gtest_discover_tests(${name} WORKING_DIRECTORY ${PROJECT_SOURCE_DIR} DISCOVERY_TIMEOUT 60
                       PROPERTIES ENVIRONMENT "RESKFLOW_SOURCE_DIR=${PROJECT_SOURCE_DIR}"
                       COST ${T_COST})
endfunction()
