// Raw DEFLATE: round trips, interoperability with zlib (streams recorded from node's zlib, and our
// own bytes recorded once and checked by node's inflateRawSync at dev time), RFC 1951 edge cases,
// and hostile input (random bytes, truncations, bit flips, a bomb) that must be refused with a
// message, never crash, hang or outgrow the limit. Deterministic: all data comes from fixed seeds.
#include "core/deflate.h"
#include "core/random.h"

#include <doctest/doctest.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace {

using Bytes = std::vector<uint8_t>;

Bytes FromText(std::string_view text) { return Bytes(text.begin(), text.end()); }

Bytes FromHex(std::string_view hex) {
    auto nibble = [](char c) { return c <= '9' ? c - '0' : c - 'a' + 10; };
    Bytes bytes;
    for (size_t i = 0; i + 1 < hex.size(); i += 2) bytes.push_back(static_cast<uint8_t>(nibble(hex[i]) * 16 + nibble(hex[i + 1])));
    return bytes;
}

std::string ToHex(const Bytes& bytes) {
    static const char* kDigits = "0123456789abcdef";
    std::string hex;
    for (uint8_t b : bytes) {
        hex += kDigits[b >> 4];
        hex += kDigits[b & 15];
    }
    return hex;
}

Bytes RandomBytes(size_t count, uint64_t seed) {
    smp::Rng rng(seed);
    Bytes bytes(count);
    for (uint8_t& b : bytes) b = static_cast<uint8_t>(rng.NextU64() >> 56);
    return bytes;
}

// Binary with structure, like an encoded design: every 7th byte from a 32-bit LCG, the rest a
// short cycle. The same formula in node (Math.imul) made the zlib streams below.
Bytes DesignLikeBytes(size_t count) {
    Bytes bytes(count);
    uint32_t state = 12345;
    for (size_t i = 0; i < count; ++i) {
        state = (state * 1103515245u + 12345u) & 0x7FFFFFFFu;
        bytes[i] = i % 7 == 0 ? static_cast<uint8_t>(state >> 16) : static_cast<uint8_t>((i % 3) * 17);
    }
    return bytes;
}

// Little-endian base-128 varints of small coordinate deltas: what a design's dots look like packed.
Bytes VarintBytes(size_t count, uint64_t seed) {
    smp::Rng rng(seed);
    Bytes bytes;
    while (bytes.size() < count) {
        uint32_t value = rng.NextBelow(rng.NextBelow(4) == 0 ? 20000 : 300);
        do {
            bytes.push_back(static_cast<uint8_t>((value & 0x7F) | (value >= 0x80 ? 0x80 : 0)));
            value >>= 7;
        } while (value != 0);
    }
    bytes.resize(count);
    return bytes;
}

const char* kText =
    "Scalp micropigmentation replicates the look of a closely shaved head by placing thousands of tiny pigment "
    "dots in the upper dermis. The density of the dots follows the natural density of hair: denser at the "
    "crown, softer along the hairline, and feathered at the temples so that the edge never looks like a line. "
    "The dots are placed in several sessions, each adding density and adjusting tone.";

// FNV-1a: a short fingerprint of a long output, to record it in the test.
uint64_t Fingerprint(const Bytes& bytes) {
    uint64_t hash = 0xCBF29CE484222325ull;
    for (uint8_t b : bytes) hash = (hash ^ b) * 0x100000001B3ull;
    return hash;
}

// 1 MiB of noise, text, runs and packed varints in random order. One draw per statement: the order
// in which function arguments are evaluated differs between compilers (GCC and clang).
Bytes MixedBytes() {
    Bytes mixed;
    smp::Rng rng(11);
    while (mixed.size() < (size_t{1} << 20)) {
        const uint32_t kind = rng.NextBelow(4);
        const uint32_t length = rng.NextBelow(kind == 0 ? 3000 : kind == 1 ? 300 : kind == 2 ? 2000 : 5000);
        const uint64_t seed = rng.NextU64();
        Bytes piece;
        switch (kind) {
            case 0: piece = RandomBytes(length, seed); break;
            case 1: piece.assign(kText, kText + length); break;
            case 2: piece.assign(length, static_cast<uint8_t>(seed)); break;
            default: piece = VarintBytes(length, seed); break;
        }
        mixed.insert(mixed.end(), piece.begin(), piece.end());
    }
    mixed.resize(size_t{1} << 20);
    return mixed;
}

