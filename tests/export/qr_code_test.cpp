// QR encoder: the standard's examples (Reed-Solomon, format and version words, capacities) and
// properties of whole symbols (function patterns where the standard puts them, format information
// that reads back, a version-1 symbol that decodes to its text). tests/cli/qr.test.mjs decodes
// symbols of every size with a real reader (jsQR).
#include "export/qr_code.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <bit>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

namespace {

using smp::QrErrorCorrection;

constexpr QrErrorCorrection kLevels[] = {QrErrorCorrection::kLow, QrErrorCorrection::kMedium,
                                         QrErrorCorrection::kQuartile, QrErrorCorrection::kHigh};

// Remainder of a binary polynomial (bits of `value`) divided by `generator`, the long way.
int PolyMod(int value, int generator) {
    const int degree = std::bit_width(static_cast<unsigned>(generator)) - 1;
    for (int bit = std::bit_width(static_cast<unsigned>(value)) - 1; bit >= degree; --bit) {
        if ((value >> bit) & 1) value ^= generator << (bit - degree);
    }
    return value;
}

// GF(256) product by shift and add (independent of the encoder's log tables).
uint8_t GfMultiply(uint8_t a, uint8_t b) {
    int product = 0, x = a;
    for (int i = 0; i < 8; ++i) {
        if ((b >> i) & 1) product ^= x;
        x <<= 1;
        if (x & 0x100) x ^= 0x11D;
    }
    return static_cast<uint8_t>(product);
}

// The codeword polynomial (first codeword the highest power) evaluated at x.
uint8_t Evaluate(const std::vector<uint8_t>& codewords, uint8_t x) {
    uint8_t value = 0;
    for (const uint8_t c : codewords) value = GfMultiply(value, x) ^ c;
    return value;
}

std::vector<uint8_t> Bytes(std::initializer_list<int> values) {
    std::vector<uint8_t> out;
    for (const int v : values) out.push_back(static_cast<uint8_t>(v));
    return out;
}

// The two copies of the format information as placed in Figure 25: bit 14 first.
int ReadFormatNearTopLeft(const smp::QrCode& code) {
    int bits = 0;
    auto take = [&](int x, int y) { bits = bits << 1 | (code.Dark(x, y) ? 1 : 0); };
    for (int x = 0; x <= 5; ++x) take(x, 8);   // bits 14..9 along row 8
    take(7, 8);                                // bit 8, past the timing column
    take(8, 8);                                // bit 7
    take(8, 7);                                // bit 6, past the timing row
    for (int y = 5; y >= 0; --y) take(8, y);   // bits 5..0 up column 8
    return bits;
}

int ReadFormatSplit(const smp::QrCode& code) {
    int bits = 0;
    auto take = [&](int x, int y) { bits = bits << 1 | (code.Dark(x, y) ? 1 : 0); };
    for (int y = code.size - 1; y >= code.size - 7; --y) take(8, y);   // bits 14..8 up column 8 from the bottom
    for (int x = code.size - 8; x < code.size; ++x) take(x, 8);         // bits 7..0 along row 8 to the right edge
    return bits;
}

// Version information, bit 17 first: the 3x6 block above the top-right finder read by columns of
// the transposed block (7.10: bit i at x = size - 11 + i % 3, y = i / 3), and its mirror.
int ReadVersion(const smp::QrCode& code, bool bottom_left) {
    int bits = 0;
    for (int i = 17; i >= 0; --i) {
        const int a = code.size - 11 + i % 3, b = i / 3;
        bits = bits << 1 | (bottom_left ? code.Dark(b, a) : code.Dark(a, b));
    }
    return bits;
}

// Alignment pattern centres from ISO/IEC 18004 Annex E, Table E.1 (independent of the encoder's
// formula).
std::vector<int> AnnexAlignmentCenters(int version) {
    switch (version) {
        case 1: return {};
        case 2: return {6, 18};
        case 6: return {6, 34};
        case 7: return {6, 22, 38};
        case 10: return {6, 28, 50};
        case 14: return {6, 26, 46, 66};
        case 21: return {6, 28, 50, 72, 94};
        case 23: return {6, 30, 54, 78, 102};   // jsQR 1.4.0 has 74 for 78 here, and reads no version 23
        case 32: return {6, 34, 60, 86, 112, 138};
        case 36: return {6, 24, 50, 76, 102, 128, 154};
        case 40: return {6, 30, 58, 86, 114, 142, 170};
        default: return {-1};
    }
}

// Text of `length` bytes, varied enough that the masks differ.
std::string Text(size_t length) {
    std::string text;
    for (size_t i = 0; i < length; ++i) text += "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"[(i * 7 + i / 3) % 64];
    return text;
}

void CheckFinder(const smp::QrCode& code, int left, int top) {
    for (int dy = -1; dy <= 7; ++dy) {
        for (int dx = -1; dx <= 7; ++dx) {
            const int ring = std::max(std::abs(dx - 3), std::abs(dy - 3));
            const bool expected = ring != 2 && ring <= 3;   // dark 7x7 ring, light ring, dark 3x3; light separator
            CHECK_MESSAGE(code.Dark(left + dx, top + dy) == expected, "finder at (" << left << ", " << top << ") module (" << dx << ", " << dy << ")");
        }
    }
}

}  // namespace

