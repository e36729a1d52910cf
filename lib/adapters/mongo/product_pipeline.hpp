// Product writes as update pipelines: every change of a product's variants rewrites the derived
// product fields (price_cents, stock, sku_keys) in the same atomic update, and upgrades a
// document written before variants existed (no `variants`: one default variant whose id is the
// product's own) on the way. Values from a request enter a pipeline only inside $literal, so a
// name like "$stock" stays a name.
#pragma once

#include <bson/bson.h>

#include <cstdint>
#include <string>

#include "core/catalog/product.hpp"

namespace libstore::mongo {

// Appends stages to a pipeline array, numbering them.
class PipelineWriter {
  public:
    explicit PipelineWriter(bson_t *pipeline) : pipeline_(pipeline) {}

    // Starts a {"$set": {...}} stage; fill the returned document, then call end_set().
    bson_t *begin_set();
    void end_set();
    // Appends a whole stage document.
    void append(const bson_t *stage);

  private:
    bson_t *pipeline_;
    int index_ = 0;
    bson_t stage_;
    bson_t body_;
};

// First stage of every product write: old documents gain their default variant.
void append_upgrade_stage(PipelineWriter &pipeline);
// Last stages: price_cents, stock and sku_keys from the variants; updated_at; the audit mark
// (when not empty); revision + 1 when `bump_revision`.
void append_totals_stages(PipelineWriter &pipeline, std::int64_t updated_at_ms,
                          const std::string &audit_mark, bool bump_revision);

// The totals alone, for stock moved by orders (updated_at and marks untouched).
void append_stock_totals_stage(PipelineWriter &pipeline);

// {key: {$literal: text}}
void append_literal_text(bson_t *document, const char *key, const std::string &text);

// A variant as stored: {_id, sku, sku_lower, options: [{k, v}], options_key, price_cents, stock,
// in_stock}. `id` is the variant's id (assigned by the caller).
void append_variant_document(bson_t *document, const char *key, const Variant &variant,
                             const std::string &id);
// options: [{name, values: [...]}]
void append_options_array(bson_t *document, const char *key,
                          const std::vector<ProductOption> &options);

// The upgrade stage's rule for reading: the variant an old document stands for.
Variant default_variant_of_old_document(const std::string &product_id, Cents price_cents,
                                        std::int64_t stock);

}  // namespace libstore::mongo