constexpr size_t kLimit = size_t{64} << 20;

Bytes RoundTrip(const Bytes& input) {
    const Bytes compressed = smp::DeflateRaw(input);
    const auto inflated = smp::InflateRaw(compressed, input.size());
    REQUIRE_MESSAGE(inflated.ok(), inflated.status().message());
    CHECK(*inflated == input);
    return compressed;
}

// Writes DEFLATE bits by hand, for streams our compressor never makes (edge cases and damage).
struct StreamBuilder {
    Bytes bytes;
    int bit_count = 0;

    void Bits(uint32_t value, int count) {   // least significant bit first, as data fields are
        for (int i = 0; i < count; ++i) {
            if (bit_count % 8 == 0) bytes.push_back(0);
            bytes.back() = static_cast<uint8_t>(bytes.back() | (((value >> i) & 1u) << (bit_count % 8)));
            ++bit_count;
        }
    }
    void Code(uint32_t code, int length) {   // most significant bit first, as Huffman codes are
        for (int i = length - 1; i >= 0; --i) Bits((code >> i) & 1u, 1);
    }
    void AlignToByte() { bit_count = (bit_count + 7) / 8 * 8; }
    void Stored(const Bytes& data, bool final_block) {
        Bits(final_block ? 1 : 0, 1);
        Bits(0, 2);
        AlignToByte();
        Bits(static_cast<uint32_t>(data.size()), 16);
        Bits(static_cast<uint32_t>(~data.size() & 0xFFFF), 16);
        for (uint8_t b : data) Bits(b, 8);
    }
    void FixedHeader(bool final_block) {
        Bits(final_block ? 1 : 0, 1);
        Bits(1, 2);
    }
    void FixedSymbol(int symbol) {
        if (symbol < 144) Code(0x30 + static_cast<uint32_t>(symbol), 8);
        else if (symbol < 256) Code(0x190 + static_cast<uint32_t>(symbol - 144), 9);
        else if (symbol < 280) Code(static_cast<uint32_t>(symbol - 256), 7);
        else Code(0xC0 + static_cast<uint32_t>(symbol - 280), 8);
    }
    void FixedDistance(int symbol, uint32_t extra, int extra_bits) {
        Code(static_cast<uint32_t>(symbol), 5);
        Bits(extra, extra_bits);
    }
};

void CheckRefused(const Bytes& stream, std::string_view expected_message) {
    const auto result = smp::InflateRaw(stream, kLimit);
    REQUIRE_FALSE(result.ok());
    CHECK(result.status().code() == smp::StatusCode::kParseError);
    CHECK(result.status().message() == expected_message);
}

}  // namespace

TEST_CASE("deflate: round trips of empty input, one byte, runs, text and random bytes") {
    CHECK(ToHex(RoundTrip({})) == "0300");   // one empty fixed block, as zlib writes it
    CHECK(RoundTrip({'a'}).size() == 3);
    CHECK(RoundTrip(Bytes(1, 0)).size() == 3);
    CHECK(RoundTrip(Bytes(258, 'x')).size() < 10);
    CHECK(RoundTrip(Bytes(100000, 0)).size() < 150);
    CHECK(RoundTrip(FromText(kText)).size() < 240);
    for (size_t size : {2u, 3u, 4u, 100u, 1000u, 4096u, 70000u}) {
        RoundTrip(RandomBytes(size, size));
        RoundTrip(DesignLikeBytes(size));
        RoundTrip(VarintBytes(size, size));
    }
    // Runs of every length around the match limits, after a literal and on their own.
    for (size_t length : {3u, 4u, 257u, 258u, 259u, 260u, 515u, 516u, 517u}) {
        Bytes run(length, 'r');
        RoundTrip(run);
        run.insert(run.begin(), 'q');
        RoundTrip(run);
    }
}

