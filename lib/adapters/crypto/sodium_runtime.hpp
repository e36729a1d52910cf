// libsodium must be initialised once per process before use (it picks implementations and seeds
// its random generator). Every crypto adapter calls this in its constructor.
#pragma once

namespace libstore::crypto {

void initialize_sodium_once();

}  // namespace libstore::crypto
