// The magic-number rules of uploaded images: each accepted type passes whole, fails cut off,
// and fails declared as any other type; unknown types, empty and oversized data are refused.
#include <gtest/gtest.h>

#include "catalog_test_support.hpp"
#include "core/catalog/image_type.hpp"
#include "image_samples.hpp"

namespace libstore::testing {
namespace {

struct Sample {
    const char *type;
    std::string data;
};

std::vector<Sample> samples() {
    return {{"image/png", sample_png()},
            {"image/jpeg", sample_jpeg()},
            {"image/gif", sample_gif()},
            {"image/webp", sample_webp()}};
}

TEST(ImageType, WholeImagesOfEachTypePass) {
    for (const auto &sample : samples()) {
        EXPECT_EQ(check_image(sample.type, sample.data), sample.type);
    }
}

TEST(ImageType, DeclaredTypesAreFoldedAndLoseTheirParameters) {
    EXPECT_EQ(check_image("IMAGE/PNG", sample_png()), "image/png");
    EXPECT_EQ(check_image(" image/jpeg ; q=1", sample_jpeg()), "image/jpeg");
}

TEST(ImageType, UnknownTypesAreRefused) {
    for (const char *type : {"", "image/svg+xml", "text/plain", "application/octet-stream",
                             "image/pngx", "image/jpg"}) {
        expect_invalid([&] { check_image(type, sample_png()); }, "content_type");
    }
}

TEST(ImageType, BytesOfAnotherTypeAreRefused) {
    for (const auto &sample : samples()) {
        for (const auto &other : samples()) {
            if (std::string(sample.type) != other.type) {
                expect_invalid([&] { check_image(other.type, sample.data); }, "content_type");
            }
        }
    }
}

TEST(ImageType, TextDeclaredAsAnImageIsRefused) {
    for (const auto &sample : samples()) {
        expect_invalid([&] { check_image(sample.type, "just some text, not an image"); },
                       "content_type");
    }
}

TEST(ImageType, EmptyDataIsRefused) {
    for (const auto &sample : samples()) {
        expect_invalid([&] { check_image(sample.type, ""); }, "image");
    }
}

TEST(ImageType, EveryCutOffPrefixIsRefused) {
    for (const auto &sample : samples()) {
        for (std::size_t length = 1; length < sample.data.size(); ++length) {
            expect_invalid([&] { check_image(sample.type, sample.data.substr(0, length)); },
                           "image");
        }
    }
}

TEST(ImageType, PngNeedsIhdrFirstAndIendLast) {
    std::string no_ihdr = png_signature() + png_chunk("IDAT", "pixels") +
                          std::string("\0\0\0\0IEND\xAE\x42\x60\x82", 12);
    expect_invalid([&] { check_image("image/png", no_ihdr); }, "image");
    expect_invalid([&] { check_image("image/png", sample_png() + "trailing"); }, "image");
    std::string short_ihdr = png_signature() + png_chunk("IHDR", std::string(12, '\x01')) +
                             std::string("\0\0\0\0IEND\xAE\x42\x60\x82", 12);
    expect_invalid([&] { check_image("image/png", short_ihdr); }, "image");
    // A chunk length pointing far past the end must not be followed.
    std::string huge = sample_png();
    huge[8] = '\x7F';
    expect_invalid([&] { check_image("image/png", huge); }, "image");
}

TEST(ImageType, WebpSizeMustMatchAndItsChunkBeAnImageChunk) {
    std::string grown = sample_webp() + "xx";
    expect_invalid([&] { check_image("image/webp", grown); }, "image");
    std::string wrong_chunk = sample_webp();
    wrong_chunk.replace(12, 4, "ICCP");
    expect_invalid([&] { check_image("image/webp", wrong_chunk); }, "image");
    for (const char *chunk : {"VP8 ", "VP8X"}) {
        std::string other = sample_webp();
        other.replace(12, 4, chunk);
        EXPECT_EQ(check_image("image/webp", other), "image/webp");
    }
}

TEST(ImageType, GifAndJpegNeedTheirTrailers) {
    std::string gif = sample_gif();
    gif.back() = '\0';
    expect_invalid([&] { check_image("image/gif", gif); }, "image");
    std::string old_gif = sample_gif();
    old_gif.replace(0, 6, "GIF87a");
    EXPECT_EQ(check_image("image/gif", old_gif), "image/gif");
    std::string jpeg = sample_jpeg();
    jpeg.back() = '\0';
    expect_invalid([&] { check_image("image/jpeg", jpeg); }, "image");
}

TEST(ImageType, AtMostFiveMebibytes) {
    std::string png = sample_png();
    std::string padded = png.substr(0, png.size() - 12);
    std::size_t room = kMaxImageBytes - padded.size() - 12 - 12;
    std::string full =
        padded + png_chunk("IDAT", std::string(room, 'x')) + png.substr(png.size() - 12);
    ASSERT_EQ(full.size(), kMaxImageBytes);
    EXPECT_EQ(check_image("image/png", full), "image/png");
    std::string over =
        padded + png_chunk("IDAT", std::string(room + 1, 'x')) + png.substr(png.size() - 12);
    expect_error([&] { check_image("image/png", over); }, ErrorCode::too_large, "image");
}

}  // namespace
}  // namespace libstore::testing