TEST_CASE("deflate: incompressible data grows by at most the stored-block overhead") {
    for (size_t size : {1u, 100u, 16384u, 65535u, 65536u, 200000u}) {
        const Bytes compressed = RoundTrip(RandomBytes(size, 77 + size));
        CAPTURE(size);
        CHECK(compressed.size() <= size + 5 * (size / 16384 + 1));
    }
}

TEST_CASE("deflate: repetitive data shrinks far, and matches reach back the whole 32 KiB window") {
    // Text repeated: after the first copy everything is back-references.
    Bytes text;
    for (int i = 0; i < 50; ++i) text.insert(text.end(), kText, kText + std::string_view(kText).size());
    CHECK(RoundTrip(text).size() < 350);
    // 32 KiB of noise twice: the second copy is only matches at distance 32768 (the window's edge).
    Bytes twice = RandomBytes(32768, 5);
    twice.insert(twice.end(), twice.begin(), twice.end());
    CHECK(RoundTrip(twice).size() < 32768 + 32768 / 40);
    // One byte more and the copy is out of reach: stored, barely larger than the input.
    Bytes beyond = RandomBytes(32769, 5);
    beyond.insert(beyond.end(), beyond.begin(), beyond.end());
    CHECK(RoundTrip(beyond).size() > beyond.size());
}

TEST_CASE("deflate: 1 MiB of mixed input round trips") {
    const Bytes mixed = MixedBytes();
    const Bytes compressed = RoundTrip(mixed);
    CHECK(compressed.size() < mixed.size() * 3 / 4);
    // The output is exactly as large as asked for, and may not be one byte larger.
    CHECK(smp::InflateRaw(compressed, mixed.size()).ok());
    CHECK(smp::InflateRaw(compressed, mixed.size() - 1).status().code() == smp::StatusCode::kLimitExceeded);
}

TEST_CASE("deflate: our bytes are the same on every platform (recorded once; node's zlib inflates them)") {
    // Checked at dev time with node: zlib.inflateRawSync(Buffer.from(hex, 'hex')) gives the input.
    CHECK(ToHex(smp::DeflateRaw(FromText("hello hello hello hello"))) == "cb48cdc9c957c02001");
    // Literals of both fixed-code lengths (8 and 9 bits): the same bytes as zlib writes.
    CHECK(ToHex(smp::DeflateRaw(Bytes{0x00, 0x8f, 0x90, 0xc8, 0xf0, 0xff, 0xff, 0xff, 0xff, 0xff, 0x90, 0x8f})) ==
          "63e89f70e2c37f1098d00f00");
    CHECK(ToHex(smp::DeflateRaw(FromText(kText))) ==
          "4d90d16dc3300c4457e1004106e81aed02ac74b6d9d0a420ca09bc7d252501f225f0f478b8e377622db44baa5e64dd618d9bb85145"
          "5149dc10d43690badfc817624aea013d2936be23d306cef47b52514e626b87fd08b61c836e62fde7694bd95b90d8b43b4a41a58cba"
          "4b5ce9a72b1916d2ceb935c6012faeea8f6700e37654d64f6e63a95f5340256e134bd51f76a1f0a50d517d46c264550c1762cbb480"
          "bb5891df6b0d7b5144dfebe34b435e41863bea6c1fa47203310d9b57e611922b6679e4512e06cfdadf08718b0b81d3469cf338ce3b"
          "fcc8c0f9ef88364fe686eb3f");
    CHECK(ToHex(smp::DeflateRaw(DesignLikeBytes(600))) ==
          "55cf3d4b82011405e086208a82aca5a01aa425887e4063548363104504d1d0508453b434445b0441530ee2e2e0a4a32208e2eaa42e"
          "0aa2eeea20088e821f8fcb0b97c3bdcf7239ad5078693a77f30c6dcf33bc0bf7e110d66016e6e0189ec31e7c86cbb00cfb70039ec2"
          "4b588587f01ec6611d1ec11bd8804f300d33f01856e0018cc1246cc317d885bf701546601e16e10fbc8605f801b76013bec113780b"
          "a3701d76028d2ee0621e2c57ce33f809233011a8f90733700fbec211fc82df7005d66007bec34db806077027f03d0a53b0041fe1ff"
          "2c27");
}

