// Case folding (category uniqueness, name sorting), web URLs (product images) and regex
// escaping (search text).
#include <gtest/gtest.h>

#include "adapters/mongo/regex_escape.hpp"
#include "core/validation/case_folding.hpp"
#include "core/validation/web_url.hpp"

namespace libstore {
namespace {

TEST(CaseFolding, AsciiAndCommonScriptsFoldToSmallLetters) {
    EXPECT_EQ(fold_case("Books & MORE 42"), "books & more 42");
    EXPECT_EQ(fold_case("ÉLAN Über"), "élan über");
    EXPECT_EQ(fold_case("ŁÓDŹ ŒUVRE Ÿ"), "łódź œuvre ÿ");
    EXPECT_EQ(fold_case("ΑΘΗΝΑ Ά"), "αθηνα ά");
    EXPECT_EQ(fold_case("МОСКВА Ё"), "москва ё");
    EXPECT_EQ(fold_case("×÷ß"), "×÷ß");  // no case, or no single-letter small form
    EXPECT_EQ(fold_case("日本 😀"), "日本 😀");
}

TEST(CaseFolding, IsIdempotent) {
    for (const char *text : {"Ab", "ÉÀ", "ĹĽŃ", "ΣΩ", "ЖЯ"}) {
        EXPECT_EQ(fold_case(fold_case(text)), fold_case(text)) << text;
    }
}

TEST(WebUrl, OnlyHttpAndHttpsWithAHost) {
    EXPECT_TRUE(is_web_url("https://cdn.example.com/a.png"));
    EXPECT_TRUE(is_web_url("HTTP://example.com"));
    EXPECT_TRUE(is_web_url("http://user@example.com:8080/x?y#z"));
    EXPECT_FALSE(is_web_url("javascript:alert(1)"));
    EXPECT_FALSE(is_web_url("data:image/png;base64,AAAA"));
    EXPECT_FALSE(is_web_url("ftp://example.com/a.png"));
    EXPECT_FALSE(is_web_url("https://"));
    EXPECT_FALSE(is_web_url("https:///path"));
    EXPECT_FALSE(is_web_url("https://exa mple.com"));
    EXPECT_FALSE(is_web_url("https://example.com/\n"));
    EXPECT_FALSE(is_web_url("//example.com/a.png"));
}

TEST(RegexEscape, EveryAsciiPunctuationIsEscapedLettersAreNot) {
    EXPECT_EQ(mongo::escape_regex(".*"), "\\.\\*");
    EXPECT_EQ(mongo::escape_regex("a+b(c)[d]{e}|^$?\\"),
              "a\\+b\\(c\\)\\[d\\]\\{e\\}\\|\\^\\$\\?\\\\");
    EXPECT_EQ(mongo::escape_regex("d1 w"), "d1\\ w");
    EXPECT_EQ(mongo::escape_regex("café"), "caf\xC3\xA9");
}

}  // namespace
}  // namespace libstore
