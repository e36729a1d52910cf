#include "core/catalog/image_type.hpp"

#include <cstdint>
#include <optional>

#include "core/error.hpp"

namespace libstore {

namespace {

constexpr std::string_view kPng = "image/png";
constexpr std::string_view kJpeg = "image/jpeg";
constexpr std::string_view kWebp = "image/webp";
constexpr std::string_view kGif = "image/gif";

constexpr std::string_view kPngSignature{"\x89PNG\r\n\x1a\n", 8};

std::uint8_t byte_at(std::string_view data, std::size_t index) {
    return static_cast<std::uint8_t>(data[index]);
}

std::uint32_t big_endian_32(std::string_view data, std::size_t at) {
    return (std::uint32_t{byte_at(data, at)} << 24) | (std::uint32_t{byte_at(data, at + 1)} << 16) |
           (std::uint32_t{byte_at(data, at + 2)} << 8) | std::uint32_t{byte_at(data, at + 3)};
}

std::uint32_t little_endian_32(std::string_view data, std::size_t at) {
    return std::uint32_t{byte_at(data, at)} | (std::uint32_t{byte_at(data, at + 1)} << 8) |
           (std::uint32_t{byte_at(data, at + 2)} << 16) |
           (std::uint32_t{byte_at(data, at + 3)} << 24);
}

// Whether `data` agrees with `pattern` wherever both have a byte ('?' in the pattern matches
// anything): data shorter than the pattern matches as a prefix.
bool agrees(std::string_view data, std::string_view pattern) {
    std::size_t shared = data.size() < pattern.size() ? data.size() : pattern.size();
    for (std::size_t i = 0; i < shared; ++i) {
        if (pattern[i] != '?' && data[i] != pattern[i]) {
            return false;
        }
    }
    return true;
}

struct Signature {
    std::string_view type;
    std::string_view pattern;
};

// Each type's leading bytes; WebP's size field in between is anything.
constexpr Signature kSignatures[] = {
    {kPng, kPngSignature}, {kJpeg, "\xFF\xD8\xFF"}, {kGif, "GIF87a"},
    {kGif, "GIF89a"},      {kWebp, "RIFF????WEBP"},
};

// The type whose whole signature `data` starts with, if any.
std::optional<std::string_view> sniffed_type(std::string_view data) {
    for (const auto &signature : kSignatures) {
        if (data.size() >= signature.pattern.size() && agrees(data, signature.pattern)) {
            return signature.type;
        }
    }
    return std::nullopt;
}

// Whether `data` is the start of a signature of `type`, cut off before its end.
bool is_cut_signature(std::string_view type, std::string_view data) {
    for (const auto &signature : kSignatures) {
        if (signature.type == type && data.size() < signature.pattern.size() &&
            agrees(data, signature.pattern)) {
            return true;
        }
    }
    return false;
}

// Chunks from the signature on, each length, type, data and CRC; the first is a 13-byte IHDR,
// and IEND ends the file exactly.
bool is_whole_png(std::string_view data) {
    std::size_t at = kPngSignature.size();
    bool first = true;
    while (data.size() - at >= 12) {
        std::uint32_t length = big_endian_32(data, at);
        std::string_view type = data.substr(at + 4, 4);
        if (length > data.size() - at - 12) {
            return false;
        }
        if (first && (type != "IHDR" || length != 13)) {
            return false;
        }
        first = false;
        at += 12 + std::size_t{length};
        if (type == "IEND") {
            return length == 0 && at == data.size();
        }
    }
    return false;
}

bool is_whole_jpeg(std::string_view data) {
    return data.size() >= 5 && byte_at(data, data.size() - 2) == 0xFF &&
           byte_at(data, data.size() - 1) == 0xD9;
}

// Header (6), logical screen descriptor (7), ..., trailer 0x3B.
bool is_whole_gif(std::string_view data) {
    return data.size() >= 14 && byte_at(data, data.size() - 1) == 0x3B;
}

// RIFF's size counts everything after its first 8 bytes; the first chunk is an image chunk
// that fits in the file.
bool is_whole_webp(std::string_view data) {
    if (data.size() < 20 || little_endian_32(data, 4) != data.size() - 8) {
        return false;
    }
    std::string_view chunk = data.substr(12, 4);
    if (chunk != "VP8 " && chunk != "VP8L" && chunk != "VP8X") {
        return false;
    }
    return little_endian_32(data, 16) <= data.size() - 20;
}

bool is_whole(std::string_view type, std::string_view data) {
    if (type == kPng) {
        return is_whole_png(data);
    }
    if (type == kJpeg) {
        return is_whole_jpeg(data);
    }
    if (type == kGif) {
        return is_whole_gif(data);
    }
    return is_whole_webp(data);
}

bool is_blank(char c) {
    return c == ' ' || c == '\t';
}

}  // namespace

std::string accepted_image_type(std::string_view declared) {
    std::string_view type = declared.substr(0, declared.find(';'));
    while (!type.empty() && is_blank(type.front())) {
        type.remove_prefix(1);
    }
    while (!type.empty() && is_blank(type.back())) {
        type.remove_suffix(1);
    }
    std::string folded(type);
    for (char &c : folded) {
        if (c >= 'A' && c <= 'Z') {
            c = static_cast<char>(c - 'A' + 'a');
        }
    }
    if (folded != kPng && folded != kJpeg && folded != kWebp && folded != kGif) {
        throw_invalid("content_type",
                      "content_type must be image/png, image/jpeg, image/webp or image/gif");
    }
    return folded;
}

std::string check_image(std::string_view declared, std::string_view data) {
    std::string type = accepted_image_type(declared);
    if (data.size() > kMaxImageBytes) {
        throw Error(ErrorCode::too_large, "image", "an image may have at most 5 MiB");
    }
    if (data.empty()) {
        throw_invalid("image", "the image is empty");
    }
    auto sniffed = sniffed_type(data);
    if (!sniffed) {
        if (is_cut_signature(type, data)) {
            throw_invalid("image", "the image is truncated");
        }
        throw_invalid("content_type", "the bytes are not a " + type + " image");
    }
    if (*sniffed != type) {
        throw_invalid("content_type",
                      "the bytes are a " + std::string(*sniffed) + " image, not " + type);
    }
    if (!is_whole(type, data)) {
        throw_invalid("image", "the " + type + " image is truncated or malformed");
    }
    return type;
}

}  // namespace libstore