TEST_CASE("deflate: longer outputs are the same on every platform (size and fingerprint recorded)") {
    // node's zlib inflated these at dev time; zlib -9 gives 926 bytes for the first.
    const Bytes varints = smp::DeflateRaw(VarintBytes(1024, 1024));
    CHECK(varints.size() == 924);
    CHECK(Fingerprint(varints) == 5015603407135057911ull);
    const Bytes mixed = smp::DeflateRaw(MixedBytes());
    CHECK(mixed.size() == 766852);   // zlib -9: 766153
    CHECK(Fingerprint(mixed) == 13543996511805172319ull);
}

TEST_CASE("deflate: inflates streams made by zlib (stored, fixed, dynamic, many blocks)") {
    struct Vector {
        const char* what;
        const char* hex;
        Bytes plain;
    };
    const Bytes hello = FromText("hello hello hello hello");
    const Bytes design = DesignLikeBytes(600);
    const Vector vectors[] = {
        {"empty", "0300", {}},
        {"stored (level 0)", "011700e8ff68656c6c6f2068656c6c6f2068656c6c6f2068656c6c6f", hello},
        {"fixed (level 9)", "cb48cdc9c957c8402701", hello},
        {"fixed (Z_FIXED)", "4b4c4a4e44450a8949c900", FromText("abcabcabcabcabcabc abc")},
        {"fixed, 8- and 9-bit literals (Z_FIXED)", "63e89f70e2c37f1098d00f00",
         {0x00, 0x8f, 0x90, 0xc8, 0xf0, 0xff, 0xff, 0xff, 0xff, 0xff, 0x90, 0x8f}},
        {"dynamic text (level 9)",
         "4d90d16dc3300c4457b901820cd035da0558e91ca9a14541a41378fb426a02f49387c7c3233f9368c75ed3b05e6f3b5b48546b18ec5a"
         "93041d510835bbc33608929a534f789107330a25e3fb445749b5dd10c50e97967dd251db89572db285a3b65577f4ce81ccb157bfe2"
         "ab1099cd6b9c6b6b8e13de4cd59e7f024de218a2ffb922757cac8003120b4bc39eed02b72d66a8b694b858ad8d1748cbd828513898"
         "df6bc1bd2b1d6e88f2ca986f44e383635defd07a2704b3e6e53c2565701dcf3c8ff3c98bc2e95eadf90594542039cfe7bce5a783e4"
         "9fc363bdcc1aafbf",
         FromText(kText)},
        {"dynamic binary (level 9)",
         "55cf314b420114065087208a825e2d09e9f07009c41fd018e5e028442182343828e1242e0ed11641d05443b83834e9580441b43695"
         "4b41a87b3608426320795c1e5c3eee3dcbe5eb07612c08638559061bb30ce3300127b007efe103fc837b70042b7001bec21fb80a77"
         "6016bec3142cc25bf801b7e121fc8465d8815d98866f30096f601b0e60157ec34bb80473f0113ec30b78009f6013aec32f58871978"
         "046b70050e238df6e17c4a96bc73179ec21c6c456a5ec12edc8227f0179ec173b8087b70081b700d2ec331dc8c7cafc13bf8028fe1"
         "f57f4e01",
         design},
        {"many small blocks (memLevel 1)",
         "54cf216b4201140560c3cac085a7c9a0e1b122883fc038d46014862282c9a0c16433d8856583cdac51190ceca669519069579b5d10"
         "de67195c0ee77cedfe05612c08638d28836494610aa6e10d6ee1022ee11d16e10576e00b5cc32b7c830558861bf80e9b700277300b"
         "6b700fdb7006e730077f61068ee1141e61179ee1177c8515f80d5770043fe10f1cc0043cc03eccc33aecc1383cfdfba8049fd752aa"
         "e6071c3e0611f48208ce45f1e60488e05a88a00c44300722f81522d80811ec8008b243042f4204ef4104cb20820210412e88e07b88"
         "a0048aed7910c16510c10310c14488e034100900",
         design},
        {"run-length (Z_RLE)",
         "05c1b14a15000040d13b089118787329d0868b4b107e40a358c31b033124108786449ca4c521da44109c6c889686261d154190d6a6"
         "974b4198bb3a0882a3e0396786b118861318f6d430a6c2f006c34e0de3200c0f31ecce30e6c2f012c33e18c64818fec2b02bc37814"
         "862f31ecb561fc0ec3690c7b67185fc3f00f863d378c8530fc8b61ef0d632f0cf731ec85610cc3f019867d318cef61f81fc3560ce3"
         "220cb731eca1610cc2f008c34e0c632b0ce731ecd83036c2f03186fd338cf5309cc1b0b786b116866318766e180b61f80ac3308ca5"
         "307c8361b386f1290c0718f6cd308661b88361fb86311986ab18766b189fc37013c31e18c669189e63d847c3180fc3510cbb368c27"
         "6138c0b035c3f811863f316cd93076c3ee01",
         design},
    };
    for (const Vector& vector : vectors) {
        CAPTURE(vector.what);
        const auto inflated = smp::InflateRaw(FromHex(vector.hex), kLimit);
        REQUIRE_MESSAGE(inflated.ok(), inflated.status().message());
        CHECK(*inflated == vector.plain);
    }
}

