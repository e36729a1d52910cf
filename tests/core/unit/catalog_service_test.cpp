// CatalogService over in-memory fakes: who may do what, visibility of hidden products, category
// rules, listings with every filter and sort, and pagination.
#include <gtest/gtest.h>

#include <set>

#include "code_of.hpp"
#include "fakes/fake_audit.hpp"
#include "catalog_test_support.hpp"
#include "core/catalog/catalog_service.hpp"
#include "core/timestamp.hpp"
#include "fakes/fake_authenticator.hpp"
#include "fakes/fake_category_repository.hpp"
#include "fakes/fake_product_repository.hpp"
#include "fakes/manual_clock.hpp"

namespace libstore::testing {
namespace {

class CatalogServiceTest : public ::testing::Test {
  protected:
    Value create_category(const std::string &name) {
        return catalog.create_category(admin, Value::object().set("name", name));
    }

    Value create_product(Value body) { return catalog.create_product(admin, body); }

    std::string create_product_id(Value body) {
        return create_product(std::move(body)).find("id")->as_string();
    }

    static std::vector<std::string> names(const Value &page) {
        std::vector<std::string> result;
        for (const auto &item : page.find("items")->as_array()) {
            result.push_back(item.find("name")->as_string());
        }
        return result;
    }

    std::vector<std::string> public_names(Value query) {
        return names(catalog.list_products(nullptr, query));
    }

