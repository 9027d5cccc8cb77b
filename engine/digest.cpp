#include "engine/digest.hpp"

#include <unistd.h>

#include <cerrno>
#include <memory>
#include <vector>

#include <fmt/format.h>
#include <openssl/evp.h>

namespace rubric::engine {

namespace {

std::string hex(const unsigned char* digest, unsigned int length) {
  std::string out;
  for (unsigned int i = 0; i < length; ++i) out += fmt::format("{:02x}", digest[i]);
  return out;
}

}  // namespace

std::string sha256_hex(std::string_view text) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(text.data(), text.size(), digest, &length, EVP_sha256(), nullptr);
  return hex(digest, length);
}

std::optional<std::string> sha256_hex_of_file(int fd) {
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> context(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
  if (!context || EVP_DigestInit_ex(context.get(), EVP_sha256(), nullptr) != 1) return std::nullopt;
  constexpr std::size_t buffer_size = 1 << 20;
  auto buffer = std::make_unique_for_overwrite<char[]>(buffer_size);  // not zeroed: pread fills it
  for (off_t at = 0;;) {
    ssize_t got = ::pread(fd, buffer.get(), buffer_size, at);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) return std::nullopt;
    if (got == 0) break;
    EVP_DigestUpdate(context.get(), buffer.get(), static_cast<std::size_t>(got));
    at += got;
  }
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_DigestFinal_ex(context.get(), digest, &length);
  return hex(digest, length);
}

}  // namespace rubric::engine
