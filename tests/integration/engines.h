// Database URLs for integration tests: a fresh SQLite file or a fresh PostgreSQL schema.
#pragma once

#include <string>

#include "reskflow/testing/paths.h"

namespace reskflow::testing {

enum class TestEngine { sqlite, postgres };

std::string engine_label(TestEngine engine);

// A URL naming an empty database on `engine`. PostgreSQL uses RESKFLOW_TEST_DATABASE_URL
// (set by make test) with a new schema as search_path; it throws if that is unset.
std::string fresh_database_url(TestEngine engine, const TempDir& dir);

}  // namespace reskflow::testing