TEST_CASE("deflate: length 258 and three bytes at distance 32768 decode (hand-made fixed block)") {
    const Bytes window = RandomBytes(32768, 3);
    StreamBuilder stream;
    stream.Stored(window, false);
    stream.FixedHeader(true);
    stream.FixedSymbol(257);                 // length 3
    stream.FixedDistance(29, 8191, 13);      // distance 24577 + 8191 = 32768
    stream.FixedSymbol(285);                 // length 258
    stream.FixedDistance(29, 8191, 13);
    stream.FixedSymbol(284);                 // length 227 + 30 = 257
    stream.Bits(30, 5);
    stream.FixedDistance(0, 0, 0);           // distance 1: a run of the last byte
    stream.FixedSymbol(256);
    const auto inflated = smp::InflateRaw(stream.bytes, kLimit);
    REQUIRE_MESSAGE(inflated.ok(), inflated.status().message());
    Bytes expected = window;
    for (int i = 0; i < 3 + 258; ++i) expected.push_back(expected[expected.size() - 32768]);
    expected.insert(expected.end(), 257, expected.back());
    CHECK(*inflated == expected);
}

TEST_CASE("deflate: malformed streams are refused with a message naming the problem") {
    CheckRefused({}, "deflate: stream ends early at byte 0");
    CheckRefused({0x07}, "deflate: invalid block type 3 at byte 0");
    CheckRefused({0x01, 0x05, 0x00, 0x00, 0x00}, "deflate: stored block length 5 does not match its complement 0 at byte 1");
    CheckRefused({0x01, 0x05, 0x00, 0xFA, 0xFF, 'a'}, "deflate: stream ends early at byte 6");
    CheckRefused({0x03, 0x00, 0x00}, "deflate: 1 unexpected bytes after the final block at byte 2");
    CheckRefused({0x03, 0x04}, "deflate: non-zero padding bits after the final block at byte 1");
    {
        StreamBuilder stream;   // "abc", then a match 4 back
        stream.FixedHeader(true);
        for (char c : std::string_view("abc")) stream.FixedSymbol(c);
        stream.FixedSymbol(257);
        stream.FixedDistance(3, 0, 0);
        stream.FixedSymbol(256);
        const auto result = smp::InflateRaw(stream.bytes, kLimit);
        REQUIRE_FALSE(result.ok());
        CHECK(result.status().message().find("distance 4 too far back, only 3 bytes of output so far") != std::string::npos);
    }
    {
        StreamBuilder stream;   // length symbol 286 exists in the fixed code but means nothing
        stream.FixedHeader(true);
        stream.FixedSymbol(286);
        const auto result = smp::InflateRaw(stream.bytes, kLimit);
        REQUIRE_FALSE(result.ok());
        CHECK(result.status().message().find("invalid length symbol 286") != std::string::npos);
    }
    {
        StreamBuilder stream;   // a dynamic block whose code-length code gives 19 codes one bit each
        stream.Bits(1, 1);
        stream.Bits(2, 2);
        stream.Bits(0, 5);
        stream.Bits(0, 5);
        stream.Bits(15, 4);
        for (int i = 0; i < 19; ++i) stream.Bits(1, 3);
        CheckRefused(stream.bytes, "deflate: invalid Huffman code lengths for the code-length code at byte 0");
    }
    {
        StreamBuilder stream;   // 287 literal/length codes declared: at most 286 exist
        stream.Bits(1, 1);
        stream.Bits(2, 2);
        stream.Bits(30, 5);
        stream.Bits(0, 5);
        stream.Bits(0, 4);
        CheckRefused(stream.bytes, "deflate: dynamic block declares 287 length codes (at most 286) at byte 0");
    }
}

