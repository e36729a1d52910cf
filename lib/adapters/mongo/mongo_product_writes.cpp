// The writes of MongoProductRepository: each one update pipeline (product_pipeline.hpp), so the
// derived price and stock never disagree with the variants.
#include <string>
#include <utility>

#include "adapters/mongo/audit_marks.hpp"
#include "adapters/mongo/bson_document.hpp"
#include "adapters/mongo/bson_fields.hpp"
#include "adapters/mongo/bson_writing.hpp"
#include "adapters/mongo/collection_operations.hpp"
#include "adapters/mongo/collections.hpp"
#include "adapters/mongo/mongo_error.hpp"
#include "adapters/mongo/mongo_product_repository.hpp"
#include "adapters/mongo/product_bson.hpp"
#include "adapters/mongo/product_pipeline.hpp"
#include "core/error.hpp"
#include "core/validation/case_folding.hpp"

namespace libstore::mongo {

namespace {

void append_sizes(bson_t *document, const char *key, const std::vector<std::string> &sizes) {
    bson_t array;
    BSON_APPEND_ARRAY_BEGIN(document, key, &array);
    for (std::size_t i = 0; i < sizes.size(); ++i) {
        append_text(&array, std::to_string(i).c_str(), sizes[i]);
    }
    bson_append_array_end(document, &array);
}

void append_attributes(bson_t *document, const char *key, const ProductAttributes &attributes) {
    bson_t array;
    BSON_APPEND_ARRAY_BEGIN(document, key, &array);
    for (std::size_t i = 0; i < attributes.size(); ++i) {
        bson_t pair;
        BSON_APPEND_DOCUMENT_BEGIN(&array, std::to_string(i).c_str(), &pair);
        append_text(&pair, "k", attributes[i].first);
        append_text(&pair, "v", attributes[i].second);
        bson_append_document_end(&array, &pair);
    }
    bson_append_array_end(document, &array);
}

void append_sku_keys(bson_t *document, const std::vector<Variant> &variants) {
    bson_t keys;
    BSON_APPEND_ARRAY_BEGIN(document, "sku_keys", &keys);
    std::size_t index = 0;
    for (const auto &variant : variants) {
        if (variant.sku) {
            append_text(&keys, std::to_string(index++).c_str(), fold_case(*variant.sku));
        }
    }
    bson_append_array_end(document, &keys);
}

std::string new_object_id() {
    bson_oid_t oid;
    bson_oid_init(&oid, nullptr);
    return oid_to_hex(oid);
}

// {_id: id} and, with a revision, {revision: r} (an old document without one is at 0).
void append_product_filter(bson_t *filter, const std::string &id,
                           std::optional<std::int64_t> revision) {
    append_object_id(filter, "_id", id);
    if (!revision) {
        return;
    }
    if (*revision != 0) {
        BSON_APPEND_INT64(filter, "revision", *revision);
        return;
    }
    bson_t condition, values;
    BSON_APPEND_DOCUMENT_BEGIN(filter, "revision", &condition);
    BSON_APPEND_ARRAY_BEGIN(&condition, "$in", &values);
    BSON_APPEND_INT64(&values, "0", 0);
    BSON_APPEND_NULL(&values, "1");
    bson_append_array_end(&condition, &values);
    bson_append_document_end(filter, &condition);
}

// {$literal: <the fields `write` appends>}
template <typename Write>
void append_literal(bson_t *document, const char *key, Write &&write) {
    bson_t literal;
    BSON_APPEND_DOCUMENT_BEGIN(document, key, &literal);
    write(&literal, "$literal");
    bson_append_document_end(document, &literal);
}

// variants: {$map: {input: "$variants", in: <for each variant `$$this`>}}, where `in` is built
// by `write_in(bson_t *in_document, key)`.
template <typename WriteIn>
void append_variants_map(bson_t *set, WriteIn &&write_in) {
    bson_t map, spec;
    BSON_APPEND_DOCUMENT_BEGIN(set, "variants", &map);
    BSON_APPEND_DOCUMENT_BEGIN(&map, "$map", &spec);
    BSON_APPEND_UTF8(&spec, "input", "$variants");
    write_in(&spec, "in");
    bson_append_document_end(&map, &spec);
    bson_append_document_end(set, &map);
}

// {$mergeObjects: ["$$this", {$literal: fields}]}
template <typename WriteFields>
void append_merge_this(bson_t *document, const char *key, WriteFields &&write_fields) {
    bson_t merge, operands;
    BSON_APPEND_DOCUMENT_BEGIN(document, key, &merge);
    BSON_APPEND_ARRAY_BEGIN(&merge, "$mergeObjects", &operands);
    BSON_APPEND_UTF8(&operands, "0", "$$this");
    bson_t literal, fields;
    BSON_APPEND_DOCUMENT_BEGIN(&operands, "1", &literal);
    BSON_APPEND_DOCUMENT_BEGIN(&literal, "$literal", &fields);
    write_fields(&fields);
    bson_append_document_end(&literal, &fields);
    bson_append_document_end(&operands, &literal);
    bson_append_array_end(&merge, &operands);
    bson_append_document_end(document, &merge);
}

// {$eq: ["$$this._id", ObjectId(variant_id)]}
void append_is_variant(bson_t *document, const char *key, const std::string &variant_id) {
    bson_t eq, operands;
    BSON_APPEND_DOCUMENT_BEGIN(document, key, &eq);
    BSON_APPEND_ARRAY_BEGIN(&eq, "$eq", &operands);
    BSON_APPEND_UTF8(&operands, "0", "$$this._id");
    append_object_id(&operands, "1", variant_id);
    bson_append_array_end(&eq, &operands);
    bson_append_document_end(document, &eq);
}

// One write of a product: the filter (its id, at `revision` when given), then the upgrade
// stage, a $set that `write_changes(bson_t *set)` fills, and the totals (bumping the revision
// when one was given). The product afterwards, or nullopt when none matched.
// `add_conditions(bson_t *filter)` may narrow the filter further.
template <typename WriteChanges, typename AddConditions>
std::optional<Product> write_product_where(
    ClientPool &pool, const std::string &id, std::optional<std::int64_t> revision,
    std::int64_t updated_at_ms, const std::string &audit_mark, const std::string &operation,
    WriteChanges &&write_changes, AddConditions &&add_conditions) {
    auto client = pool.acquire();
    auto products = client.collection(collections::kProducts);
    BsonDocument filter;
    append_product_filter(filter.get(), id, revision);
    add_conditions(filter.get());
    BsonDocument pipeline;
    PipelineWriter stages(pipeline.get());
    append_upgrade_stage(stages);
    bson_t *set = stages.begin_set();
    write_changes(set);
    // A $set needs a field; updated_at is set again by the last stage.
    BSON_APPEND_DATE_TIME(set, "updated_at", updated_at_ms);
    stages.end_set();
    append_totals_stages(stages, updated_at_ms, audit_mark, revision.has_value());
    auto updated =
        find_one_and_update(products.get(), filter.get(), pipeline.get(), operation, "sku");
    return updated ? std::optional<Product>(product_from_bson(updated->get())) : std::nullopt;
}

template <typename WriteChanges>
std::optional<Product> write_product(ClientPool &pool, const std::string &id,
                                     std::optional<std::int64_t> revision,
                                     std::int64_t updated_at_ms, const std::string &audit_mark,
                                     const std::string &operation, WriteChanges &&write_changes) {
    return write_product_where(pool, id, revision, updated_at_ms, audit_mark, operation,
                               std::forward<WriteChanges>(write_changes), [](bson_t *) {});
}

}  // namespace

Product MongoProductRepository::insert(const Product &product, const std::string &audit_mark) {
    auto client = pool_->acquire();
    auto products = client.collection(collections::kProducts);
    Product stored = product;
    stored.id = new_object_id();
    for (auto &variant : stored.variants) {
        variant.id = new_object_id();
    }
    BsonDocument document;
    append_object_id(document.get(), "_id", stored.id);
    append_text(document.get(), "name", stored.name);
    append_text(document.get(), "name_lower", stored.name_key);
    append_optional_text(document.get(), "description", stored.description);
    BSON_APPEND_INT64(document.get(), "price_cents", stored.price_cents);
    BSON_APPEND_INT64(document.get(), "stock", stored.stock);
    BSON_APPEND_BOOL(document.get(), "in_stock", stored.in_stock);
    append_optional_object_id(document.get(), "category_id", stored.category_id);
    append_optional_text(document.get(), "image_url", stored.image_url);
    append_sizes(document.get(), "sizes", stored.sizes);
    append_attributes(document.get(), "attributes", stored.attributes);
    append_options_array(document.get(), "options", stored.options);
    bson_t variants;
    BSON_APPEND_ARRAY_BEGIN(document.get(), "variants", &variants);
    for (std::size_t i = 0; i < stored.variants.size(); ++i) {
        append_variant_document(&variants, std::to_string(i).c_str(), stored.variants[i],
                                stored.variants[i].id);
    }
    bson_append_array_end(document.get(), &variants);
    append_sku_keys(document.get(), stored.variants);
    BSON_APPEND_INT64(document.get(), "revision", 0);
    BSON_APPEND_DATE_TIME(document.get(), "created_at", stored.created_at_ms);
    BSON_APPEND_DATE_TIME(document.get(), "updated_at", stored.updated_at_ms);
    append_audit_mark_field(document.get(), audit_mark);
    bson_error_t error;
    if (!mongoc_collection_insert_one(products.get(), document.get(), nullptr, nullptr, &error)) {
        if (is_duplicate_key(error)) {
            throw_conflict("sku", "another product has one of these SKUs");
        }
        throw_mongo_error(error, "product creation");
    }
    return stored;
}

std::optional<Product> MongoProductRepository::update(
    const std::string &id, const ProductChanges &changes, std::int64_t updated_at_ms,
    const std::string &audit_mark, std::optional<std::int64_t> expected_revision) {
    return write_product(
        *pool_, id, expected_revision, updated_at_ms, audit_mark, "product update",
        [&](bson_t *set) {
            if (changes.name) {
                append_literal_text(set, "name", *changes.name);
                append_literal_text(set, "name_lower", changes.name_key.value_or(""));
            }
            if (changes.description) {
                if (*changes.description) {
                    append_literal_text(set, "description", **changes.description);
                } else {
                    BSON_APPEND_NULL(set, "description");
                }
            }
            if (changes.in_stock) {
                BSON_APPEND_BOOL(set, "in_stock", *changes.in_stock);
            }
            if (changes.category_id) {
                append_optional_object_id(set, "category_id", *changes.category_id);
            }
            if (changes.image_url) {
                if (*changes.image_url) {
                    append_literal_text(set, "image_url", **changes.image_url);
                } else {
                    BSON_APPEND_NULL(set, "image_url");
                }
            }
            if (changes.sizes) {
                append_literal(set, "sizes", [&](bson_t *document, const char *key) {
                    append_sizes(document, key, *changes.sizes);
                });
            }
            if (changes.attributes) {
                append_literal(set, "attributes", [&](bson_t *document, const char *key) {
                    append_attributes(document, key, *changes.attributes);
                });
            }
            if (changes.options) {
                append_literal(set, "options", [&](bson_t *document, const char *key) {
                    append_options_array(document, key, *changes.options);
                });
            }
            if (changes.price_cents || changes.stock) {
                append_variants_map(set, [&](bson_t *spec, const char *key) {
                    append_merge_this(spec, key, [&](bson_t *fields) {
                        if (changes.price_cents) {
                            BSON_APPEND_INT64(fields, "price_cents", *changes.price_cents);
                        }
                        if (changes.stock) {
                            BSON_APPEND_INT64(fields, "stock", *changes.stock);
                        }
                    });
                });
            }
        });
}

std::optional<Product> MongoProductRepository::add_variant(const std::string &product_id,
                                                           const Variant &variant,
                                                           std::int64_t expected_revision,
                                                           std::int64_t updated_at_ms,
                                                           const std::string &audit_mark) {
    return write_product(*pool_, product_id, expected_revision, updated_at_ms, audit_mark,
                         "variant creation", [&](bson_t *set) {
                             bson_t concat, operands, added, literal;
                             BSON_APPEND_DOCUMENT_BEGIN(set, "variants", &concat);
                             BSON_APPEND_ARRAY_BEGIN(&concat, "$concatArrays", &operands);
                             BSON_APPEND_UTF8(&operands, "0", "$variants");
                             BSON_APPEND_ARRAY_BEGIN(&operands, "1", &added);
                             BSON_APPEND_DOCUMENT_BEGIN(&added, "0", &literal);
                             append_variant_document(&literal, "$literal", variant,
                                                     new_object_id());
                             bson_append_document_end(&added, &literal);
                             bson_append_array_end(&operands, &added);
                             bson_append_array_end(&concat, &operands);
                             bson_append_document_end(set, &concat);
                         });
}

std::optional<Product> MongoProductRepository::update_variant(
    const std::string &product_id, const std::string &variant_id, const VariantChanges &changes,
    std::int64_t expected_revision, std::int64_t updated_at_ms, const std::string &audit_mark) {
    return write_product(
        *pool_, product_id, expected_revision, updated_at_ms, audit_mark, "variant update",
        [&](bson_t *set) {
            append_variants_map(set, [&](bson_t *spec, const char *key) {
                bson_t cond, operands;
                BSON_APPEND_DOCUMENT_BEGIN(spec, key, &cond);
                BSON_APPEND_ARRAY_BEGIN(&cond, "$cond", &operands);
                append_is_variant(&operands, "0", variant_id);
                append_merge_this(&operands, "1", [&](bson_t *fields) {
                    if (changes.sku) {
                        append_optional_text(fields, "sku", *changes.sku);
                        std::optional<std::string> lower;
                        if (*changes.sku) {
                            lower = fold_case(**changes.sku);
                        }
                        append_optional_text(fields, "sku_lower", lower);
                    }
                    if (changes.options) {
                        bson_t options;
                        BSON_APPEND_ARRAY_BEGIN(fields, "options", &options);
                        for (std::size_t i = 0; i < changes.options->size(); ++i) {
                            bson_t pair;
                            std::string index = std::to_string(i);
                            BSON_APPEND_DOCUMENT_BEGIN(&options, index.c_str(), &pair);
                            append_text(&pair, "k", (*changes.options)[i].first);
                            append_text(&pair, "v", (*changes.options)[i].second);
                            bson_append_document_end(&options, &pair);
                        }
                        bson_append_array_end(fields, &options);
                        append_text(fields, "options_key", options_key(*changes.options));
                    }
                    if (changes.price_cents) {
                        BSON_APPEND_INT64(fields, "price_cents", *changes.price_cents);
                    }
                    if (changes.stock) {
                        BSON_APPEND_INT64(fields, "stock", *changes.stock);
                    }
                    if (changes.in_stock) {
                        BSON_APPEND_BOOL(fields, "in_stock", *changes.in_stock);
                    }
                });
                BSON_APPEND_UTF8(&operands, "2", "$$this");
                bson_append_array_end(&cond, &operands);
                bson_append_document_end(spec, &cond);
            });
        });
}

std::optional<Product> MongoProductRepository::remove_variant(const std::string &product_id,
                                                              const std::string &variant_id,
                                                              std::int64_t expected_revision,
                                                              std::int64_t updated_at_ms,
                                                              const std::string &audit_mark) {
    return write_product(*pool_, product_id, expected_revision, updated_at_ms, audit_mark,
                         "variant deletion", [&](bson_t *set) {
                             bson_t kept, spec, cond, operands;
                             BSON_APPEND_DOCUMENT_BEGIN(set, "variants", &kept);
                             BSON_APPEND_DOCUMENT_BEGIN(&kept, "$filter", &spec);
                             BSON_APPEND_UTF8(&spec, "input", "$variants");
                             BSON_APPEND_DOCUMENT_BEGIN(&spec, "cond", &cond);
                             BSON_APPEND_ARRAY_BEGIN(&cond, "$ne", &operands);
                             BSON_APPEND_UTF8(&operands, "0", "$$this._id");
                             append_object_id(&operands, "1", variant_id);
                             bson_append_array_end(&cond, &operands);
                             bson_append_document_end(&spec, &cond);
                             bson_append_document_end(&kept, &spec);
                             bson_append_document_end(set, &kept);
                         });
}

std::optional<Product> MongoProductRepository::add_image(const std::string &product_id,
                                                         const ProductImage &image,
                                                         std::int64_t updated_at_ms,
                                                         const std::string &audit_mark) {
    return write_product(*pool_, product_id, std::nullopt, updated_at_ms, audit_mark,
                         "product image upload", [&](bson_t *set) {
                             // images: images + [{id, content_type}] (the upgrade stage made images
                             // an array)
                             bson_t concat, operands, added, literal, entry;
                             BSON_APPEND_DOCUMENT_BEGIN(set, "images", &concat);
                             BSON_APPEND_ARRAY_BEGIN(&concat, "$concatArrays", &operands);
                             BSON_APPEND_UTF8(&operands, "0", "$images");
                             BSON_APPEND_ARRAY_BEGIN(&operands, "1", &added);
                             BSON_APPEND_DOCUMENT_BEGIN(&added, "0", &literal);
                             BSON_APPEND_DOCUMENT_BEGIN(&literal, "$literal", &entry);
                             append_object_id(&entry, "id", image.id);
                             append_text(&entry, "content_type", image.content_type);
                             bson_append_document_end(&literal, &entry);
                             bson_append_document_end(&added, &literal);
                             bson_append_array_end(&operands, &added);
                             bson_append_array_end(&concat, &operands);
                             bson_append_document_end(set, &concat);
                         });
}

std::optional<Product> MongoProductRepository::remove_image(const std::string &product_id,
                                                            const std::string &image_id,
                                                            std::int64_t updated_at_ms,
                                                            const std::string &audit_mark) {
    // Only a product that lists the image matches, so "not listed" and "no product" are one
    // answer of one conditional update.
    return write_product_where(
        *pool_, product_id, std::nullopt, updated_at_ms, audit_mark, "product image deletion",
        [&](bson_t *set) {
            bson_t kept, spec, cond, operands;
            BSON_APPEND_DOCUMENT_BEGIN(set, "images", &kept);
            BSON_APPEND_DOCUMENT_BEGIN(&kept, "$filter", &spec);
            BSON_APPEND_UTF8(&spec, "input", "$images");
            BSON_APPEND_DOCUMENT_BEGIN(&spec, "cond", &cond);
            BSON_APPEND_ARRAY_BEGIN(&cond, "$ne", &operands);
            BSON_APPEND_UTF8(&operands, "0", "$$this.id");
            append_object_id(&operands, "1", image_id);
            bson_append_array_end(&cond, &operands);
            bson_append_document_end(&spec, &cond);
            bson_append_document_end(&kept, &spec);
            bson_append_document_end(set, &kept);
        },
        [&](bson_t *filter) { append_object_id(filter, "images.id", image_id); });
}

}  // namespace libstore::mongo
