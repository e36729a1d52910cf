#include "adapters/mongo/mongo_order_repository.hpp"

#include "adapters/mongo/audit_marks.hpp"
#include "adapters/mongo/bson_document.hpp"
#include "adapters/mongo/bson_fields.hpp"
#include "adapters/mongo/bson_writing.hpp"
#include "adapters/mongo/collection_operations.hpp"
#include "adapters/mongo/collections.hpp"
#include "adapters/mongo/mongo_error.hpp"
#include "adapters/mongo/newest_first_keyset.hpp"
#include "adapters/mongo/mongo_unit_of_work.hpp"
#include "adapters/mongo/outbox_bson.hpp"

namespace libstore::mongo {

namespace {

std::string idempotency_id(const std::string &user_id, const std::string &key) {
    return "key:" + user_id + ":" + key;
}

// {type, status_from, status_to, actor_id (ObjectId or null), at (date)}
void append_event(bson_t *document, const char *key, const OrderEvent &event) {
    bson_t stored;
    BSON_APPEND_DOCUMENT_BEGIN(document, key, &stored);
    BSON_APPEND_UTF8(&stored, "type", order_event_type_name(event.type));
    if (event.status_from) {
        BSON_APPEND_UTF8(&stored, "status_from", order_status_name(*event.status_from));
    } else {
        BSON_APPEND_NULL(&stored, "status_from");
    }
    BSON_APPEND_UTF8(&stored, "status_to", order_status_name(event.status_to));
    append_optional_object_id(&stored, "actor_id", event.actor_id);
    BSON_APPEND_DATE_TIME(&stored, "at", event.at_ms);
    bson_append_document_end(document, &stored);
}

// $push: {events: event, outbox: {$each: drafts}}, each part only when there is one.
void append_event_push(bson_t *update, const std::optional<OrderEvent> &event,
                       const EventDrafts &outbox) {
    if (!event && outbox.empty()) {
        return;
    }
    bson_t push;
    BSON_APPEND_DOCUMENT_BEGIN(update, "$push", &push);
    if (event) {
        append_event(&push, "events", *event);
    }
    append_outbox_push(&push, outbox);
    bson_append_document_end(update, &push);
}

std::optional<OrderEvent> event_from_bson(const bson_t *stored) {
    auto type = parse_order_event_type(read_string_or(stored, "type", ""));
    auto to = parse_order_status(read_string_or(stored, "status_to", ""));
    if (!type || !to) {
        return std::nullopt;
    }
    OrderEvent event;
    event.type = *type;
    event.status_from = parse_order_status(read_string_or(stored, "status_from", ""));
    event.status_to = *to;
    std::string actor = read_oid_hex(stored, "actor_id");
    if (!actor.empty()) {
        event.actor_id = actor;
    }
    event.at_ms = read_date_ms(stored, "at");
    return event;
}

Order order_from_bson(const bson_t *document) {
    Order order;
    order.id = read_oid_hex(document, "_id");
    order.user_id = read_oid_hex(document, "user_id");
    for_each_document_in(document, "items", [&](const bson_t *item) {
        OrderLine line;
        line.product_id = read_oid_hex(item, "product_id");
        line.variant_id = read_oid_hex(item, "variant_id");
        if (line.variant_id.empty()) {
            line.variant_id = line.product_id;  // placed before variants: the default variant
        }
        line.name = read_string_or(item, "name", "");
        line.sku = read_string(item, "sku");
        for_each_document_in(item, "options", [&](const bson_t *pair) {
            auto name = read_string(pair, "k");
            auto value = read_string(pair, "v");
            if (name && value) {
                line.options.emplace_back(std::move(*name), std::move(*value));
            }
        });
        line.unit_price_cents = read_int64(item, "unit_price_cents");
        line.quantity = read_int64(item, "quantity");
        order.lines.push_back(std::move(line));
    });
    order.total_cents = read_int64(document, "total_cents");
    order.status =
        parse_order_status(read_string_or(document, "status", "")).value_or(OrderStatus::pending);
    order.idempotency_key = read_string(document, "idempotency_key");
    if (std::string voucher_id = read_oid_hex(document, "voucher_id"); !voucher_id.empty()) {
        order.voucher_id = voucher_id;
    }
    order.voucher_code = read_string(document, "voucher_code");
    order.discount_cents = read_int64(document, "discount_cents");
    order.created_at_ms = read_date_ms(document, "created_at");
    order.updated_at_ms = read_date_ms(document, "updated_at");
    order.payment_reference = read_string(document, "payment_reference");
    for_each_document_in(document, "events", [&](const bson_t *stored) {
        if (auto event = event_from_bson(stored)) {
            order.events.push_back(std::move(*event));
        }
    });
    bson_t pending;
    if (read_subdocument(document, "pending_event", &pending)) {
        order.pending_event = event_from_bson(&pending);
    }
    return order;
}

void append_lines(bson_t *document, const std::vector<OrderLine> &lines) {
    bson_t array;
    BSON_APPEND_ARRAY_BEGIN(document, "items", &array);
    for (std::size_t i = 0; i < lines.size(); ++i) {
        bson_t item;
        BSON_APPEND_DOCUMENT_BEGIN(&array, std::to_string(i).c_str(), &item);
        append_object_id(&item, "product_id", lines[i].product_id);
        append_object_id(&item, "variant_id", lines[i].variant_id);
        append_text(&item, "name", lines[i].name);
        append_optional_text(&item, "sku", lines[i].sku);
        bson_t options;
        BSON_APPEND_ARRAY_BEGIN(&item, "options", &options);
        for (std::size_t j = 0; j < lines[i].options.size(); ++j) {
            bson_t pair;
            std::string index = std::to_string(j);
            BSON_APPEND_DOCUMENT_BEGIN(&options, index.c_str(), &pair);
            append_text(&pair, "k", lines[i].options[j].first);
            append_text(&pair, "v", lines[i].options[j].second);
            bson_append_document_end(&options, &pair);
        }
        bson_append_array_end(&item, &options);
        BSON_APPEND_INT64(&item, "unit_price_cents", lines[i].unit_price_cents);
        BSON_APPEND_INT64(&item, "quantity", lines[i].quantity);
        bson_append_document_end(&array, &item);
    }
    bson_append_array_end(document, &array);
}

void append_status_in(bson_t *filter, const std::vector<OrderStatus> &statuses) {
    bson_t condition, list;
    BSON_APPEND_DOCUMENT_BEGIN(filter, "status", &condition);
    BSON_APPEND_ARRAY_BEGIN(&condition, "$in", &list);
    for (std::size_t i = 0; i < statuses.size(); ++i) {
        BSON_APPEND_UTF8(&list, std::to_string(i).c_str(), order_status_name(statuses[i]));
    }
    bson_append_array_end(&condition, &list);
    bson_append_document_end(filter, &condition);
}

}  // namespace

std::optional<std::string> MongoOrderRepository::insert_pending(UnitOfWork &work,
                                                                const Order &order) {
    auto &unit = mongo_unit(work);
    auto orders = unit.collection(collections::kOrders);
    UnitOptions options(unit);
    bson_oid_t oid;
    bson_oid_init(&oid, nullptr);
    std::string id = oid_to_hex(oid);
    BsonDocument document;
    BSON_APPEND_OID(document.get(), "_id", &oid);
    append_object_id(document.get(), "user_id", order.user_id);
    append_lines(document.get(), order.lines);
    BSON_APPEND_INT64(document.get(), "total_cents", order.total_cents);
    BSON_APPEND_UTF8(document.get(), "status", order_status_name(OrderStatus::pending));
    append_text(document.get(), "idempotency_id",
                order.idempotency_key ? idempotency_id(order.user_id, *order.idempotency_key)
                                      : "order:" + id);
    append_optional_text(document.get(), "idempotency_key", order.idempotency_key);
    if (order.voucher_id) {
        append_object_id(document.get(), "voucher_id", *order.voucher_id);
    }
    BSON_APPEND_DATE_TIME(document.get(), "created_at", order.created_at_ms);
    BSON_APPEND_DATE_TIME(document.get(), "updated_at", order.updated_at_ms);
    bson_error_t error;
    BsonDocument reply;
    if (!mongoc_collection_insert_one(orders.get(), document.get(), options.get(), reply.get(),
                                      &error)) {
        if (is_duplicate_key(error)) {
            return std::nullopt;
        }
        throw_mongo_error(error, "order placement", reply.get());
    }
    return id;
}

std::optional<Order> MongoOrderRepository::find(UnitOfWork &work, const std::string &id) {
    auto &unit = mongo_unit(work);
    auto orders = unit.collection(collections::kOrders);
    UnitOptions options(unit);
    BsonDocument filter;
    append_object_id(filter.get(), "_id", id);
    auto found = find_one(orders.get(), filter.get(), "order lookup", options.get());
    return found ? std::optional<Order>(order_from_bson(found->get())) : std::nullopt;
}

std::optional<Order> MongoOrderRepository::find_by_idempotency_key(UnitOfWork &work,
                                                                   const std::string &user_id,
                                                                   const std::string &key) {
    auto &unit = mongo_unit(work);
    auto orders = unit.collection(collections::kOrders);
    UnitOptions options(unit);
    BsonDocument filter;
    append_text(filter.get(), "idempotency_id", idempotency_id(user_id, key));
    auto found = find_one(orders.get(), filter.get(), "order lookup", options.get());
    return found ? std::optional<Order>(order_from_bson(found->get())) : std::nullopt;
}

bool MongoOrderRepository::mark_placed(UnitOfWork &work, const std::string &id,
                                       const std::vector<OrderLine> &lines, Cents total_cents,
                                       std::int64_t now_ms, const OrderEvent &placed,
                                       const OrderDiscount &discount, const EventDrafts &outbox) {
    auto &unit = mongo_unit(work);
    auto orders = unit.collection(collections::kOrders);
    UnitOptions options(unit);
    BsonDocument filter;
    append_object_id(filter.get(), "_id", id);
    BSON_APPEND_UTF8(filter.get(), "status", order_status_name(OrderStatus::pending));
    BsonDocument update;
    bson_t set;
    BSON_APPEND_DOCUMENT_BEGIN(update.get(), "$set", &set);
    append_lines(&set, lines);
    BSON_APPEND_INT64(&set, "total_cents", total_cents);
    BSON_APPEND_INT64(&set, "subtotal_cents", discount.subtotal_cents);
    BSON_APPEND_INT64(&set, "discount_cents", discount.discount_cents);
    append_optional_text(&set, "voucher_code", discount.voucher_code);
    BSON_APPEND_UTF8(&set, "status", order_status_name(OrderStatus::placed));
    BSON_APPEND_DATE_TIME(&set, "updated_at", now_ms);
    bson_append_document_end(update.get(), &set);
    append_event_push(update.get(), placed, outbox);
    BsonDocument reply;
    bson_error_t error;
    if (!mongoc_collection_update_one(orders.get(), filter.get(), update.get(), options.get(),
                                      reply.get(), &error)) {
        throw_mongo_error(error, "order placement", reply.get());
    }
    return read_int64(reply.get(), "matchedCount") == 1;
}

std::optional<Order> MongoOrderRepository::transition(UnitOfWork &work, const std::string &id,
                                                      const OrderMove &move) {
    auto &unit = mongo_unit(work);
    auto orders = unit.collection(collections::kOrders);
    UnitOptions options(unit);
    BsonDocument filter;
    append_object_id(filter.get(), "_id", id);
    append_status_in(filter.get(), move.from);
    BsonDocument update;
    bson_t set;
    BSON_APPEND_DOCUMENT_BEGIN(update.get(), "$set", &set);
    BSON_APPEND_UTF8(&set, "status", order_status_name(move.to));
    BSON_APPEND_DATE_TIME(&set, "updated_at", move.now_ms);
    if (move.payment_reference) {
        append_text(&set, "payment_reference", *move.payment_reference);
    }
    if (move.pending_event) {
        append_event(&set, "pending_event", *move.pending_event);
    }
    bson_append_document_end(update.get(), &set);
    if (!move.pending_event) {
        bson_t unset;
        BSON_APPEND_DOCUMENT_BEGIN(update.get(), "$unset", &unset);
        BSON_APPEND_UTF8(&unset, "pending_event", "");
        bson_append_document_end(update.get(), &unset);
    }
    append_event_push(update.get(), move.event, move.outbox);
    append_audit_mark_update(update.get(), move.audit_mark);
    auto after = find_one_and_update(orders.get(), filter.get(), update.get(), "order status", "",
                                     ReturnDocument::after, options.get());
    return after ? std::optional<Order>(order_from_bson(after->get())) : std::nullopt;
}

bool MongoOrderRepository::remove_pending(UnitOfWork &work, const std::string &id) {
    auto &unit = mongo_unit(work);
    auto orders = unit.collection(collections::kOrders);
    UnitOptions options(unit);
    BsonDocument filter;
    append_object_id(filter.get(), "_id", id);
    BSON_APPEND_UTF8(filter.get(), "status", order_status_name(OrderStatus::pending));
    bson_error_t error;
    BsonDocument reply;
    if (!mongoc_collection_delete_one(orders.get(), filter.get(), options.get(), reply.get(),
                                      &error)) {
        throw_mongo_error(error, "order roll-back", reply.get());
    }
    return read_int64(reply.get(), "deletedCount") > 0;
}

std::vector<Order> MongoOrderRepository::list(const OrderQuery &query, std::int64_t limit) {
    auto client = pool_->acquire();
    auto orders = client.collection(collections::kOrders);
    BsonDocument filter;
    if (query.user_id) {
        append_object_id(filter.get(), "user_id", *query.user_id);
    }
    if (query.status) {
        BSON_APPEND_UTF8(filter.get(), "status", order_status_name(*query.status));
    } else {
        bson_t visible;
        BSON_APPEND_DOCUMENT_BEGIN(filter.get(), "status", &visible);
        BSON_APPEND_UTF8(&visible, "$ne", order_status_name(OrderStatus::pending));
        bson_append_document_end(filter.get(), &visible);
    }
    if (query.before_created_at_ms && query.before_id) {
        append_older_than(filter.get(), "created_at", *query.before_created_at_ms,
                          *query.before_id);
    }
    BsonDocument options;
    append_newest_first(options.get(), "created_at", limit);
    std::vector<Order> result;
    find_each(orders.get(), filter.get(), options.get(), "order listing",
              [&](const bson_t *document) { result.push_back(order_from_bson(document)); });
    return result;
}

std::vector<Order> MongoOrderRepository::stale(OrderStatus status, std::int64_t before_ms) {
    auto client = pool_->acquire();
    auto orders = client.collection(collections::kOrders);
    BsonDocument filter;
    BSON_APPEND_UTF8(filter.get(), "status", order_status_name(status));
    bson_t range;
    BSON_APPEND_DOCUMENT_BEGIN(filter.get(), "updated_at", &range);
    BSON_APPEND_DATE_TIME(&range, "$lte", before_ms);
    bson_append_document_end(filter.get(), &range);
    std::vector<Order> result;
    find_each(orders.get(), filter.get(), nullptr, "order recovery scan",
              [&](const bson_t *document) { result.push_back(order_from_bson(document)); });
    return result;
}

}  // namespace libstore::mongo
