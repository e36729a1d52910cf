#include "adapters/mongo/product_pipeline.hpp"

#include "adapters/mongo/audit_marks.hpp"
#include "adapters/mongo/bson_writing.hpp"
#include "core/error.hpp"
#include "core/validation/case_folding.hpp"

namespace libstore::mongo {

namespace {

// Constant stages, written once as JSON: nothing from a request is in them.
constexpr const char *kUpgradeStage = R"({"$set": {
  "variants": {"$ifNull": ["$variants", [{"_id": "$_id", "options": [], "options_key": "",
      "price_cents": "$price_cents", "stock": "$stock", "in_stock": true}]]},
  "options": {"$ifNull": ["$options", []]},
  "images": {"$ifNull": ["$images", []]},
  "revision": {"$ifNull": ["$revision", 0]}}})";

// $reduce rather than $min/$sum over an array: the test database does not fold arrays there.
constexpr const char *kTotalsStage = R"({"$set": {
  "stock": {"$reduce": {"input": "$variants", "initialValue": 0,
      "in": {"$add": ["$$value", {"$cond": ["$$this.in_stock", "$$this.stock", 0]}]}}},
  "price_cents": {"$ifNull": [
      {"$reduce": {"input": {"$filter": {"input": "$variants",
          "cond": {"$and": ["$$this.in_stock", {"$gt": ["$$this.stock", 0]}]}}},
        "initialValue": null,
        "in": {"$cond": [{"$or": [{"$eq": ["$$value", null]}, {"$lt": ["$$this.price_cents", "$$value"]}]},
                         "$$this.price_cents", "$$value"]}}},
      {"$reduce": {"input": "$variants", "initialValue": null,
        "in": {"$cond": [{"$or": [{"$eq": ["$$value", null]}, {"$lt": ["$$this.price_cents", "$$value"]}]},
                         "$$this.price_cents", "$$value"]}}}]},
  "sku_keys": {"$map": {"input": {"$filter": {"input": "$variants",
      "cond": {"$eq": [{"$type": "$$this.sku_lower"}, "string"]}}}, "in": "$$this.sku_lower"}}}})";

const bson_t *parsed_stage(const char *json) {
    bson_error_t error;
    bson_t *stage = bson_new_from_json(reinterpret_cast<const uint8_t *>(json), -1, &error);
    if (stage == nullptr) {
        throw Error(ErrorCode::internal, "", std::string("bad built-in stage: ") + error.message);
    }
    return stage;  // kept for the life of the process
}

const bson_t *upgrade_stage() {
    static const bson_t *stage = parsed_stage(kUpgradeStage);
    return stage;
}

const bson_t *totals_stage() {
    static const bson_t *stage = parsed_stage(kTotalsStage);
    return stage;
}

}  // namespace

bson_t *PipelineWriter::begin_set() {
    std::string key = std::to_string(index_++);
    bson_append_document_begin(pipeline_, key.c_str(), static_cast<int>(key.size()), &stage_);
    BSON_APPEND_DOCUMENT_BEGIN(&stage_, "$set", &body_);
    return &body_;
}

void PipelineWriter::end_set() {
    bson_append_document_end(&stage_, &body_);
    bson_append_document_end(pipeline_, &stage_);
}

void PipelineWriter::append(const bson_t *stage) {
    std::string key = std::to_string(index_++);
    bson_append_document(pipeline_, key.c_str(), static_cast<int>(key.size()), stage);
}

void append_upgrade_stage(PipelineWriter &pipeline) {
    pipeline.append(upgrade_stage());
}

void append_stock_totals_stage(PipelineWriter &pipeline) {
    pipeline.append(totals_stage());
}

