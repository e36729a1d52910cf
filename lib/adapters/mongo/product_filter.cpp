#include "adapters/mongo/product_filter.hpp"

#include <list>
#include <string>

#include "adapters/mongo/bson_document.hpp"
#include "adapters/mongo/bson_writing.hpp"
#include "adapters/mongo/regex_escape.hpp"

namespace libstore::mongo {

namespace {

// The conditions of a listing, each a document of its own, combined with $and at the end:
// several of them test the same field (attributes, $or), which one flat document cannot hold.
class Conditions {
  public:
    // A new condition to fill; valid until the next call.
    bson_t *add() {
        conditions_.emplace_back();
        return conditions_.back().get();
    }

    void append_to(bson_t *filter) const {
        if (conditions_.empty()) {
            return;
        }
        bson_t all;
        BSON_APPEND_ARRAY_BEGIN(filter, "$and", &all);
        std::size_t index = 0;
        for (const auto &condition : conditions_) {
            std::string key = std::to_string(index++);
            bson_append_document(&all, key.c_str(), -1, condition.get());
        }
        bson_append_array_end(filter, &all);
    }

  private:
    std::list<BsonDocument> conditions_;  // BsonDocument does not move; a list never moves items
};

void append_sort_value(bson_t *document, const char *key, const ProductSort &sort,
                       const ProductPosition &position) {
    switch (sort.key) {
        case ProductSortKey::name:
            append_text(document, key, position.name_key);
            break;
        case ProductSortKey::price:
            bson_append_int64(document, key, -1, position.number);
            break;
        case ProductSortKey::created_at:
            bson_append_date_time(document, key, -1, position.number);
            break;
    }
}

// Strictly after `position` in the sort order: a greater (or, descending, smaller) key, or the
// same key and a greater (smaller) id. Items inserted meanwhile land on one side or the other,
// so nothing that existed is skipped or repeated.
void append_after(bson_t *condition, const ProductSort &sort, const ProductPosition &position) {
    const char *field = product_sort_field(sort.key);
    const char *beyond = sort.descending ? "$lt" : "$gt";
    bson_t either, branch, range;
    BSON_APPEND_ARRAY_BEGIN(condition, "$or", &either);
    BSON_APPEND_DOCUMENT_BEGIN(&either, "0", &branch);
    BSON_APPEND_DOCUMENT_BEGIN(&branch, field, &range);
    append_sort_value(&range, beyond, sort, position);
    bson_append_document_end(&branch, &range);
    bson_append_document_end(&either, &branch);
    BSON_APPEND_DOCUMENT_BEGIN(&either, "1", &branch);
    append_sort_value(&branch, field, sort, position);
    BSON_APPEND_DOCUMENT_BEGIN(&branch, "_id", &range);
    append_object_id(&range, beyond, position.id);
    bson_append_document_end(&branch, &range);
    bson_append_document_end(&either, &branch);
    bson_append_array_end(condition, &either);
}

void append_text_match(bson_t *condition, const std::string &text) {
    std::string pattern = escape_regex(text);
    bson_t either, branch, regex;
    BSON_APPEND_ARRAY_BEGIN(condition, "$or", &either);
    const char *fields[] = {"name", "description"};
    for (std::size_t i = 0; i < 2; ++i) {
        BSON_APPEND_DOCUMENT_BEGIN(&either, i == 0 ? "0" : "1", &branch);
        BSON_APPEND_DOCUMENT_BEGIN(&branch, fields[i], &regex);
        append_text(&regex, "$regex", pattern);
        BSON_APPEND_UTF8(&regex, "$options", "i");
        bson_append_document_end(&branch, &regex);
        bson_append_document_end(&either, &branch);
    }
    bson_append_array_end(condition, &either);
}

// v1 `sizes` holding it (equality against an array matches any element), or a purchasable
// variant with that size option.
void append_size_match(bson_t *condition, const std::string &size) {
    bson_t either, branch, match, option;
    BSON_APPEND_ARRAY_BEGIN(condition, "$or", &either);
    BSON_APPEND_DOCUMENT_BEGIN(&either, "0", &branch);
    append_text(&branch, "sizes", size);
    bson_append_document_end(&either, &branch);
    BSON_APPEND_DOCUMENT_BEGIN(&either, "1", &branch);
    BSON_APPEND_DOCUMENT_BEGIN(&branch, "variants", &match);
    bson_t variant;
    BSON_APPEND_DOCUMENT_BEGIN(&match, "$elemMatch", &variant);
    BSON_APPEND_BOOL(&variant, "in_stock", true);
    bson_t range;
    BSON_APPEND_DOCUMENT_BEGIN(&variant, "stock", &range);
    BSON_APPEND_INT64(&range, "$gt", 0);
    bson_append_document_end(&variant, &range);
    bson_t options;
    BSON_APPEND_DOCUMENT_BEGIN(&variant, "options", &options);
    BSON_APPEND_DOCUMENT_BEGIN(&options, "$elemMatch", &option);
    BSON_APPEND_UTF8(&option, "k", "size");
    append_text(&option, "v", size);
    bson_append_document_end(&options, &option);
    bson_append_document_end(&variant, &options);
    bson_append_document_end(&match, &variant);
    bson_append_document_end(&branch, &match);
    bson_append_document_end(&either, &branch);
    bson_append_array_end(condition, &either);
}

}  // namespace

const char *product_sort_field(ProductSortKey key) {
    switch (key) {
        case ProductSortKey::name:
            return "name_lower";
        case ProductSortKey::price:
            return "price_cents";
        case ProductSortKey::created_at:
            return "created_at";
    }
    return "name_lower";
}

void append_product_filter(bson_t *filter, const ProductQuery &query) {
    Conditions conditions;
    if (query.category_id) {
        append_object_id(conditions.add(), "category_id", *query.category_id);
    }
    if (!query.include_hidden) {
        BSON_APPEND_BOOL(conditions.add(), "in_stock", true);
        bson_t *condition = conditions.add();
        bson_t range;
        BSON_APPEND_DOCUMENT_BEGIN(condition, "stock", &range);
        BSON_APPEND_INT64(&range, "$gt", 0);
        bson_append_document_end(condition, &range);
    }
    if (query.min_price_cents || query.max_price_cents) {
        bson_t *condition = conditions.add();
        bson_t range;
        BSON_APPEND_DOCUMENT_BEGIN(condition, "price_cents", &range);
        if (query.min_price_cents) {
            BSON_APPEND_INT64(&range, "$gte", *query.min_price_cents);
        }
        if (query.max_price_cents) {
            BSON_APPEND_INT64(&range, "$lte", *query.max_price_cents);
        }
        bson_append_document_end(condition, &range);
    }
    if (query.size) {
        append_size_match(conditions.add(), *query.size);
    }
    for (const auto &[key, text] : query.attributes) {
        bson_t *condition = conditions.add();
        bson_t match;
        BSON_APPEND_DOCUMENT_BEGIN(condition, "attributes", &match);
        bson_t pair;
        BSON_APPEND_DOCUMENT_BEGIN(&match, "$elemMatch", &pair);
        append_text(&pair, "k", key);
        append_text(&pair, "v", text);
        bson_append_document_end(&match, &pair);
        bson_append_document_end(condition, &match);
    }
    if (query.text) {
        append_text_match(conditions.add(), *query.text);
    }
    if (query.after) {
        append_after(conditions.add(), query.sort, *query.after);
    }
    conditions.append_to(filter);
}

}  // namespace libstore::mongo
