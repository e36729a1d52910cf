// The smallest byte strings that pass as whole images of each accepted type, built from the
// structure the checks look for, for tests to start from and then break.
#pragma once

#include <cstdint>
#include <string>

namespace libstore::testing {

inline std::string le32(std::uint32_t value) {
    std::string bytes;
    for (int shift = 0; shift < 32; shift += 8) {
        bytes.push_back(static_cast<char>((value >> shift) & 0xFF));
    }
    return bytes;
}

inline std::string png_chunk(const std::string &type, const std::string &data) {
    std::string chunk;
    auto length = static_cast<std::uint32_t>(data.size());
    for (int shift = 24; shift >= 0; shift -= 8) {
        chunk.push_back(static_cast<char>((length >> shift) & 0xFF));
    }
    return chunk + type + data + std::string(4, '\0');  // the CRC is not checked
}

inline std::string png_signature() {
    return std::string("\x89PNG\r\n\x1a\n", 8);
}

inline std::string sample_png() {
    return png_signature() + png_chunk("IHDR", std::string(13, '\x01')) +
           png_chunk("IDAT", "pixels") + std::string("\0\0\0\0IEND\xAE\x42\x60\x82", 12);
}

inline std::string sample_jpeg() {
    return std::string("\xFF\xD8\xFF\xE0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00", 20) +
           std::string("\xFF\xD9", 2);
}

inline std::string sample_gif() {
    return std::string("GIF89a") + std::string("\x01\x00\x01\x00\x00\x00\x00", 7) + "\x3B";
}

inline std::string sample_webp() {
    std::string chunk = std::string("VP8L") + le32(5) + std::string("\x2F\0\0\0\0", 5);
    std::string body = "WEBP" + chunk;
    return "RIFF" + le32(static_cast<std::uint32_t>(body.size())) + body;
}

}  // namespace libstore::testing
