# Every dependency comes from a Debian 12 package (scripts/setup.sh installs them).
find_package(Threads REQUIRED)
find_package(Boost 1.81 REQUIRED COMPONENTS json url)
find_package(OpenSSL 3 REQUIRED)
find_package(ZLIB REQUIRED)
find_package(SQLite3 REQUIRED)
find_package(PostgreSQL REQUIRED)
find_package(fmt REQUIRED)
find_package(spdlog REQUIRED)
find_package(CLI11 REQUIRED)
# Howard Hinnant's date: IANA time zones from the system tz database (g++ 12 lacks std::chrono::tzdb).
find_package(date CONFIG REQUIRED)
find_package(PkgConfig REQUIRED)
pkg_check_modules(SODIUM REQUIRED IMPORTED_TARGET libsodium)
# The chain module: secp256k1 signatures, Keccak-256 and JSON-RPC over HTTP(S).
pkg_check_modules(SECP256K1 REQUIRED IMPORTED_TARGET libsecp256k1)
pkg_check_modules(CRYPTOPP REQUIRED IMPORTED_TARGET libcrypto++)
pkg_check_modules(CURL REQUIRED IMPORTED_TARGET libcurl)
# Several nodes (src/cluster): nats.c 3.4 for NATS and JetStream. Debian's cnats CMake package
# names a static library it does not ship, so pkg-config finds it.
pkg_check_modules(NATS REQUIRED IMPORTED_TARGET libnats)
# hiredis 0.14 for what nodes share in Redis (rate-limit buckets, the revocation broadcast).
pkg_check_modules(HIREDIS REQUIRED IMPORTED_TARGET hiredis)
if(RESKFLOW_TESTS)
  find_package(GTest REQUIRED)
endif()
if(RESKFLOW_BENCH)
  find_package(benchmark REQUIRED)
endif()
