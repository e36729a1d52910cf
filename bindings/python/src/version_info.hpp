// The library version, for Python's libstore.version().
#pragma once

#include "libstore/version.h"
