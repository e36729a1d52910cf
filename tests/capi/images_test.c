/* Product images through the C ABI: bytes in and out (pointer and length), the type and size
 * rules with the field they name, catalog managers only, listing on the product, deletion
 * alone and with the product, and argument checks. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "capi_fixture.h"

typedef struct images_state {
    store_t *store;
    store_session_t *admin;
    store_session_t *client;
    char product_id[25];
} images_state_t;

/* A whole PNG: signature, IHDR, IDAT, IEND (CRCs are not checked by the library). */
static const unsigned char kPng[] = {
    0x89, 'P',  'N',  'G', '\r', '\n', 0x1A, '\n', 0,   0,   0,    13,   'I',  'H', 'D',
    'R',  0,    0,    0,   1,    0,    0,    0,    1,   8,   2,    0,    0,    0,   0x90,
    0x77, 0x53, 0xDE, 0,   0,    0,    2,    'I',  'D', 'A', 'T',  0x78, 0x9C, 0,   0,
    0,    0,    0,    0,   0,    0,    'I',  'E',  'N', 'D', 0xAE, 0x42, 0x60, 0x82};

static const unsigned char kGif[] = {'G', 'I', 'F', '8', '9', 'a', 1, 0, 1, 0, 0, 0, 0, 0x3B};

static int open_images(void **state) {
    void *store = NULL;
    if (capi_fixture_open_store(&store) != 0) {
        return -1;
    }
    images_state_t *images = test_calloc(1, sizeof *images);
    images->store = store;
    capi_create_user(images->store, "images_admin", 1, NULL);
    capi_create_user(images->store, "images_client", 0, NULL);
    images->admin = capi_login(images->store, "images_admin");
    images->client = capi_login(images->store, "images_client");
    char *json = NULL;
    store_error_t error;
    if (store_product_create(&json, images->admin, "{\"name\":\"Lamp\",\"price\":9.5,\"stock\":3}",
                             &error) != STORE_OK) {
        fail_msg("creating a product: %s", error.message);
    }
    capi_json_string(json, "id", images->product_id, sizeof images->product_id);
    store_free(json);
    *state = images;
    return 0;
}

static int close_images(void **state) {
    images_state_t *images = *state;
    store_session_free(images->admin);
    store_session_free(images->client);
    void *store = images->store;
    test_free(images);
    return capi_fixture_close_store(&store);
}

static void expect_status(store_status_t status, const store_error_t *error,
                          store_status_t expected, const char *field) {
    if (status != expected) {
        fail_msg("expected %s, got %s: %s", store_status_name(expected), store_status_name(status),
                 error->message);
    }
    assert_string_equal(error->field, field);
}

/* Uploads kPng and copies the new image's id into `id` (25 bytes). */
static void add_png(images_state_t *images, char *id) {
    char *json = NULL;
    store_error_t error;
    if (store_product_image_add(&json, images->admin, images->product_id, "image/png", kPng,
                                sizeof kPng, &error) != STORE_OK) {
        fail_msg("uploading: %s (%s)", error.message, error.field);
    }
    capi_json_string(json, "id", id, 25);
    store_free(json);
}

