// Which address a request counts against: address parsing, trusted-proxy lists, and the walk
// over X-Forwarded-For (client_address.hpp), spoofing attempts included.
#include <gtest/gtest.h>

#include "code_of.hpp"
#include "core/error.hpp"
#include "core/limits/client_address.hpp"
#include "core/limits/ip_address.hpp"
#include "core/limits/trusted_proxies.hpp"

namespace libstore::testing {
namespace {

std::string canonical(const char *text) {
    auto address = parse_ip_address(text);
    return address ? format_ip_address(*address) : "<invalid>";
}

TEST(IpAddress, ParsesAndFormatsIpv4AndIpv6) {
    EXPECT_EQ(canonical("203.0.113.9"), "203.0.113.9");
    EXPECT_EQ(canonical("::ffff:203.0.113.9"), "203.0.113.9");
    EXPECT_EQ(canonical("2001:DB8:0:0:0:0:0:1"), "2001:db8::1");
    EXPECT_EQ(canonical("::1"), "::1");
    EXPECT_EQ(canonical("fe80::1%eth0"), "fe80::1");
}

TEST(IpAddress, RefusesWhatIsNotALiteral) {
    for (const char *text : {"", "localhost", "1.2.3", "1.2.3.4.5", "256.1.1.1", "01.2.3.4",
                             "1.2.3.4%eth0", "fe80::1%", "fe80::1%e th", "::1::2", "[::1]",
                             " 1.2.3.4", "1.2.3.4/8", "0x7f.0.0.1", "1.2.3.4:80"}) {
        EXPECT_EQ(canonical(text), "<invalid>") << text;
    }
    EXPECT_FALSE(
        parse_ip_address(std::string_view("1.2.3.4\0"
                                          "5",
                                          9)));
    EXPECT_FALSE(parse_ip_address(std::string(100, '1')));
}

TEST(TrustedProxies, ExactAddressesAndCidrRanges) {
    auto proxies = TrustedProxies::parse(" 10.0.0.0/8 , 192.0.2.7,2001:db8:a::/48, ::1 ");
    auto trusted = [&](const char *text) { return proxies.contains(*parse_ip_address(text)); };
    EXPECT_TRUE(trusted("10.200.3.4"));
    EXPECT_TRUE(trusted("::ffff:10.1.1.1"));  // a dual-stack socket's IPv4 peer
    EXPECT_FALSE(trusted("11.0.0.1"));
    EXPECT_TRUE(trusted("192.0.2.7"));
    EXPECT_FALSE(trusted("192.0.2.8"));
    EXPECT_TRUE(trusted("2001:db8:a:ffff::1"));
    EXPECT_FALSE(trusted("2001:db8:b::1"));
    EXPECT_TRUE(trusted("::1"));
    EXPECT_FALSE(trusted("::2"));
}

TEST(TrustedProxies, EmptyTextTrustsNone) {
    EXPECT_TRUE(TrustedProxies::parse("").empty());
    EXPECT_TRUE(TrustedProxies::parse("  ").empty());
    EXPECT_FALSE(TrustedProxies::parse("0.0.0.0/0").empty());
    EXPECT_TRUE(TrustedProxies::parse("0.0.0.0/0").contains(*parse_ip_address("8.8.8.8")));
    EXPECT_FALSE(TrustedProxies::parse("0.0.0.0/0").contains(*parse_ip_address("2001:db8::1")));
}

TEST(TrustedProxies, BadEntriesAreRefusedByName) {
    for (const char *text :
         {"10.0.0.1,", ",10.0.0.1", "10.0.0.1,,10.0.0.2", "proxy.local", "10.0.0.0/33", "10.0.0.0/",
          "10.0.0.0/-1", "10.0.0.0/08", "10.0.0.0/8/8", "2001:db8::/129", "10.0.0.1/8",
          "2001:db8::1/32", "::ffff:10.0.0.0/8", "10.0.0.0/ 8", "*"}) {
        std::string field;
        EXPECT_EQ(code_of([&] { TrustedProxies::parse(text); }, &field),
                  ErrorCode::invalid_argument)
            << text;
        EXPECT_EQ(field, "trusted_proxies") << text;
    }
    try {
        TrustedProxies::parse("10.0.0.0/8, proxy.internal");
        FAIL() << "accepted a host name";
    } catch (const Error &error) {
        EXPECT_NE(std::string(error.what()).find("'proxy.internal'"), std::string::npos)
            << error.what();
    }
    try {
        TrustedProxies::parse("10.1.2.3/8");
        FAIL() << "accepted host bits";
    } catch (const Error &error) {
        EXPECT_NE(std::string(error.what()).find("10.0.0.0/8"), std::string::npos) << error.what();
    }
}

TEST(TrustedProxies, HasACapOnEntries) {
    std::string many;
    for (std::size_t i = 0; i <= TrustedProxies::kMaxEntries; ++i) {
        many += (i > 0 ? "," : "") + std::string("10.0.") + std::to_string(i / 256) + "." +
                std::to_string(i % 256);
    }
    EXPECT_EQ(code_of([&] { TrustedProxies::parse(many); }), ErrorCode::invalid_argument);
    many.resize(many.rfind(','));
    EXPECT_NO_THROW(TrustedProxies::parse(many));
}

TEST(ForwardedEntry, AcceptsAddressesWithOrWithoutPorts) {
    auto text = [](const char *entry) {
        auto address = parse_forwarded_entry(entry);
        return address ? format_ip_address(*address) : "<invalid>";
    };
    EXPECT_EQ(text(" 203.0.113.9 "), "203.0.113.9");
    EXPECT_EQ(text("203.0.113.9:51234"), "203.0.113.9");
    EXPECT_EQ(text("[2001:db8::9]:443"), "2001:db8::9");
    EXPECT_EQ(text("[2001:db8::9]"), "2001:db8::9");
    EXPECT_EQ(text("2001:db8::9"), "2001:db8::9");
    for (const char *entry :
         {"unknown", "", "203.0.113.9:", "203.0.113.9:99999", "[1.2.3.4]", "[2001:db8::9",
          "[2001:db8::9]x", "[2001:db8::9]:", "_hidden", "203.0.113.9:80:80", "host:80"}) {
        EXPECT_EQ(text(entry), "<invalid>") << entry;
    }
}

class ClientAddress : public ::testing::Test {
  protected:
    TrustedProxies proxies_ = TrustedProxies::parse("10.0.0.0/8, 2001:db8:ffff::/48");
    std::string of(const char *peer, const char *forwarded = nullptr) {
        std::optional<std::string_view> header;
        if (forwarded != nullptr) {
            header = forwarded;
        }
        return client_address(peer, header, proxies_);
    }
};

TEST_F(ClientAddress, AnUntrustedPeerIsTheClientWhateverItForwards) {
    EXPECT_EQ(of("203.0.113.9"), "203.0.113.9");
    EXPECT_EQ(of("203.0.113.9", "198.51.100.1"), "203.0.113.9");
    EXPECT_EQ(of("203.0.113.9", "10.0.0.1"), "203.0.113.9");
    EXPECT_EQ(of("::ffff:203.0.113.9", "198.51.100.1"), "203.0.113.9");
}

TEST_F(ClientAddress, ATrustedProxysForwardedClientCounts) {
    EXPECT_EQ(of("10.0.0.1", "198.51.100.1"), "198.51.100.1");
    EXPECT_EQ(of("::ffff:10.0.0.1", "198.51.100.1:4711"), "198.51.100.1");
    // Trusted proxies in the chain are skipped, from the right.
    EXPECT_EQ(of("10.0.0.1", "198.51.100.1, 10.0.0.2, 10.0.0.3"), "198.51.100.1");
}

TEST_F(ClientAddress, WhatTheClientWroteLeftOfItselfIsIgnored) {
    // The client sent "X-Forwarded-For: 1.1.1.1" itself; the proxy appended the real address.
    EXPECT_EQ(of("10.0.0.1", "1.1.1.1, 198.51.100.1"), "198.51.100.1");
    // Claiming to be a trusted proxy does not help either: the real address is right of it.
    EXPECT_EQ(of("10.0.0.1", "10.9.9.9, 198.51.100.1"), "198.51.100.1");
}

TEST_F(ClientAddress, AMalformedEntryStopsTheWalkAtTheLastTrustedHop) {
    EXPECT_EQ(of("10.0.0.1", "unknown"), "10.0.0.1");
    EXPECT_EQ(of("10.0.0.1", "198.51.100.1, garbage, 10.0.0.2"), "10.0.0.2");
    EXPECT_EQ(of("10.0.0.1", "198.51.100.1, "), "10.0.0.1");
    EXPECT_EQ(of("10.0.0.1", "198.51.100.1,,10.0.0.2"), "10.0.0.2");
}

TEST_F(ClientAddress, NoOrOnlyTrustedEntriesCountAgainstTheLastTrustedHop) {
    EXPECT_EQ(of("10.0.0.1"), "10.0.0.1");
    EXPECT_EQ(of("10.0.0.1", ""), "10.0.0.1");
    EXPECT_EQ(of("10.0.0.1", "10.0.0.2, 10.0.0.3"), "10.0.0.2");
}

TEST_F(ClientAddress, TheWalkEndsAfterSoManyHops) {
    std::string chain = "198.51.100.1";
    for (int i = 0; i < kMaxForwardedHops; ++i) {
        chain += ", 10.0.1." + std::to_string(i);
    }
    // All kMaxForwardedHops entries looked at are trusted: the leftmost of them counts.
    EXPECT_EQ(of("10.0.0.1", chain.c_str()), "10.0.1.0");
}

TEST_F(ClientAddress, Ipv6CountsByItsSlash64) {
    EXPECT_EQ(of("2001:db8:1:2:3:4:5:6"), "2001:db8:1:2::/64");
    EXPECT_EQ(of("2001:db8:1:2::ffff"), "2001:db8:1:2::/64");
    EXPECT_NE(of("2001:db8:1:3::1"), of("2001:db8:1:2::1"));
    EXPECT_EQ(of("2001:db8:ffff::1", "[2001:db8:5::9]:443"), "2001:db8:5::/64");
    EXPECT_EQ(of("2001:db8:ffff::1", "198.51.100.1"), "198.51.100.1");
    EXPECT_EQ(of("10.0.0.1", "2001:db8:5::9"), "2001:db8:5::/64");
    EXPECT_EQ(of("fe80::1%eth0"), "fe80::/64");
}

TEST_F(ClientAddress, PeersWithoutAnIpAddress) {
    EXPECT_EQ(of(""), "unknown");
    EXPECT_EQ(of("", "198.51.100.1"), "unknown");
    EXPECT_EQ(of("testclient", "198.51.100.1"), "testclient");
    for (std::string peer : {std::string(65, 'a'), std::string("a b"), std::string("a,b"),
                             std::string("a\nb"), std::string("a\0b", 3), std::string("\x80")}) {
        std::string field;
        EXPECT_EQ(code_of([&] { client_address(peer, std::nullopt, proxies_); }, &field),
                  ErrorCode::invalid_argument);
        EXPECT_EQ(field, "peer_address");
    }
}

}  // namespace
}  // namespace libstore::testing
