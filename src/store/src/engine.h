// What each engine implements behind Database and Transaction (private to reskflow_store).
#pragma once

#include <memory>
#include <string>

#include "reskflow/store/database.h"

namespace reskflow::store::detail {

// A Transaction with an end. The engine's destructor rolls back what was neither committed
// nor rolled back, and returns the connection to its pool.
class EngineTransaction : public Transaction {
 public:
  ~EngineTransaction() override = default;
  virtual Status commit() = 0;
  virtual void rollback() noexcept = 0;

 protected:
  EngineTransaction(Engine engine, bool read_only) : Transaction(engine, read_only) {}
};

Result<std::unique_ptr<Database>> open_sqlite(const std::string& path,
                                              const DatabaseOptions& options);
Result<std::unique_ptr<Database>> open_postgres(const std::string& url,
                                                const DatabaseOptions& options);

}  // namespace reskflow::store::detail