    FakeCategoryRepository categories;
    FakeProductRepository products;
    ManualClock clock;
    FakeAuthenticator authenticator;
    FakeAuditRepository audit_entries;
    AuditTrail audit{audit_entries, clock};
    CatalogService catalog{categories, products, clock, authenticator, audit};
    Session admin = admin_session();
    Session client = client_session();
};

// Categories

TEST_F(CatalogServiceTest, CategoryCreateReadUpdateDelete) {
    std::string created_at = format_rfc3339(clock.now_ms());
    Value created = catalog.create_category(
        admin, Value::object().set("name", "Books").set("description", "Paper"));
    std::string id = created.find("id")->as_string();
    EXPECT_EQ(created.find("name")->as_string(), "Books");
    EXPECT_EQ(created.find("description")->as_string(), "Paper");
    EXPECT_EQ(created.find("created_at")->as_string(), created_at);
    EXPECT_EQ(catalog.get_category(id), created);

    clock.advance_ms(1000);
    Value updated = catalog.update_category(admin, id, Value::object().set("description", nullptr));
    EXPECT_TRUE(updated.find("description")->is_null());
    EXPECT_EQ(updated.find("name")->as_string(), "Books");
    EXPECT_EQ(updated.find("updated_at")->as_string(), format_rfc3339(clock.now_ms()));
    EXPECT_EQ(updated.find("created_at")->as_string(), created_at);

    catalog.delete_category(admin, id);
    expect_error([&] { catalog.get_category(id); }, ErrorCode::not_found, "");
    expect_error([&] { catalog.delete_category(admin, id); }, ErrorCode::not_found, "");
}

TEST_F(CatalogServiceTest, CategoryNamesAreUniqueInAnyCase) {
    create_category("Books");
    expect_error([&] { create_category("BOOKS"); }, ErrorCode::conflict, "name");
    std::string other = create_category("Music").find("id")->as_string();
    expect_error(
        [&] { catalog.update_category(admin, other, Value::object().set("name", "books")); },
        ErrorCode::conflict, "name");
    // Renaming a category to another case of its own name is no conflict.
    EXPECT_EQ(catalog.update_category(admin, other, Value::object().set("name", "MUSIC"))
                  .find("name")
                  ->as_string(),
              "MUSIC");
}

TEST_F(CatalogServiceTest, CategoryValidation) {
    expect_invalid([&] { catalog.create_category(admin, Value::object()); }, "name");
    expect_invalid([&] { create_category(""); }, "name");
    expect_invalid([&] { create_category(std::string(101, 'x')); }, "name");
    create_category(std::string(100, 'x'));
    expect_invalid(
        [&] {
            catalog.create_category(admin, Value::object().set("name", "A").set("description", 5));
        },
        "description");
    expect_invalid(
        [&] { catalog.create_category(admin, Value::object().set("name", "A").set("slug", "a")); },
        "slug");
    std::string id = create_category("Toys").find("id")->as_string();
    expect_invalid([&] { catalog.update_category(admin, id, Value::object()); }, "");
    expect_invalid([&] { catalog.update_category(admin, id, Value::object().set("name", "")); },
                   "name");
}

TEST_F(CatalogServiceTest, CategoryWritesAreForAdminsOnly) {
    std::string id = create_category("Books").find("id")->as_string();
    expect_error([&] { catalog.create_category(client, Value::object().set("name", "X")); },
                 ErrorCode::forbidden, "");
    expect_error([&] { catalog.update_category(client, id, Value::object().set("name", "X")); },
                 ErrorCode::forbidden, "");
    expect_error([&] { catalog.delete_category(client, id); }, ErrorCode::forbidden, "");
    authenticator.revoked = true;
    expect_error([&] { catalog.delete_category(admin, id); }, ErrorCode::unauthenticated, "");
    authenticator.revoked = false;
    EXPECT_EQ(catalog.get_category(id).find("name")->as_string(), "Books");
}

TEST_F(CatalogServiceTest, CategoryWithProductsCannotBeDeleted) {
    std::string id = create_category("Lamps").find("id")->as_string();
    std::string product = create_product_id(with(product_body(), "category_id", id));
    expect_error([&] { catalog.delete_category(admin, id); }, ErrorCode::conflict, "");
    EXPECT_NO_THROW(catalog.get_category(id));
    catalog.delete_product(admin, product);
    catalog.delete_category(admin, id);
}

TEST_F(CatalogServiceTest, MalformedIdsAreNotFound) {
    for (const char *id : {"", "abc", "zzzzzzzzzzzzzzzzzzzzzzzz", "65a0c0ffee0000000000abcd0"}) {
        expect_error([&] { catalog.get_category(id); }, ErrorCode::not_found, "");
        expect_error([&] { catalog.get_product(nullptr, id); }, ErrorCode::not_found, "");
        expect_error([&] { catalog.get_product(&admin, id); }, ErrorCode::not_found, "");
        expect_error([&] { catalog.update_product(admin, id, Value::object().set("stock", 1)); },
                     ErrorCode::not_found, "");
        expect_error([&] { catalog.delete_product(admin, id); }, ErrorCode::not_found, "");
        expect_error([&] { catalog.delete_category(admin, id); }, ErrorCode::not_found, "");
    }
}

TEST_F(CatalogServiceTest, CategoryListIsSortedByNameAndPaged) {
    for (const char *name : {"delta", "Alpha", "charlie", "Echo", "bravo"}) {
        create_category(name);
    }
    Value first = catalog.list_categories(Value::object().set("limit", "2"));
    EXPECT_EQ(names(first), (std::vector<std::string>{"Alpha", "bravo"}));
    EXPECT_EQ(categories.last_fetch_limit, 3);
    ASSERT_TRUE(first.find("next_cursor")->is_string());
    Value second = catalog.list_categories(
        Value::object().set("limit", 2).set("cursor", *first.find("next_cursor")));
    EXPECT_EQ(names(second), (std::vector<std::string>{"charlie", "delta"}));
    Value third = catalog.list_categories(
        Value::object().set("limit", 2).set("cursor", *second.find("next_cursor")));
    EXPECT_EQ(names(third), (std::vector<std::string>{"Echo"}));
    EXPECT_TRUE(third.find("next_cursor")->is_null());
    expect_invalid([&] { catalog.list_categories(Value::object().set("limit", 0)); }, "limit");
    expect_invalid([&] { catalog.list_categories(Value::object().set("limit", 101)); }, "limit");
    expect_invalid([&] { catalog.list_categories(Value::object().set("q", "x")); }, "q");
}

// Products

TEST_F(CatalogServiceTest, ProductCreateShowsTheApiShape) {
    Value created = create_product(product_body("Lamp", 19.99, 3));
    EXPECT_EQ(created.find("price")->as_real(), 19.99);
    EXPECT_EQ(created.find("stock")->as_integer(), 3);
    EXPECT_TRUE(created.find("in_stock")->as_bool());
    EXPECT_TRUE(created.find("description")->is_null());
    EXPECT_TRUE(created.find("category_id")->is_null());
    EXPECT_TRUE(created.find("image_url")->is_null());
    EXPECT_EQ(*created.find("sizes"), Value::array());
    EXPECT_EQ(*created.find("attributes"), Value::object());
    EXPECT_EQ(*created.find("images"), Value::array());
    const char *keys[] = {"id",       "name",        "description", "price",      "stock",
                          "in_stock", "category_id", "image_url",   "sizes",      "attributes",
                          "options",  "variants",    "images",      "created_at", "updated_at"};
    ASSERT_EQ(created.as_object().size(), std::size(keys));
    for (std::size_t i = 0; i < std::size(keys); ++i) {
        EXPECT_EQ(created.as_object()[i].first, keys[i]);
    }
    EXPECT_EQ(catalog.get_product(nullptr, created.find("id")->as_string()), created);
}

TEST_F(CatalogServiceTest, ProductCategoryMustExist) {
    expect_invalid(
        [&] { create_product(with(product_body(), "category_id", "65a0c0ffee0000000000abcd")); },
        "category_id");
    expect_invalid([&] { create_product(with(product_body(), "category_id", "123")); },
                   "category_id");
    std::string id = create_product_id(product_body());
    expect_invalid(
        [&] {
            catalog.update_product(admin, id,
                                   Value::object().set("category_id", "65a0c0ffee0000000000abcd"));
        },
        "category_id");
    std::string category = create_category("Lamps").find("id")->as_string();
    Value moved = catalog.update_product(admin, id, Value::object().set("category_id", category));
    EXPECT_EQ(moved.find("category_id")->as_string(), category);
    Value cleared = catalog.update_product(admin, id, Value::object().set("category_id", nullptr));
    EXPECT_TRUE(cleared.find("category_id")->is_null());
}

TEST_F(CatalogServiceTest, ProductWritesAreForAdminsOnly) {
    std::string id = create_product_id(product_body());
    expect_error([&] { catalog.create_product(client, product_body()); }, ErrorCode::forbidden, "");
    expect_error([&] { catalog.update_product(client, id, Value::object().set("stock", 9)); },
                 ErrorCode::forbidden, "");
    expect_error([&] { catalog.delete_product(client, id); }, ErrorCode::forbidden, "");
    EXPECT_EQ(catalog.get_product(nullptr, id).find("stock")->as_integer(), 5);
}

TEST_F(CatalogServiceTest, UpdateChangesOnlyTheGivenFields) {
    Value body = product_body("Lamp", 10, 4);
    body.set("description", "Brass").set("sizes", Value(Value::Array{Value("M")}));
    std::string id = create_product_id(body);
    products.stored(id).variants.front().stock = 2;  // as if an order took two meanwhile
    clock.advance_ms(5);
    Value updated = catalog.update_product(admin, id, Value::object().set("price", 12.5));
    EXPECT_EQ(updated.find("price")->as_real(), 12.5);
    EXPECT_EQ(updated.find("stock")->as_integer(), 2);
    EXPECT_EQ(updated.find("description")->as_string(), "Brass");
    EXPECT_EQ(updated.find("sizes")->as_array().size(), 1u);
    EXPECT_NE(updated.find("updated_at")->as_string(), updated.find("created_at")->as_string());
}

TEST_F(CatalogServiceTest, HiddenProductsAreForAdminsOnly) {
    std::string visible = create_product_id(product_body("Visible"));
    std::string sold_out = create_product_id(product_body("Sold out", 5, 0));
    std::string switched_off = create_product_id(with(product_body("Off"), "in_stock", false));

    EXPECT_EQ(public_names(Value::object()), (std::vector<std::string>{"Visible"}));
    EXPECT_EQ(names(catalog.list_products(&client, Value::object())),
              (std::vector<std::string>{"Visible"}));
    EXPECT_EQ(names(catalog.list_products(&admin, Value::object())),
              (std::vector<std::string>{"Visible"}));
    EXPECT_EQ(names(catalog.list_products(&admin, Value::object().set("include_hidden", "true"))),
              (std::vector<std::string>{"Off", "Sold out", "Visible"}));

    for (const auto &id : {sold_out, switched_off}) {
        expect_error([&] { catalog.get_product(nullptr, id); }, ErrorCode::not_found, "");
        expect_error([&] { catalog.get_product(&client, id); }, ErrorCode::not_found, "");
        EXPECT_EQ(catalog.get_product(&admin, id).find("id")->as_string(), id);
    }
    EXPECT_NO_THROW(catalog.get_product(nullptr, visible));

    expect_error(
        [&] { catalog.list_products(nullptr, Value::object().set("include_hidden", true)); },
        ErrorCode::unauthenticated, "");
    expect_error(
        [&] { catalog.list_products(&client, Value::object().set("include_hidden", true)); },
        ErrorCode::forbidden, "");
    EXPECT_NO_THROW(catalog.list_products(&client, Value::object().set("include_hidden", false)));
}

TEST_F(CatalogServiceTest, ReadsWithASessionRecheckIt) {
    std::string id = create_product_id(product_body());
    int before = authenticator.rechecks;
    catalog.get_product(&client, id);
    catalog.list_products(&client, Value::object());
    EXPECT_EQ(authenticator.rechecks, before + 2);
    catalog.get_product(nullptr, id);
    EXPECT_EQ(authenticator.rechecks, before + 2);
    authenticator.revoked = true;
    expect_error([&] { catalog.get_product(&client, id); }, ErrorCode::unauthenticated, "");
    expect_error([&] { catalog.list_products(&admin, Value::object()); },
                 ErrorCode::unauthenticated, "");
}

TEST_F(CatalogServiceTest, EveryFilter) {
    std::string books = create_category("Books").find("id")->as_string();
    Value hobbit = product_body("The Hobbit", 12.5, 3);
    hobbit.set("category_id", books)
        .set("attributes", Value::object().set("author", "Tolkien").set("year", "1937"))
        .set("description", "There and back again");
    create_product(hobbit);
    Value silmarillion = product_body("Silmarillion", 30, 1);
    silmarillion.set("category_id", books)
        .set("attributes", Value::object().set("author", "Tolkien").set("year", "1977"));
    create_product(silmarillion);
    Value shirt = product_body("Shirt (cotton)", 20, 9);
    shirt.set("sizes", Value(Value::Array{Value("S"), Value("M")}))
        .set("description", "Price: $20.*");
    create_product(shirt);

    EXPECT_EQ(public_names(Value::object().set("category", books)),
              (std::vector<std::string>{"Silmarillion", "The Hobbit"}));
    EXPECT_EQ(public_names(Value::object().set("q", "HOBBIT")),
              (std::vector<std::string>{"The Hobbit"}));
    EXPECT_EQ(public_names(Value::object().set("q", "back again")),
              (std::vector<std::string>{"The Hobbit"}));
    EXPECT_EQ(public_names(Value::object().set("q", "$20.*")),
              (std::vector<std::string>{"Shirt (cotton)"}));
    EXPECT_EQ(public_names(Value::object().set("min_price", "20")),
              (std::vector<std::string>{"Shirt (cotton)", "Silmarillion"}));
    EXPECT_EQ(public_names(Value::object().set("max_price", 20)),
              (std::vector<std::string>{"Shirt (cotton)", "The Hobbit"}));
    EXPECT_EQ(public_names(Value::object().set("min_price", 12.5).set("max_price", "12.50")),
              (std::vector<std::string>{"The Hobbit"}));
    EXPECT_EQ(public_names(Value::object().set("size", "M")),
              (std::vector<std::string>{"Shirt (cotton)"}));
    EXPECT_EQ(public_names(Value::object().set("attr.author", "Tolkien")),
              (std::vector<std::string>{"Silmarillion", "The Hobbit"}));
    EXPECT_EQ(public_names(Value::object().set("attr.author", "Tolkien").set("attr.year", "1977")),
              (std::vector<std::string>{"Silmarillion"}));
    EXPECT_TRUE(public_names(Value::object().set("attr.author", "tolkien")).empty());
}

TEST_F(CatalogServiceTest, EverySortOrder) {
    create_product(product_body("banana", 3, 1));
    clock.advance_ms(10);
    create_product(product_body("Apple", 2, 1));
    clock.advance_ms(10);
    create_product(product_body("cherry", 1, 1));
    using Names = std::vector<std::string>;
    EXPECT_EQ(public_names(Value::object()), (Names{"Apple", "banana", "cherry"}));
    EXPECT_EQ(public_names(Value::object().set("sort", "name")),
              (Names{"Apple", "banana", "cherry"}));
    EXPECT_EQ(public_names(Value::object().set("sort", "-name")),
              (Names{"cherry", "banana", "Apple"}));
    EXPECT_EQ(public_names(Value::object().set("sort", "price")),
              (Names{"cherry", "Apple", "banana"}));
    EXPECT_EQ(public_names(Value::object().set("sort", "-price")),
              (Names{"banana", "Apple", "cherry"}));
    EXPECT_EQ(public_names(Value::object().set("sort", "created_at")),
              (Names{"banana", "Apple", "cherry"}));
    EXPECT_EQ(public_names(Value::object().set("sort", "-created_at")),
              (Names{"cherry", "Apple", "banana"}));
}

TEST_F(CatalogServiceTest, PagesFetchOneExtraAndChainCursors) {
    for (int i = 0; i < 5; ++i) {
        create_product(product_body("P" + std::to_string(i), 10, 1));  // equal prices: ties
    }
    std::vector<std::string> seen;
    Value query = Value::object().set("sort", "-price").set("limit", 2);
    int pages = 0;
    while (true) {
        Value page = catalog.list_products(nullptr, query);
        ++pages;
        EXPECT_EQ(products.last_fetch_limit, 3);
        for (const auto &name : names(page)) {
            seen.push_back(name);
        }
        if (page.find("next_cursor")->is_null()) {
            break;
        }
        query.set("cursor", *page.find("next_cursor"));
    }
    EXPECT_EQ(pages, 3);
    EXPECT_EQ(seen, (std::vector<std::string>{"P4", "P3", "P2", "P1", "P0"}));
}

TEST_F(CatalogServiceTest, ExactlyFullLastPageHasNoCursor) {
    create_product(product_body("A"));
    create_product(product_body("B"));
    Value page = catalog.list_products(nullptr, Value::object().set("limit", 2));
    EXPECT_EQ(page.find("items")->as_array().size(), 2u);
    EXPECT_TRUE(page.find("next_cursor")->is_null());
}

TEST_F(CatalogServiceTest, StaffHoldingManageCatalogWriteAndEveryWriteIsAudited) {
    Session cataloguer = client_session();
    cataloguer.role = Role::staff;
    EXPECT_EQ(
        code_of([&] { catalog.create_category(cataloguer, Value::object().set("name", "A")); }),
        ErrorCode::forbidden);
    cataloguer.permissions.add(Permission::manage_catalog);
    std::string category = catalog.create_category(cataloguer, Value::object().set("name", "A"))
                               .find("id")
                               ->as_string();
    catalog.update_category(cataloguer, category, Value::object().set("description", "d"));
    std::string product =
        catalog
            .create_product(cataloguer,
                            Value::object().set("name", "Pen").set("price", 2.5).set("stock", 0))
            .find("id")
            ->as_string();
    EXPECT_NO_THROW(catalog.get_product(&cataloguer, product));  // hidden: out of stock
    catalog.update_product(cataloguer, product, Value::object().set("stock", 4));
    catalog.delete_product(cataloguer, product);
    catalog.delete_category(cataloguer, category);
    EXPECT_EQ(code_of([&] { catalog.delete_product(cataloguer, product); }), ErrorCode::not_found);
    std::vector<std::string> actions;
    for (const auto &entry : audit_entries.committed()) {
        actions.push_back(entry.action + " " + entry.target_id + " " + entry.actor_id);
    }
    std::string by = " " + cataloguer.user_id;
    EXPECT_EQ(actions, (std::vector<std::string>{
                           "category.create " + category + by, "category.update " + category + by,
                           "product.create " + product + by, "product.update " + product + by,
                           "product.delete " + product + by, "category.delete " + category + by}));
    EXPECT_TRUE(audit_entries.stale_pending(clock.now_ms()).empty());
}

}  // namespace
}  // namespace libstore::testing