static void upload_and_download_bytes(void **state) {
    images_state_t *images = *state;
    char *json = NULL;
    store_error_t error;
    assert_int_equal(store_product_image_add(&json, images->admin, images->product_id, "IMAGE/PNG",
                                             kPng, sizeof kPng, &error),
                     STORE_OK);
    char id[25], url[64], type[32], sha256[65];
    capi_json_string(json, "id", id, sizeof id);
    capi_json_string(json, "url", url, sizeof url);
    capi_json_string(json, "content_type", type, sizeof type);
    capi_json_string(json, "sha256", sha256, sizeof sha256);
    char expected_url[64];
    snprintf(expected_url, sizeof expected_url, "/images/%s", id);
    assert_string_equal(url, expected_url);
    assert_string_equal(type, "image/png");
    assert_int_equal(strlen(sha256), 64);
    char bytes_field[32];
    snprintf(bytes_field, sizeof bytes_field, "\"bytes\":%zu", sizeof kPng);
    assert_non_null(strstr(json, bytes_field));
    store_free(json);

    void *data = NULL;
    size_t length = 0;
    char *info = NULL;
    assert_int_equal(store_image_get(&data, &length, &info, images->store, id, &error), STORE_OK);
    assert_int_equal(length, sizeof kPng);
    assert_memory_equal(data, kPng, sizeof kPng);
    char info_sha[65];
    capi_json_string(info, "sha256", info_sha, sizeof info_sha);
    assert_string_equal(info_sha, sha256);
    assert_null(strstr(info, "\"url\""));
    store_free(data);
    store_free(info);

    /* The info is optional. */
    assert_int_equal(store_image_get(&data, &length, NULL, images->store, id, &error), STORE_OK);
    assert_int_equal(length, sizeof kPng);
    store_free(data);

    /* The product lists it, in upload order, after a second one. */
    char gif_id[25];
    assert_int_equal(store_product_image_add(&json, images->admin, images->product_id, "image/gif",
                                             kGif, sizeof kGif, &error),
                     STORE_OK);
    capi_json_string(json, "id", gif_id, sizeof gif_id);
    store_free(json);
    assert_int_equal(store_product_get(&json, images->store, NULL, images->product_id, &error),
                     STORE_OK);
    const char *first = strstr(json, id);
    const char *second = strstr(json, gif_id);
    assert_non_null(first);
    assert_non_null(second);
    assert_true(first < second);
    store_free(json);
}

static void the_bytes_must_match_the_type(void **state) {
    images_state_t *images = *state;
    char *json = NULL;
    store_error_t error;
    expect_status(store_product_image_add(&json, images->admin, images->product_id, "image/jpeg",
                                          kPng, sizeof kPng, &error),
                  &error, STORE_EINVAL, "content_type");
    assert_null(json);
    expect_status(store_product_image_add(&json, images->admin, images->product_id, "image/png",
                                          "hello, world", 12, &error),
                  &error, STORE_EINVAL, "content_type");
    expect_status(store_product_image_add(&json, images->admin, images->product_id, "text/plain",
                                          kPng, sizeof kPng, &error),
                  &error, STORE_EINVAL, "content_type");
    expect_status(store_product_image_add(&json, images->admin, images->product_id, "image/png",
                                          kPng, sizeof kPng - 1, &error),
                  &error, STORE_EINVAL, "image");
    expect_status(store_product_image_add(&json, images->admin, images->product_id, "image/png",
                                          NULL, 0, &error),
                  &error, STORE_EINVAL, "image");

    size_t big = 5 * 1024 * 1024 + 1;
    unsigned char *oversized = malloc(big);
    assert_non_null(oversized);
    memcpy(oversized, kPng, sizeof kPng);
    memset(oversized + sizeof kPng, 0, big - sizeof kPng);
    expect_status(store_product_image_add(&json, images->admin, images->product_id, "image/png",
                                          oversized, big, &error),
                  &error, STORE_ETOOLARGE, "image");
    free(oversized);

    assert_int_equal(store_product_get(&json, images->store, NULL, images->product_id, &error),
                     STORE_OK);
    assert_non_null(strstr(json, "\"images\":[]"));
    store_free(json);
}

static void writes_are_for_catalog_managers(void **state) {
    images_state_t *images = *state;
    char *json = NULL;
    store_error_t error;
    expect_status(store_product_image_add(&json, images->client, images->product_id, "image/png",
                                          kPng, sizeof kPng, &error),
                  &error, STORE_EFORBIDDEN, "");
    char id[25];
    add_png(images, id);
    expect_status(store_product_image_delete(images->client, images->product_id, id, &error),
                  &error, STORE_EFORBIDDEN, "");
}

