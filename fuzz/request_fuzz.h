// The request-path fuzz target, shared by the libFuzzer binary (fuzz_request) and the
// GoogleTest replay of the corpus (fuzz_regression_test).
#pragma once

#include <string_view>

namespace reskflow::fuzz {

// Raw bytes (one or more pipelined HTTP/1.1 requests) through Beast's parser with the server's
// limits, to_request, a realistic Router and, for routes that take a body, JSON validation;
// then the response is rendered and serialised. Must never crash, leak or hit UB.
void fuzz_one_request(std::string_view bytes);

}  // namespace reskflow::fuzz