TEST_CASE("Reed-Solomon: the standard's example and a common worked example give the known codewords") {
    // ISO/IEC 18004 Annex I: "01234567" at 1-M.
    const std::vector<uint8_t> data = Bytes({0x10, 0x20, 0x0C, 0x56, 0x61, 0x80, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11});
    CHECK(smp::QrReedSolomon(data, 10) == Bytes({0xA5, 0x24, 0xD4, 0xC1, 0xED, 0x36, 0xC7, 0x87, 0x2C, 0x55}));
    // "HELLO WORLD" in alphanumeric mode at 1-M.
    const std::vector<uint8_t> hello = Bytes({0x20, 0x5B, 0x0B, 0x78, 0xD1, 0x72, 0xDC, 0x4D, 0x43, 0x40, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11});
    CHECK(smp::QrReedSolomon(hello, 10) == Bytes({0xC4, 0x23, 0x27, 0x77, 0xEB, 0xD7, 0xE7, 0xE2, 0x5D, 0x17}));

    // Any block with its error correction appended is a codeword: zero at a^0 .. a^(n-1).
    for (const int n : {7, 18, 30}) {
        std::vector<uint8_t> block = Bytes({1, 2, 3, 250, 0, 0, 77, 128});
        const std::vector<uint8_t> ec = smp::QrReedSolomon(block, n);
        REQUIRE(ec.size() == static_cast<size_t>(n));
        block.insert(block.end(), ec.begin(), ec.end());
        uint8_t root = 1;
        for (int i = 0; i < n; ++i, root = GfMultiply(root, 2)) CHECK(Evaluate(block, root) == 0);
    }
}

TEST_CASE("format information: the standard's words, BCH(15,5) check bits, at least 7 bits apart") {
    CHECK(smp::QrFormatBits(QrErrorCorrection::kMedium, 0) == 0x5412);          // all-zero data, only the XOR mask
    CHECK(smp::QrFormatBits(QrErrorCorrection::kMedium, 5) == 0b100000011001110);   // Annex C example
    CHECK(smp::QrFormatBits(QrErrorCorrection::kLow, 0) == 0b111011111000100);
    CHECK(smp::QrFormatBits(QrErrorCorrection::kHigh, 7) == 0b000100000111011);
    std::vector<int> words;
    for (const QrErrorCorrection ecc : kLevels) {
        for (int mask = 0; mask < 8; ++mask) {
            const int word = smp::QrFormatBits(ecc, mask);
            CHECK(PolyMod(word ^ 0x5412, 0b10100110111) == 0);
            CHECK((((word ^ 0x5412) >> 10) & 7) == mask);
            words.push_back(word);
        }
    }
    for (size_t i = 0; i < words.size(); ++i) {
        for (size_t j = i + 1; j < words.size(); ++j) CHECK(std::popcount(static_cast<unsigned>(words[i] ^ words[j])) >= 7);
    }
}

TEST_CASE("version information: the standard's words (Annex D), BCH(18,6) check bits") {
    CHECK(smp::QrVersionBits(7) == 0x07C94);
    CHECK(smp::QrVersionBits(8) == 0x085BC);
    CHECK(smp::QrVersionBits(21) == 0x15683);
    CHECK(smp::QrVersionBits(40) == 0x28C69);
    for (int version = 7; version <= 40; ++version) {
        CHECK((smp::QrVersionBits(version) >> 12) == version);
        CHECK(PolyMod(smp::QrVersionBits(version), 0b1111100100101) == 0);
    }
}