TEST_CASE("deflate: a bomb is refused at the limit with kLimitExceeded, holding no more than the limit") {
    const Bytes bomb = smp::DeflateRaw(Bytes(size_t{8} << 20, 0));
    CHECK(bomb.size() < 9000);
    const auto refused = smp::InflateRaw(bomb, 100000);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.status().code() == smp::StatusCode::kLimitExceeded);
    CHECK(refused.status().message() == "deflate: the data inflates to more than the limit of 100000 bytes");
    // A stored block claiming more than the limit is refused before anything is copied.
    StreamBuilder stored;
    stored.Stored(Bytes(1000, 'a'), true);
    CHECK(smp::InflateRaw(stored.bytes, 999).status().code() == smp::StatusCode::kLimitExceeded);
    // Within the limit, the buffer does not grow past it either.
    const auto fits = smp::InflateRaw(smp::DeflateRaw(Bytes(50000, 'z')), 50000);
    REQUIRE(fits.ok());
    CHECK(fits->capacity() <= 50000);
    CHECK(smp::InflateRaw(smp::DeflateRaw({}), 0).ok());
    CHECK(smp::InflateRaw(smp::DeflateRaw(Bytes{'a'}), 0).status().code() == smp::StatusCode::kLimitExceeded);
}

TEST_CASE("deflate: hostile input (random bytes, every truncation, every bit flip) is refused or decoded within the limit") {
    constexpr size_t kSmallLimit = 4096;
    auto check_bounded = [&](const Bytes& stream) {
        const auto result = smp::InflateRaw(stream, kSmallLimit);
        if (result.ok()) {
            REQUIRE(result->size() <= kSmallLimit);
        } else {
            REQUIRE_FALSE(result.status().message().empty());
            REQUIRE((result.status().code() == smp::StatusCode::kParseError ||
                     result.status().code() == smp::StatusCode::kLimitExceeded));
        }
        return result.ok();
    };
    smp::Rng rng(99);
    int decoded = 0;
    for (int i = 0; i < 3000; ++i) {
        const uint32_t length = rng.NextBelow(300);
        Bytes stream = RandomBytes(length, rng.NextU64());
        // Half start like a dynamic or fixed block so more of the decoder is reached.
        if (!stream.empty() && i % 2 == 0) stream[0] = static_cast<uint8_t>((stream[0] & ~6) | (i % 4 == 0 ? 4 : 2));
        decoded += check_bounded(stream) ? 1 : 0;
    }
    INFO("random streams decoded: " << decoded);

    const Bytes valid_streams[] = {smp::DeflateRaw(FromText(kText)), smp::DeflateRaw(DesignLikeBytes(600)),
                                   smp::DeflateRaw(RandomBytes(300, 1)), FromHex("cb48cdc9c957c8402701")};
    for (const Bytes& valid : valid_streams) {
        REQUIRE(smp::InflateRaw(valid, kSmallLimit).ok());
        for (size_t length = 0; length < valid.size(); ++length) {
            const Bytes truncated(valid.begin(), valid.begin() + static_cast<ptrdiff_t>(length));
            const auto result = smp::InflateRaw(truncated, kSmallLimit);
            REQUIRE_FALSE(result.ok());
            REQUIRE(result.status().code() == smp::StatusCode::kParseError);
        }
        int refused = 0;
        for (size_t bit = 0; bit < valid.size() * 8; ++bit) {
            Bytes flipped = valid;
            flipped[bit / 8] = static_cast<uint8_t>(flipped[bit / 8] ^ (1u << (bit % 8)));
            refused += check_bounded(flipped) ? 0 : 1;
        }
        CHECK(refused > 0);
    }
}
