// The JSON Lines reader, decoder, evaluator and renderers on arbitrary bytes, against the schema
// of the community named on the input's first line (see fuzz_common.hpp).
#include "fuzz_common.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  rubric::fuzz::score_input(std::string_view(reinterpret_cast<const char*>(data), size), "jsonl");
  return 0;
}