TEST_CASE("byte capacities match the standard's Table 7") {
    struct Row { int version; int l, m, q, h; };
    for (const Row& row : {Row{1, 17, 14, 11, 7}, Row{2, 32, 26, 20, 14}, Row{7, 154, 122, 86, 64}, Row{9, 230, 180, 130, 98},
                           Row{10, 271, 213, 151, 119}, Row{40, 2953, 2331, 1663, 1273}}) {
        CAPTURE(row.version);
        CHECK(smp::QrByteCapacity(row.version, QrErrorCorrection::kLow) == row.l);
        CHECK(smp::QrByteCapacity(row.version, QrErrorCorrection::kMedium) == row.m);
        CHECK(smp::QrByteCapacity(row.version, QrErrorCorrection::kQuartile) == row.q);
        CHECK(smp::QrByteCapacity(row.version, QrErrorCorrection::kHigh) == row.h);
    }
    constexpr int kColumnL[40] = {17, 32, 53, 78, 106, 134, 154, 192, 230, 271, 321, 367, 425, 458, 520, 586, 644, 718, 792, 858,
                                  929, 1003, 1091, 1171, 1273, 1367, 1465, 1528, 1628, 1732, 1840, 1952, 2068, 2188, 2303, 2431, 2563, 2699, 2809, 2953};
    for (int version = 1; version <= 40; ++version) CHECK(smp::QrByteCapacity(version, QrErrorCorrection::kLow) == kColumnL[version - 1]);
    CHECK(smp::QrByteCapacity(0, QrErrorCorrection::kLow) == 0);
    CHECK(smp::QrByteCapacity(41, QrErrorCorrection::kLow) == 0);
    for (int version = 2; version <= 40; ++version) {
        for (const QrErrorCorrection ecc : kLevels) CHECK(smp::QrByteCapacity(version, ecc) > smp::QrByteCapacity(version - 1, ecc));
    }
}

TEST_CASE("the smallest version that holds the text; one byte more takes the next") {
    for (const QrErrorCorrection ecc : {QrErrorCorrection::kLow, QrErrorCorrection::kMedium}) {
        for (const int version : {1, 2, 6, 7, 9, 10, 26, 39}) {
            const size_t capacity = static_cast<size_t>(smp::QrByteCapacity(version, ecc));
            CAPTURE(version);
            CAPTURE(smp::QrErrorCorrectionName(ecc));
            const smp::Expected<smp::QrCode> full = smp::EncodeQr(Text(capacity), ecc);
            REQUIRE(full.ok());
            CHECK(full->version == version);
            CHECK(full->ecc == ecc);   // full to the brim: no room for a higher level
            CHECK(full->size == 17 + 4 * version);
            CHECK(full->modules.size() == static_cast<size_t>(full->size * full->size));
            const smp::Expected<smp::QrCode> over = smp::EncodeQr(Text(capacity + 1), ecc);
            REQUIRE(over.ok());
            CHECK(over->version == version + 1);
            CHECK(static_cast<int>(over->ecc) >= static_cast<int>(ecc));
        }
    }
    const smp::Expected<smp::QrCode> largest = smp::EncodeQr(Text(2953), QrErrorCorrection::kLow);
    REQUIRE(largest.ok());
    CHECK(largest->version == 40);
    CHECK(largest->size == 177);
}

TEST_CASE("the error correction rises as far as the chosen version still holds the text") {
    // 20 bytes need version 2 at M (14 < 20 <= 26); version 2 holds 20 at Q but only 14 at H.
    const smp::Expected<smp::QrCode> code = smp::EncodeQr(Text(20), QrErrorCorrection::kMedium);
    REQUIRE(code.ok());
    CHECK(code->version == 2);
    CHECK(code->ecc == QrErrorCorrection::kQuartile);
    const smp::Expected<smp::QrCode> empty = smp::EncodeQr("", QrErrorCorrection::kLow);
    REQUIRE(empty.ok());
    CHECK(empty->version == 1);
    CHECK(empty->ecc == QrErrorCorrection::kHigh);
}