static void delete_and_not_found(void **state) {
    images_state_t *images = *state;
    char id[25];
    add_png(images, id);
    store_error_t error;
    char *json = NULL;
    const char *missing = "0123456789abcdef01234567";
    expect_status(store_product_image_add(&json, images->admin, missing, "image/png", kPng,
                                          sizeof kPng, &error),
                  &error, STORE_ENOTFOUND, "");
    expect_status(store_product_image_delete(images->admin, images->product_id, missing, &error),
                  &error, STORE_ENOTFOUND, "");
    expect_status(store_product_image_delete(images->admin, missing, id, &error), &error,
                  STORE_ENOTFOUND, "");
    expect_status(store_product_image_delete(images->admin, images->product_id, "nope", &error),
                  &error, STORE_ENOTFOUND, "");

    assert_int_equal(store_product_image_delete(images->admin, images->product_id, id, &error),
                     STORE_OK);
    void *data = NULL;
    size_t length = 7;
    char *info = NULL;
    expect_status(store_image_get(&data, &length, &info, images->store, id, &error), &error,
                  STORE_ENOTFOUND, "");
    assert_null(data);
    assert_null(info);
    assert_int_equal(length, 0);
    expect_status(store_image_get(&data, &length, &info, images->store, "xyz", &error), &error,
                  STORE_ENOTFOUND, "");
    expect_status(store_product_image_delete(images->admin, images->product_id, id, &error), &error,
                  STORE_ENOTFOUND, "");
}

static void deleting_the_product_deletes_its_images(void **state) {
    images_state_t *images = *state;
    char id[25];
    add_png(images, id);
    store_error_t error;
    assert_int_equal(store_product_delete(images->admin, images->product_id, &error), STORE_OK);
    void *data = NULL;
    size_t length = 0;
    expect_status(store_image_get(&data, &length, NULL, images->store, id, &error), &error,
                  STORE_ENOTFOUND, "");
    char *report = NULL;
    assert_int_equal(store_recover(&report, images->store, &error), STORE_OK);
    assert_non_null(strstr(report, "\"images_removed\":0"));
    store_free(report);
}

static void arguments_are_checked(void **state) {
    images_state_t *images = *state;
    char *json = NULL;
    store_error_t error;
    expect_status(store_product_image_add(NULL, images->admin, images->product_id, "image/png",
                                          kPng, sizeof kPng, &error),
                  &error, STORE_EINVAL, "out_image_json");
    expect_status(store_product_image_add(&json, NULL, images->product_id, "image/png", kPng,
                                          sizeof kPng, &error),
                  &error, STORE_EINVAL, "session");
    expect_status(
        store_product_image_add(&json, images->admin, NULL, "image/png", kPng, sizeof kPng, &error),
        &error, STORE_EINVAL, "product_id");
    expect_status(store_product_image_add(&json, images->admin, images->product_id, NULL, kPng,
                                          sizeof kPng, &error),
                  &error, STORE_EINVAL, "content_type");
    expect_status(store_product_image_add(&json, images->admin, images->product_id, "image/png",
                                          NULL, 10, &error),
                  &error, STORE_EINVAL, "data");
    void *data = NULL;
    size_t length = 0;
    expect_status(store_image_get(NULL, &length, NULL, images->store, "x", &error), &error,
                  STORE_EINVAL, "out_data");
    expect_status(store_image_get(&data, NULL, NULL, images->store, "x", &error), &error,
                  STORE_EINVAL, "out_length");
    expect_status(store_image_get(&data, &length, NULL, NULL, "x", &error), &error, STORE_EINVAL,
                  "store");
    expect_status(store_image_get(&data, &length, NULL, images->store, NULL, &error), &error,
                  STORE_EINVAL, "image_id");
    expect_status(store_product_image_delete(NULL, images->product_id, "x", &error), &error,
                  STORE_EINVAL, "session");
    expect_status(store_product_image_delete(images->admin, NULL, "x", &error), &error,
                  STORE_EINVAL, "product_id");
    expect_status(store_product_image_delete(images->admin, images->product_id, NULL, &error),
                  &error, STORE_EINVAL, "image_id");
}

int main(void) {
#define IMAGES_TEST(name) cmocka_unit_test_setup_teardown(name, open_images, close_images)
    const struct CMUnitTest tests[] = {
        IMAGES_TEST(upload_and_download_bytes),
        IMAGES_TEST(the_bytes_must_match_the_type),
        IMAGES_TEST(writes_are_for_catalog_managers),
        IMAGES_TEST(delete_and_not_found),
        IMAGES_TEST(deleting_the_product_deletes_its_images),
        IMAGES_TEST(arguments_are_checked),
    };
    return cmocka_run_group_tests_name("images", tests, capi_fixture_group_setup,
                                       capi_fixture_group_teardown);
}
