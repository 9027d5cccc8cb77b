// The JSON Lines reader and decoder against the reference rubric's schema, on arbitrary bytes.
#include "fuzz_common.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  rubric::fuzz::score_bytes(std::string(reinterpret_cast<const char*>(data), size), "events.jsonl");
  return 0;
}