TEST_CASE("text longer than version 40 holds is refused, naming its size and the capacity") {
    const smp::Expected<smp::QrCode> at_low = smp::EncodeQr(Text(2954), QrErrorCorrection::kLow);
    REQUIRE_FALSE(at_low.ok());
    CHECK(at_low.status().code() == smp::StatusCode::kLimitExceeded);
    CHECK(at_low.status().message().find("2954 bytes") != std::string::npos);
    CHECK(at_low.status().message().find("2953") != std::string::npos);
    const smp::Expected<smp::QrCode> at_high = smp::EncodeQr(Text(2000), QrErrorCorrection::kHigh);
    REQUIRE_FALSE(at_high.ok());
    CHECK(at_high.status().code() == smp::StatusCode::kLimitExceeded);
    CHECK(at_high.status().message().find("2000 bytes") != std::string::npos);
    CHECK(at_high.status().message().find("1273") != std::string::npos);
    CHECK(at_high.status().message().find(" H ") != std::string::npos);
}

TEST_CASE("function patterns, format and version information are where the standard puts them") {
    for (const int version : {1, 2, 6, 7, 10, 14, 21, 23, 32, 36, 40}) {
        for (const QrErrorCorrection ecc : {QrErrorCorrection::kLow, QrErrorCorrection::kHigh}) {
            const smp::Expected<smp::QrCode> result = smp::EncodeQr(Text(static_cast<size_t>(smp::QrByteCapacity(version, ecc))), ecc);
            REQUIRE(result.ok());
            const smp::QrCode& code = *result;
            REQUIRE(code.version == version);
            CAPTURE(version);
            const int size = code.size;
            CheckFinder(code, 0, 0);
            CheckFinder(code, size - 7, 0);
            CheckFinder(code, 0, size - 7);
            for (int i = 8; i < size - 8; ++i) {
                CHECK(code.Dark(i, 6) == (i % 2 == 0));
                CHECK(code.Dark(6, i) == (i % 2 == 0));
            }
            CHECK(code.Dark(8, size - 8));   // the dark module

            const std::vector<int> centers = AnnexAlignmentCenters(version);
            for (const int cx : centers) {
                for (const int cy : centers) {
                    if ((cx == 6 && cy == 6) || (cx == 6 && cy == centers.back()) || (cx == centers.back() && cy == 6)) continue;
                    for (int dy = -2; dy <= 2; ++dy) {
                        for (int dx = -2; dx <= 2; ++dx) {
                            CHECK_MESSAGE(code.Dark(cx + dx, cy + dy) == (std::max(std::abs(dx), std::abs(dy)) != 1),
                                          "alignment at (" << cx << ", " << cy << ")");
                        }
                    }
                }
            }

            const int format = ReadFormatNearTopLeft(code);
            CHECK(format == ReadFormatSplit(code));
            CHECK(PolyMod(format ^ 0x5412, 0b10100110111) == 0);
            static constexpr int kLevelOfBits[4] = {1, 0, 3, 2};   // 00 = M, 01 = L, 10 = H, 11 = Q
            CHECK(kLevelOfBits[(format ^ 0x5412) >> 13] == static_cast<int>(code.ecc));
            CHECK((((format ^ 0x5412) >> 10) & 7) == code.mask);

            if (version >= 7) {
                const int bits = ReadVersion(code, false);
                CHECK(bits == ReadVersion(code, true));
                CHECK((bits >> 12) == version);
                CHECK(PolyMod(bits, 0b1111100100101) == 0);
            }
        }
    }
}