void append_totals_stages(PipelineWriter &pipeline, std::int64_t updated_at_ms,
                          const std::string &audit_mark, bool bump_revision) {
    pipeline.append(totals_stage());
    bson_t *set = pipeline.begin_set();
    BSON_APPEND_DATE_TIME(set, "updated_at", updated_at_ms);
    if (!audit_mark.empty()) {
        // audit_marks: $setUnion(audit_marks or [], [mark]), the pipeline form of $addToSet.
        bson_t marks, operands, none, added;
        BSON_APPEND_DOCUMENT_BEGIN(set, kAuditMarksField, &marks);
        BSON_APPEND_ARRAY_BEGIN(&marks, "$setUnion", &operands);
        BSON_APPEND_DOCUMENT_BEGIN(&operands, "0", &none);
        bson_t pair;
        BSON_APPEND_ARRAY_BEGIN(&none, "$ifNull", &pair);
        BSON_APPEND_UTF8(&pair, "0", "$audit_marks");
        bson_t empty;
        BSON_APPEND_ARRAY_BEGIN(&pair, "1", &empty);
        bson_append_array_end(&pair, &empty);
        bson_append_array_end(&none, &pair);
        bson_append_document_end(&operands, &none);
        BSON_APPEND_ARRAY_BEGIN(&operands, "1", &added);
        bson_t literal;
        BSON_APPEND_DOCUMENT_BEGIN(&added, "0", &literal);
        append_text(&literal, "$literal", audit_mark);
        bson_append_document_end(&added, &literal);
        bson_append_array_end(&operands, &added);
        bson_append_array_end(&marks, &operands);
        bson_append_document_end(set, &marks);
    }
    if (bump_revision) {
        bson_t sum, operands;
        BSON_APPEND_DOCUMENT_BEGIN(set, "revision", &sum);
        BSON_APPEND_ARRAY_BEGIN(&sum, "$add", &operands);
        BSON_APPEND_UTF8(&operands, "0", "$revision");
        BSON_APPEND_INT64(&operands, "1", 1);
        bson_append_array_end(&sum, &operands);
        bson_append_document_end(set, &sum);
    }
    pipeline.end_set();
}

void append_literal_text(bson_t *document, const char *key, const std::string &text) {
    bson_t literal;
    BSON_APPEND_DOCUMENT_BEGIN(document, key, &literal);
    append_text(&literal, "$literal", text);
    bson_append_document_end(document, &literal);
}

void append_variant_document(bson_t *document, const char *key, const Variant &variant,
                             const std::string &id) {
    bson_t fields;
    BSON_APPEND_DOCUMENT_BEGIN(document, key, &fields);
    append_object_id(&fields, "_id", id);
    if (variant.sku) {
        append_text(&fields, "sku", *variant.sku);
        append_text(&fields, "sku_lower", fold_case(*variant.sku));
    } else {
        BSON_APPEND_NULL(&fields, "sku");
        BSON_APPEND_NULL(&fields, "sku_lower");
    }
    bson_t options;
    BSON_APPEND_ARRAY_BEGIN(&fields, "options", &options);
    for (std::size_t i = 0; i < variant.options.size(); ++i) {
        bson_t pair;
        std::string index = std::to_string(i);
        BSON_APPEND_DOCUMENT_BEGIN(&options, index.c_str(), &pair);
        append_text(&pair, "k", variant.options[i].first);
        append_text(&pair, "v", variant.options[i].second);
        bson_append_document_end(&options, &pair);
    }
    bson_append_array_end(&fields, &options);
    append_text(&fields, "options_key", options_key(variant.options));
    BSON_APPEND_INT64(&fields, "price_cents", variant.price_cents);
    BSON_APPEND_INT64(&fields, "stock", variant.stock);
    BSON_APPEND_BOOL(&fields, "in_stock", variant.in_stock);
    bson_append_document_end(document, &fields);
}

void append_options_array(bson_t *document, const char *key,
                          const std::vector<ProductOption> &options) {
    bson_t list;
    BSON_APPEND_ARRAY_BEGIN(document, key, &list);
    for (std::size_t i = 0; i < options.size(); ++i) {
        bson_t option, values;
        std::string index = std::to_string(i);
        BSON_APPEND_DOCUMENT_BEGIN(&list, index.c_str(), &option);
        append_text(&option, "name", options[i].name);
        BSON_APPEND_ARRAY_BEGIN(&option, "values", &values);
        for (std::size_t j = 0; j < options[i].values.size(); ++j) {
            append_text(&values, std::to_string(j).c_str(), options[i].values[j]);
        }
        bson_append_array_end(&option, &values);
        bson_append_document_end(&list, &option);
    }
    bson_append_array_end(document, &list);
}

Variant default_variant_of_old_document(const std::string &product_id, Cents price_cents,
                                        std::int64_t stock) {
    Variant variant;
    variant.id = product_id;
    variant.price_cents = price_cents;
    variant.stock = stock;
    variant.in_stock = true;
    return variant;
}

}  // namespace libstore::mongo
