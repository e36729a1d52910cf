// The magic-number check of uploaded images (lib/core/catalog/image_type.cpp) behind
// store_product_image_add() and POST /products/{id}/images. The first byte picks the declared
// type (one of the four, or — selector 4 — the text up to the first newline); the rest is the
// file. An accepted file must be non-empty, at most 5 MiB, start with its type's signature and
// be refused as any other type and (but a GIF) when cut short by a byte; a refused one names
// its field.
#include <cstdint>
#include <string>
#include <string_view>

#include "core/catalog/image_type.hpp"
#include "fuzz_support.hpp"

namespace {

using libstore::ErrorCode;
namespace fuzz = libstore::fuzz;

const char *const kTypes[] = {"image/png", "image/jpeg", "image/webp", "image/gif"};

bool starts_with(std::string_view data, std::string_view prefix) {
    return data.substr(0, prefix.size()) == prefix;
}

void check_signature(const std::string &type, std::string_view data) {
    bool signed_right =
        (type == "image/png" && starts_with(data, "\x89PNG\r\n\x1a\n")) ||
        (type == "image/jpeg" && starts_with(data, "\xFF\xD8\xFF")) ||
        (type == "image/gif" && (starts_with(data, "GIF87a") || starts_with(data, "GIF89a"))) ||
        (type == "image/webp" && starts_with(data, "RIFF") && data.substr(8, 4) == "WEBP");
    fuzz::check(signed_right, "accepted without its signature", type);
}

// Runs the check; on a refusal the field must be one the API documents.
bool accepted(std::string_view declared, std::string_view data, std::string *type) {
    try {
        *type = libstore::check_image(declared, data);
        return true;
    } catch (const libstore::Error &error) {
        bool known = (error.code() == ErrorCode::invalid_argument &&
                      (error.field() == "content_type" || error.field() == "image")) ||
                     (error.code() == ErrorCode::too_large && error.field() == "image");
        fuzz::check(known, "unexpected refusal", error.field() + ": " + error.what());
        fuzz::check(libstore::is_clean_utf8(error.what()), "error message is not clean UTF-8");
        return false;
    } catch (const std::exception &error) {
        fuzz::fail("exception other than libstore::Error escaped", error.what());
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *bytes, std::size_t size) {
    fuzz::Input input = fuzz::split_input(bytes, size);
    std::string_view rest = input.text;
    std::string declared;
    if (input.selector % 5 < 4) {
        declared = kTypes[input.selector % 5];
    } else {
        std::size_t newline = rest.find('\n');
        declared = std::string(rest.substr(0, newline));
        rest = newline == std::string_view::npos ? std::string_view() : rest.substr(newline + 1);
    }
    std::string type;
    if (!accepted(declared, rest, &type)) {
        return 0;
    }
    fuzz::check(!rest.empty() && rest.size() <= libstore::kMaxImageBytes, "size out of range");
    check_signature(type, rest);
    std::string ignored;
    // A GIF is judged by its last byte alone, and a GIF may end in two trailers' worth of 0x3B;
    // the other three know exactly where they end.
    if (type != "image/gif") {
        fuzz::check(!accepted(type, rest.substr(0, rest.size() - 1), &ignored),
                    "accepted cut short by a byte", type);
    }
    for (const char *other : kTypes) {
        if (type != other) {
            fuzz::check(!accepted(other, rest, &ignored), "accepted as two types", other);
        }
    }
    return 0;
}
