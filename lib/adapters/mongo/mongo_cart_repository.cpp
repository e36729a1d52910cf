#include "adapters/mongo/mongo_cart_repository.hpp"

#include "adapters/mongo/bson_document.hpp"
#include "adapters/mongo/bson_fields.hpp"
#include "adapters/mongo/bson_writing.hpp"
#include "adapters/mongo/collection_operations.hpp"
#include "adapters/mongo/collections.hpp"
#include "adapters/mongo/mongo_error.hpp"
#include "adapters/mongo/mongo_unit_of_work.hpp"
#include "adapters/mongo/product_bson.hpp"
#include "core/cart/guest_cart_token.hpp"
#include "adapters/mongo/voucher_bson.hpp"

namespace libstore::mongo {

namespace {

// A cart's _id: the user's ObjectId, or a guest cart's key as a string (so the two never meet).
void append_cart_id(bson_t *document, const char *key, const std::string &cart_key) {
    if (is_guest_cart_key(cart_key)) {
        append_text(document, key, cart_key);
    } else {
        append_object_id(document, key, cart_key);
    }
}

constexpr int kMergedGuestCartsKept = 50;

// What a stored cart says besides its lines: its version, and a guest cart's expiry and
// incarnation or a user cart's merged guest carts.
void read_cart_state(const bson_t *document, Cart &cart) {
    cart.version = read_int64(document, "version");
    bson_iter_t iter;
    if (bson_iter_init_find(&iter, document, "expires_at") && BSON_ITER_HOLDS_DATE_TIME(&iter)) {
        cart.expires_at_ms = bson_iter_date_time(&iter);
    }
    cart.incarnation = read_string_or(document, "incarnation", "");
    cart.merged_guest_carts = read_string_list(document, "merged_guest_carts");
}

// A guest cart's expiry (the TTL index's field) and incarnation, set with every change.
void append_guest_state(bson_t *document, const Cart &cart) {
    if (!is_guest_cart_key(cart.user_id)) {
        return;
    }
    BSON_APPEND_DATE_TIME(document, "expires_at", cart.expires_at_ms);
    append_text(document, "incarnation", cart.incarnation);
}

// The next array index of a pipeline as its key ("0", "1", ...). Computed once: the bson
// append macros evaluate their key argument more than once.
std::string next_key(int &index) {
    return std::to_string(index++);
}

void begin_stage(bson_t *pipeline, int &index, bson_t *stage) {
    std::string key = next_key(index);
    bson_append_document_begin(pipeline, key.c_str(), static_cast<int>(key.size()), stage);
}

CartLine line_from_bson(const bson_t *item) {
    std::string product_id = read_oid_hex(item, "product_id");
    std::string variant_id = read_oid_hex(item, "variant_id");
    if (variant_id.empty()) {
        variant_id = product_id;  // a line from before variants: the product's default variant
    }
    CartLine line{std::move(product_id), std::move(variant_id), read_int64(item, "quantity")};
    bson_iter_t iter;
    if (bson_iter_init_find(&iter, item, "unit_price_cents") && BSON_ITER_HOLDS_NUMBER(&iter)) {
        line.unit_price_cents = bson_iter_as_int64(&iter);  // absent on lines from before it
    }
    return line;
}

void append_lines(bson_t *document, const char *key, const std::vector<CartLine> &lines) {
    bson_t array;
    BSON_APPEND_ARRAY_BEGIN(document, key, &array);
    for (std::size_t i = 0; i < lines.size(); ++i) {
        bson_t item;
        BSON_APPEND_DOCUMENT_BEGIN(&array, std::to_string(i).c_str(), &item);
        append_object_id(&item, "product_id", lines[i].product_id);
        append_object_id(&item, "variant_id", lines[i].variant_id);
        BSON_APPEND_INT64(&item, "quantity", lines[i].quantity);
        if (lines[i].unit_price_cents) {
            BSON_APPEND_INT64(&item, "unit_price_cents", *lines[i].unit_price_cents);
        }
        bson_append_document_end(&array, &item);
    }
    bson_append_array_end(document, &array);
}

// Every write to a cart moves its version on, so concurrent read-modify-writes notice.
void append_version_bump(bson_t *update) {
    bson_t increment;
    BSON_APPEND_DOCUMENT_BEGIN(update, "$inc", &increment);
    BSON_APPEND_INT64(&increment, "version", 1);
    bson_append_document_end(update, &increment);
}

void append_emptying(bson_t *update) {
    bson_t set;
    BSON_APPEND_DOCUMENT_BEGIN(update, "$set", &set);
    append_lines(&set, "items", {});
    bson_append_document_end(update, &set);
    append_version_bump(update);
}

// Stages shared by both loads: one row per cart line, each with its product (as `field`).
void append_line_stages(bson_t *pipeline, int &index, const char *items_path,
                        const char *product_field) {
    bson_t stage, body;
    std::string unwind_path = std::string("$") + items_path;
    begin_stage(pipeline, index, &stage);
    BSON_APPEND_DOCUMENT_BEGIN(&stage, "$unwind", &body);
    BSON_APPEND_UTF8(&body, "path", unwind_path.c_str());
    BSON_APPEND_BOOL(&body, "preserveNullAndEmptyArrays", true);
    bson_append_document_end(&stage, &body);
    bson_append_document_end(pipeline, &stage);

    std::string local_field = std::string(items_path) + ".product_id";
    begin_stage(pipeline, index, &stage);
    BSON_APPEND_DOCUMENT_BEGIN(&stage, "$lookup", &body);
    BSON_APPEND_UTF8(&body, "from", collections::kProducts);
    BSON_APPEND_UTF8(&body, "localField", local_field.c_str());
    BSON_APPEND_UTF8(&body, "foreignField", "_id");
    BSON_APPEND_UTF8(&body, "as", product_field);
    bson_append_document_end(&stage, &body);
    bson_append_document_end(pipeline, &stage);
}

// `as`: the voucher the cart's `local_field` names (an empty array when none or deleted).
void append_voucher_lookup(bson_t *pipeline, int &index, const char *local_field, const char *as) {
    bson_t stage, body;
    begin_stage(pipeline, index, &stage);
    BSON_APPEND_DOCUMENT_BEGIN(&stage, "$lookup", &body);
    BSON_APPEND_UTF8(&body, "from", collections::kVouchers);
    BSON_APPEND_UTF8(&body, "localField", local_field);
    BSON_APPEND_UTF8(&body, "foreignField", "_id");
    BSON_APPEND_UTF8(&body, "as", as);
    bson_append_document_end(&stage, &body);
    bson_append_document_end(pipeline, &stage);
}

// The cart's voucher id and the voucher a lookup found for it, from one row.
void collect_voucher(const bson_t *cart, const bson_t *row, const char *looked_up,
                     CartSnapshot &snapshot) {
    std::string voucher_id = read_oid_hex(cart, "voucher_id");
    if (voucher_id.empty()) {
        return;
    }
    snapshot.cart.voucher_id = voucher_id;
    for_each_document_in(row, looked_up, [&](const bson_t *voucher) {
        snapshot.voucher = voucher_from_bson(voucher);
    });
}

void append_match_id(bson_t *pipeline, int &index, const std::string &id) {
    bson_t stage, body;
    begin_stage(pipeline, index, &stage);
    BSON_APPEND_DOCUMENT_BEGIN(&stage, "$match", &body);
    append_cart_id(&body, "_id", id);
    bson_append_document_end(&stage, &body);
    bson_append_document_end(pipeline, &stage);
}

// One row of a load: a cart line (if any) and its product (if it still exists).
void collect_line(const bson_t *row, const char *line_key, const char *product_key,
                  CartSnapshot &snapshot) {
    bson_t line;
    if (read_subdocument(row, line_key, &line)) {
        snapshot.cart.lines.push_back(line_from_bson(&line));
    }
    for_each_document_in(row, product_key, [&](const bson_t *product) {
        snapshot.line_products.push_back(product_from_bson(product));
    });
}

}  // namespace

CartSnapshot MongoCartRepository::load(const std::string &user_id) {
    auto client = pool_->acquire();
    auto carts = client.collection(collections::kCarts);
    BsonDocument pipeline;
    int index = 0;
    append_match_id(pipeline.get(), index, user_id);
    append_voucher_lookup(pipeline.get(), index, "voucher_id", "voucher");
    append_line_stages(pipeline.get(), index, "items", "product");
    CartSnapshot snapshot;
    snapshot.cart.user_id = user_id;
    aggregate_each(carts.get(), pipeline.get(), "cart lookup", [&](const bson_t *row) {
        read_cart_state(row, snapshot.cart);
        collect_voucher(row, row, "voucher", snapshot);
        collect_line(row, "items", "product", snapshot);
    });
    return snapshot;
}

CartChangeContext MongoCartRepository::load_with_product(const std::string &user_id,
                                                         const std::string &product_id) {
    auto client = pool_->acquire();
    auto products = client.collection(collections::kProducts);
    // From the product: join the cart (keyed by the user id), then each of its lines' products.
    BsonDocument pipeline;
    int index = 0;
    {
        bson_t stage, body;
        begin_stage(pipeline.get(), index, &stage);
        BSON_APPEND_DOCUMENT_BEGIN(&stage, "$match", &body);
        append_object_id(&body, "_id", product_id);
        bson_append_document_end(&stage, &body);
        bson_append_document_end(pipeline.get(), &stage);
    }
    bson_t stage, body, literal;
    begin_stage(pipeline.get(), index, &stage);
    BSON_APPEND_DOCUMENT_BEGIN(&stage, "$addFields", &body);
    BSON_APPEND_DOCUMENT_BEGIN(&body, "cart_key", &literal);
    append_cart_id(&literal, "$literal", user_id);
    bson_append_document_end(&body, &literal);
    bson_append_document_end(&stage, &body);
    bson_append_document_end(pipeline.get(), &stage);
    begin_stage(pipeline.get(), index, &stage);
    BSON_APPEND_DOCUMENT_BEGIN(&stage, "$lookup", &body);
    BSON_APPEND_UTF8(&body, "from", collections::kCarts);
    BSON_APPEND_UTF8(&body, "localField", "cart_key");
    BSON_APPEND_UTF8(&body, "foreignField", "_id");
    BSON_APPEND_UTF8(&body, "as", "cart");
    bson_append_document_end(&stage, &body);
    bson_append_document_end(pipeline.get(), &stage);
    begin_stage(pipeline.get(), index, &stage);
    BSON_APPEND_DOCUMENT_BEGIN(&stage, "$unwind", &body);
    BSON_APPEND_UTF8(&body, "path", "$cart");
    BSON_APPEND_BOOL(&body, "preserveNullAndEmptyArrays", true);
    bson_append_document_end(&stage, &body);
    bson_append_document_end(pipeline.get(), &stage);
    append_voucher_lookup(pipeline.get(), index, "cart.voucher_id", "cart_voucher");
    append_line_stages(pipeline.get(), index, "cart.items", "line_product");

    CartChangeContext context;
    context.snapshot.cart.user_id = user_id;
    aggregate_each(products.get(), pipeline.get(), "cart change", [&](const bson_t *row) {
        if (!context.product) {
            context.product = product_from_bson(row);
        }
        bson_t cart;
        bson_t line;
        if (read_subdocument(row, "cart", &cart)) {
            read_cart_state(&cart, context.snapshot.cart);
            collect_voucher(&cart, row, "cart_voucher", context.snapshot);
            if (read_subdocument(&cart, "items", &line)) {
                context.snapshot.cart.lines.push_back(line_from_bson(&line));
            }
        }
        for_each_document_in(row, "line_product", [&](const bson_t *product) {
            context.snapshot.line_products.push_back(product_from_bson(product));
        });
    });
    return context;
}

bool MongoCartRepository::save(const Cart &cart) {
    auto client = pool_->acquire();
    auto carts = client.collection(collections::kCarts);
    bson_error_t error;
    if (cart.version == 0) {
        BsonDocument document;
        append_cart_id(document.get(), "_id", cart.user_id);
        append_lines(document.get(), "items", cart.lines);
        BSON_APPEND_INT64(document.get(), "version", 1);
        append_guest_state(document.get(), cart);
        if (mongoc_collection_insert_one(carts.get(), document.get(), nullptr, nullptr, &error)) {
            return true;
        }
        if (is_duplicate_key(error)) {
            return false;  // created concurrently: re-read
        }
        throw_mongo_error(error, "cart update");
    }
    BsonDocument filter;
    append_cart_id(filter.get(), "_id", cart.user_id);
    BSON_APPEND_INT64(filter.get(), "version", cart.version);
    BsonDocument update;
    bson_t set;
    BSON_APPEND_DOCUMENT_BEGIN(update.get(), "$set", &set);
    append_lines(&set, "items", cart.lines);
    append_guest_state(&set, cart);
    bson_append_document_end(update.get(), &set);
    append_version_bump(update.get());
    BsonDocument reply;
    if (!mongoc_collection_update_one(carts.get(), filter.get(), update.get(), nullptr, reply.get(),
                                      &error)) {
        throw_mongo_error(error, "cart update");
    }
    return read_int64(reply.get(), "matchedCount") == 1;
}

TakenCart MongoCartRepository::take_for_checkout(UnitOfWork &work, const std::string &user_id,
                                                 const CheckoutMark &checkout) {
    auto &unit = mongo_unit(work);
    auto carts = unit.collection(collections::kCarts);
    UnitOptions options(unit);
    // Only a cart with lines is taken, so that a retry finding it empty does not overwrite the
    // mark of the checkout that emptied it.
    BsonDocument filter;
    append_object_id(filter.get(), "_id", user_id);
    bson_t has_lines;
    BSON_APPEND_DOCUMENT_BEGIN(filter.get(), "items.0", &has_lines);
    BSON_APPEND_BOOL(&has_lines, "$exists", true);
    bson_append_document_end(filter.get(), &has_lines);
    BsonDocument update;
    bson_t set, mark;
    BSON_APPEND_DOCUMENT_BEGIN(update.get(), "$set", &set);
    append_lines(&set, "items", {});
    BSON_APPEND_DOCUMENT_BEGIN(&set, "checkout", &mark);
    append_optional_text(&mark, "key", checkout.idempotency_key);
    BSON_APPEND_DATE_TIME(&mark, "at", checkout.at_ms);
    bson_append_document_end(&set, &mark);
    bson_append_document_end(update.get(), &set);
    bson_t unset;
    BSON_APPEND_DOCUMENT_BEGIN(update.get(), "$unset", &unset);
    BSON_APPEND_UTF8(&unset, "voucher_id", "");
    bson_append_document_end(update.get(), &unset);
    append_version_bump(update.get());
    auto before = find_one_and_update(carts.get(), filter.get(), update.get(), "checkout", "",
                                      ReturnDocument::before, options.get());
    TakenCart taken;
    if (before) {
        for_each_document_in(before->get(), "items", [&](const bson_t *item) {
            taken.lines.push_back(line_from_bson(item));
        });
        if (std::string voucher_id = read_oid_hex(before->get(), "voucher_id");
            !voucher_id.empty()) {
            taken.voucher_id = voucher_id;
        }
        return taken;
    }
    BsonDocument by_user;
    append_object_id(by_user.get(), "_id", user_id);
    auto cart = find_one(carts.get(), by_user.get(), "checkout", options.get());
    bson_t last;
    if (cart && read_subdocument(cart->get(), "checkout", &last)) {
        taken.last_checkout = CheckoutMark{read_string(&last, "key"), read_date_ms(&last, "at")};
    }
    return taken;
}

void MongoCartRepository::restore(UnitOfWork &work, const std::string &user_id,
                                  const std::vector<CartLine> &lines) {
    if (lines.empty()) {
        return;
    }
    auto &unit = mongo_unit(work);
    auto carts = unit.collection(collections::kCarts);
    BsonDocument filter;
    append_object_id(filter.get(), "_id", user_id);
    BsonDocument update;
    bson_t push, items;
    BSON_APPEND_DOCUMENT_BEGIN(update.get(), "$push", &push);
    BSON_APPEND_DOCUMENT_BEGIN(&push, "items", &items);
    append_lines(&items, "$each", lines);
    bson_append_document_end(&push, &items);
    bson_append_document_end(update.get(), &push);
    append_version_bump(update.get());
    UnitOptions options(unit);
    BSON_APPEND_BOOL(options.get(), "upsert", true);
    bson_error_t error;
    BsonDocument reply;
    if (!mongoc_collection_update_one(carts.get(), filter.get(), update.get(), options.get(),
                                      reply.get(), &error)) {
        throw_mongo_error(error, "cart restore", reply.get());
    }
}

void MongoCartRepository::clear(const std::string &user_id) {
    auto client = pool_->acquire();
    auto carts = client.collection(collections::kCarts);
    BsonDocument filter;
    append_cart_id(filter.get(), "_id", user_id);
    BsonDocument update;
    append_emptying(update.get());
    bson_t unset;
    BSON_APPEND_DOCUMENT_BEGIN(update.get(), "$unset", &unset);
    BSON_APPEND_UTF8(&unset, "voucher_id", "");
    bson_append_document_end(update.get(), &unset);
    bson_error_t error;
    if (!mongoc_collection_update_one(carts.get(), filter.get(), update.get(), nullptr, nullptr,
                                      &error)) {
        throw_mongo_error(error, "cart clear");
    }
}

bool MongoCartRepository::save_merged(UnitOfWork &work, const Cart &cart,
                                      const std::string &incarnation) {
    auto &unit = mongo_unit(work);
    auto carts = unit.collection(collections::kCarts);
    BsonDocument filter;
    append_cart_id(filter.get(), "_id", cart.user_id);
    BSON_APPEND_INT64(filter.get(), "version", cart.version);
    bson_t not_merged;
    BSON_APPEND_DOCUMENT_BEGIN(filter.get(), "merged_guest_carts", &not_merged);
    append_text(&not_merged, "$ne", incarnation);
    bson_append_document_end(filter.get(), &not_merged);
    BsonDocument update;
    bson_t set, push, merged, each;
    BSON_APPEND_DOCUMENT_BEGIN(update.get(), "$set", &set);
    append_lines(&set, "items", cart.lines);
    if (cart.voucher_id) {  // the user's own, or the guest's when the user had none
        append_object_id(&set, "voucher_id", *cart.voucher_id);
    }
    bson_append_document_end(update.get(), &set);
    // Only the latest few are kept: a guest cart is merged moments after it was last read.
    BSON_APPEND_DOCUMENT_BEGIN(update.get(), "$push", &push);
    BSON_APPEND_DOCUMENT_BEGIN(&push, "merged_guest_carts", &merged);
    BSON_APPEND_ARRAY_BEGIN(&merged, "$each", &each);
    append_text(&each, "0", incarnation);
    bson_append_array_end(&merged, &each);
    BSON_APPEND_INT32(&merged, "$slice", -kMergedGuestCartsKept);
    bson_append_document_end(&push, &merged);
    bson_append_document_end(update.get(), &push);
    append_version_bump(update.get());
    UnitOptions options(unit);
    bson_error_t error;
    BsonDocument reply;
    if (!mongoc_collection_update_one(carts.get(), filter.get(), update.get(), options.get(),
                                      reply.get(), &error)) {
        throw_mongo_error(error, "cart merge", reply.get());
    }
    return read_int64(reply.get(), "matchedCount") == 1;
}

void MongoCartRepository::remove_guest(UnitOfWork &work, const std::string &guest_key,
                                       const std::string &incarnation) {
    auto &unit = mongo_unit(work);
    auto carts = unit.collection(collections::kCarts);
    BsonDocument filter;
    append_cart_id(filter.get(), "_id", guest_key);
    append_text(filter.get(), "incarnation", incarnation);
    UnitOptions options(unit);
    bson_error_t error;
    BsonDocument reply;
    if (!mongoc_collection_delete_one(carts.get(), filter.get(), options.get(), reply.get(),
                                      &error)) {
        throw_mongo_error(error, "guest cart removal", reply.get());
    }
}

namespace {

// Sets (or, for nullopt, unsets) the cart's voucher_id and moves its version on, creating the
// cart when `upsert`.
void write_voucher_id(mongoc_collection_t *carts, const std::string &cart_key,
                      const std::optional<std::string> &voucher_id,
                      const std::optional<GuestCartStamp> &guest, bson_t *options,
                      const std::string &operation) {
    BsonDocument filter;
    append_cart_id(filter.get(), "_id", cart_key);
    BsonDocument update;
    bson_t set;
    BSON_APPEND_DOCUMENT_BEGIN(update.get(), "$set", &set);
    if (voucher_id) {
        append_object_id(&set, "voucher_id", *voucher_id);
    }
    if (guest) {
        BSON_APPEND_DATE_TIME(&set, "expires_at", guest->expires_at_ms);
    }
    bson_append_document_end(update.get(), &set);
    if (!voucher_id) {
        bson_t unset;
        BSON_APPEND_DOCUMENT_BEGIN(update.get(), "$unset", &unset);
        BSON_APPEND_UTF8(&unset, "voucher_id", "");
        bson_append_document_end(update.get(), &unset);
    }
    bson_t on_insert;
    BSON_APPEND_DOCUMENT_BEGIN(update.get(), "$setOnInsert", &on_insert);
    append_lines(&on_insert, "items", {});
    if (guest) {
        append_text(&on_insert, "incarnation", guest->incarnation_if_new);
    }
    bson_append_document_end(update.get(), &on_insert);
    append_version_bump(update.get());
    BSON_APPEND_BOOL(options, "upsert", true);
    bson_error_t error;
    BsonDocument reply;
    if (!mongoc_collection_update_one(carts, filter.get(), update.get(), options, reply.get(),
                                      &error)) {
        throw_mongo_error(error, operation, reply.get());
    }
}

}  // namespace

void MongoCartRepository::set_voucher(const std::string &cart_key,
                                      const std::optional<std::string> &voucher_id,
                                      const std::optional<GuestCartStamp> &guest) {
    auto client = pool_->acquire();
    auto carts = client.collection(collections::kCarts);
    BsonDocument options;
    write_voucher_id(carts.get(), cart_key, voucher_id, guest, options.get(), "cart voucher");
}

void MongoCartRepository::restore_voucher(UnitOfWork &work, const std::string &user_id,
                                          const std::string &voucher_id) {
    auto &unit = mongo_unit(work);
    auto carts = unit.collection(collections::kCarts);
    UnitOptions options(unit);
    write_voucher_id(carts.get(), user_id, voucher_id, std::nullopt, options.get(),
                     "cart voucher restore");
}

void MongoCartRepository::release_voucher(const std::string &voucher_id) {
    auto client = pool_->acquire();
    auto carts = client.collection(collections::kCarts);
    BsonDocument filter;
    append_object_id(filter.get(), "voucher_id", voucher_id);
    BsonDocument update;
    bson_t unset;
    BSON_APPEND_DOCUMENT_BEGIN(update.get(), "$unset", &unset);
    BSON_APPEND_UTF8(&unset, "voucher_id", "");
    bson_append_document_end(update.get(), &unset);
    append_version_bump(update.get());
    bson_error_t error;
    BsonDocument reply;
    if (!mongoc_collection_update_many(carts.get(), filter.get(), update.get(), nullptr,
                                       reply.get(), &error)) {
        throw_mongo_error(error, "voucher release", reply.get());
    }
}

}  // namespace libstore::mongo
