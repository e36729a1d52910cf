// Voucher documents in `vouchers`, read by the voucher repository and by the cart's lookup.
#pragma once

#include <bson/bson.h>

#include "core/vouchers/voucher.hpp"

namespace libstore::mongo {

Voucher voucher_from_bson(const bson_t *document);

}  // namespace libstore::mongo