TEST_CASE("a version-1 symbol reads back: unmasked, its codewords are the text in byte mode and valid Reed-Solomon") {
    const std::string text = "smp 1.0 \xC3\xA9:)";   // 12 bytes (UTF-8 goes out as its bytes): 1-M, too many for 1-Q
    const smp::Expected<smp::QrCode> result = smp::EncodeQr(text, QrErrorCorrection::kMedium);
    REQUIRE(result.ok());
    const smp::QrCode& code = *result;
    REQUIRE(code.version == 1);
    REQUIRE(code.ecc == QrErrorCorrection::kMedium);
    // Modules outside finders, separators, timing and format information (version 1: no alignment).
    auto is_data = [&](int x, int y) {
        if (x == 6 || y == 6) return false;
        if (x <= 8 && y <= 8) return false;
        if (x >= code.size - 8 && y <= 8) return false;
        if (x <= 8 && y >= code.size - 8) return false;
        return true;
    };
    const int mask = code.mask;
    auto masked = [mask](int i, int j) {
        switch (mask) {
            case 0: return (i + j) % 2 == 0;
            case 1: return i % 2 == 0;
            case 2: return j % 3 == 0;
            case 3: return (i + j) % 3 == 0;
            case 4: return (i / 2 + j / 3) % 2 == 0;
            case 5: return (i * j) % 2 + (i * j) % 3 == 0;
            case 6: return ((i * j) % 2 + (i * j) % 3) % 2 == 0;
            default: return ((i + j) % 2 + (i * j) % 3) % 2 == 0;
        }
    };
    std::vector<uint8_t> codewords;
    int bit_count = 0;
    for (int right = code.size - 1, column_pair = 0; right > 0; right -= 2, ++column_pair) {
        if (right == 6) right = 5;
        for (int step = 0; step < code.size; ++step) {
            const int y = column_pair % 2 == 0 ? code.size - 1 - step : step;
            for (const int x : {right, right - 1}) {
                if (!is_data(x, y)) continue;
                if (bit_count % 8 == 0) codewords.push_back(0);
                if (code.Dark(x, y) != masked(y, x)) codewords.back() |= static_cast<uint8_t>(0x80 >> (bit_count % 8));
                ++bit_count;
            }
        }
    }
    REQUIRE(bit_count == 208);   // 26 codewords, no remainder bits at version 1
    const std::vector<uint8_t> data(codewords.begin(), codewords.begin() + 16);
    CHECK((data[0] >> 4) == 0b0100);                                     // byte mode
    CHECK(((data[0] & 0x0F) << 4 | data[1] >> 4) == static_cast<int>(text.size()));
    std::string decoded;
    for (size_t i = 0; i < text.size(); ++i) decoded += static_cast<char>((data[1 + i] & 0x0F) << 4 | data[2 + i] >> 4);
    CHECK(decoded == text);
    CHECK((data[1 + text.size()] & 0x0F) == 0);                         // terminator
    CHECK(data[2 + text.size()] == 0xEC);                               // padding
    CHECK(data[3 + text.size()] == 0x11);
    uint8_t root = 1;
    for (int i = 0; i < 10; ++i, root = GfMultiply(root, 2)) CHECK(Evaluate(codewords, root) == 0);
}

TEST_CASE("deterministic: the same text gives the same symbol; another text another") {
    const std::string link = "http://127.0.0.1:8080/#d=1." + Text(600);
    const smp::Expected<smp::QrCode> a = smp::EncodeQr(link);
    const smp::Expected<smp::QrCode> b = smp::EncodeQr(link);
    REQUIRE(a.ok());
    REQUIRE(b.ok());
    CHECK(a->modules == b->modules);
    CHECK(a->mask == b->mask);
    const smp::Expected<smp::QrCode> c = smp::EncodeQr(link + "x");
    REQUIRE(c.ok());
    CHECK(c->modules != a->modules);
}

TEST_CASE("SVG: one path of the dark modules inside a quiet zone, crisp edges") {
    const smp::Expected<smp::QrCode> code = smp::EncodeQr("https://example.org/");
    REQUIRE(code.ok());
    const std::string svg = smp::QrCodeSvg(*code);
    const std::string side = std::to_string(code->size + 8);
    CHECK(svg.find("viewBox=\"0 0 " + side + " " + side + "\"") != std::string::npos);
    CHECK(svg.find("shape-rendering=\"crispEdges\"") != std::string::npos);
    const size_t path = svg.find("<path");
    REQUIRE(path != std::string::npos);
    CHECK(svg.find("<path", path + 1) == std::string::npos);
    // Paint the path's runs ("Mx,yhNv1h-Nz") back into modules: exactly the code's dark ones.
    std::vector<uint8_t> painted(code->modules.size(), 0);
    const size_t d = svg.find(" d=\"", path) + 4;
    const std::string commands = svg.substr(d, svg.find('"', d) - d);
    for (size_t at = commands.find('M'); at != std::string::npos; at = commands.find('M', at + 1)) {
        int x = 0, y = 0, run = 0;
        REQUIRE(std::sscanf(commands.c_str() + at, "M%d,%dh%d", &x, &y, &run) == 3);
        for (int i = 0; i < run; ++i) {
            const int mx = x + i - 4, my = y - 4;
            REQUIRE((mx >= 0 && my >= 0 && mx < code->size && my < code->size));
            painted[static_cast<size_t>(my * code->size + mx)] = 1;
        }
    }
    CHECK(painted == code->modules);
    CHECK(smp::QrCodeSvg(*code, 0).find("viewBox=\"0 0 " + std::to_string(code->size)) != std::string::npos);
}
