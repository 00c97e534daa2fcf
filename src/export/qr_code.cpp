// QR code encoder, byte mode, versions 1..40, all four error correction levels.
//
// [SECTION] Tables of the standard
// [SECTION] Reed-Solomon over GF(256)
// [SECTION] Data codewords and block interleaving
// [SECTION] The symbol: function patterns, format and version information, data placement
// [SECTION] Masks and their penalty
// [SECTION] EncodeQr
// [SECTION] SVG
#include "export/qr_code.h"

#include <algorithm>
#include <array>
#include <cassert>
#include <cstdlib>

namespace smp {

// [SECTION] Tables of the standard ----------------------------------------------------------------

namespace {

// ISO/IEC 18004 Table 9, by [level L M Q H][version]; column 0 is unused.
constexpr int8_t kEcCodewordsPerBlock[4][41] = {
    {-1, 7, 10, 15, 20, 26, 18, 20, 24, 30, 18, 20, 24, 26, 30, 22, 24, 28, 30, 28, 28,
     28, 28, 30, 30, 26, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30},
    {-1, 10, 16, 26, 18, 24, 16, 18, 22, 22, 26, 30, 22, 22, 24, 24, 28, 28, 26, 26, 26,
     26, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28},
    {-1, 13, 22, 18, 26, 18, 24, 18, 22, 20, 24, 28, 26, 24, 20, 30, 24, 28, 28, 26, 30,
     28, 30, 30, 30, 30, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30},
    {-1, 17, 28, 22, 16, 22, 28, 26, 26, 24, 28, 24, 28, 22, 24, 24, 30, 28, 28, 26, 28,
     30, 24, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30},
};

constexpr int8_t kErrorCorrectionBlocks[4][41] = {
    {-1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 4, 4, 4, 4, 4, 6, 6, 6, 6, 7, 8,
     8, 9, 9, 10, 12, 12, 12, 13, 14, 15, 16, 17, 18, 19, 19, 20, 21, 22, 24, 25},
    {-1, 1, 1, 1, 2, 2, 4, 4, 4, 5, 5, 5, 8, 9, 9, 10, 10, 11, 13, 14, 16,
     17, 17, 18, 20, 21, 23, 25, 26, 28, 29, 31, 33, 35, 37, 38, 40, 43, 45, 47, 49},
    {-1, 1, 1, 2, 2, 4, 4, 6, 6, 8, 8, 8, 10, 12, 16, 12, 17, 16, 18, 21, 20,
     23, 23, 25, 27, 29, 34, 34, 35, 38, 40, 43, 45, 48, 51, 53, 56, 59, 62, 65, 68},
    {-1, 1, 1, 2, 4, 4, 4, 5, 6, 8, 8, 11, 11, 16, 16, 18, 16, 19, 21, 25, 25,
     25, 34, 30, 32, 35, 37, 40, 42, 45, 48, 51, 54, 57, 60, 63, 66, 70, 74, 77, 81},
};

int Level(QrErrorCorrection ecc) { return static_cast<int>(ecc); }

int SymbolSize(int version) { return 17 + 4 * version; }

// Centre coordinates of the alignment patterns along either axis (Annex E): 6, then evenly spaced
// (by an even step) back from size - 7. Version 1 has none.
std::vector<int> AlignmentCenters(int version) {
    if (version == 1) return {};
    const int count = version / 7 + 2;
    const int step = (version * 8 + count * 3 + 5) / (count * 4 - 4) * 2;
    std::vector<int> centers(static_cast<size_t>(count));
    centers[0] = 6;
    for (int i = count - 1, position = SymbolSize(version) - 7; i >= 1; --i, position -= step) centers[static_cast<size_t>(i)] = position;
    return centers;
}

// Modules left for data and error correction once the function patterns, the format information
// and (from version 7) the version information are placed; a multiple of 8 plus 0, 3, 4 or 7
// remainder bits.
int RawDataModules(int version) {
    const int size = SymbolSize(version);
    int modules = size * size - 3 * 64 - 2 * (size - 16) - 31;   // finders with separators, timing, format + dark module
    if (version >= 2) {
        const int count = version / 7 + 2;
        modules -= 25 * (count * count - 3);   // alignment patterns, less the three under finders...
        modules += 10 * (count - 2);           // ...giving back the timing modules they cover
    }
    if (version >= 7) modules -= 2 * 18;
    return modules;
}

int DataCodewords(int version, QrErrorCorrection ecc) {
    return RawDataModules(version) / 8 -
           kEcCodewordsPerBlock[Level(ecc)][version] * kErrorCorrectionBlocks[Level(ecc)][version];
}

// Width of the byte-mode character count field (Table 3).
int CountBits(int version) { return version <= 9 ? 8 : 16; }

}  // namespace

int QrByteCapacity(int version, QrErrorCorrection ecc) {
    if (version < kQrMinVersion || version > kQrMaxVersion) return 0;
    const int header_bits = 4 + CountBits(version);
    return std::min((DataCodewords(version, ecc) * 8 - header_bits) / 8, (1 << CountBits(version)) - 1);
}

const char* QrErrorCorrectionName(QrErrorCorrection ecc) {
    switch (ecc) {
        case QrErrorCorrection::kLow: return "L";
        case QrErrorCorrection::kMedium: return "M";
        case QrErrorCorrection::kQuartile: return "Q";
        case QrErrorCorrection::kHigh: return "H";
    }
    return "?";
}

// [SECTION] Reed-Solomon over GF(256) -------------------------------------------------------------

namespace {

// Powers and logarithms of the generator a = 2 in GF(2^8) modulo x^8 + x^4 + x^3 + x^2 + 1 (0x11D).
// `exp` runs twice round the cycle so a product's exponent needs no modulo.
struct GaloisField {
    std::array<uint8_t, 512> exp{};
    std::array<uint8_t, 256> log{};
};

constexpr GaloisField MakeGaloisField() {
    GaloisField field;
    int value = 1;
    for (int i = 0; i < 255; ++i) {
        field.exp[static_cast<size_t>(i)] = static_cast<uint8_t>(value);
        field.log[static_cast<size_t>(value)] = static_cast<uint8_t>(i);
        value <<= 1;
        if (value & 0x100) value ^= 0x11D;
    }
    for (int i = 255; i < 512; ++i) field.exp[static_cast<size_t>(i)] = field.exp[static_cast<size_t>(i - 255)];
    return field;
}

constexpr GaloisField kField = MakeGaloisField();

uint8_t Multiply(uint8_t a, uint8_t b) {
    if (a == 0 || b == 0) return 0;
    return kField.exp[static_cast<size_t>(kField.log[a]) + kField.log[b]];
}

// (x - a^0)(x - a^1)...(x - a^(degree-1)), coefficients from x^degree (always 1) down to x^0.
std::vector<uint8_t> GeneratorPolynomial(int degree) {
    std::vector<uint8_t> generator{1};
    for (int i = 0; i < degree; ++i) {
        std::vector<uint8_t> next(generator.size() + 1, 0);
        for (size_t k = 0; k < generator.size(); ++k) {
            next[k] ^= generator[k];                                                   // times x
            next[k + 1] ^= Multiply(generator[k], kField.exp[static_cast<size_t>(i)]);  // times a^i (- is + here)
        }
        generator = std::move(next);
    }
    return generator;
}

// Remainder of data(x) * x^n by `generator` (degree n), by long division.
std::vector<uint8_t> Remainder(std::span<const uint8_t> data, const std::vector<uint8_t>& generator) {
    const size_t degree = generator.size() - 1;
    std::vector<uint8_t> remainder(degree, 0);
    for (const uint8_t byte : data) {
        const uint8_t factor = byte ^ remainder[0];
        std::copy(remainder.begin() + 1, remainder.end(), remainder.begin());
        remainder.back() = 0;
        for (size_t k = 0; k < degree; ++k) remainder[k] ^= Multiply(generator[k + 1], factor);
    }
    return remainder;
}

}  // namespace

std::vector<uint8_t> QrReedSolomon(std::span<const uint8_t> data, int ec_codewords) {
    assert(ec_codewords >= 1 && ec_codewords <= 255);
    return Remainder(data, GeneratorPolynomial(ec_codewords));
}

// [SECTION] Data codewords and block interleaving -------------------------------------------------

namespace {

class BitWriter {
public:
    void Append(uint32_t value, int length) {
        for (int i = length - 1; i >= 0; --i) {
            if (bit_count_ % 8 == 0) bytes_.push_back(0);
            if ((value >> i) & 1u) bytes_.back() |= static_cast<uint8_t>(0x80u >> (bit_count_ % 8));
            ++bit_count_;
        }
    }
    int BitCount() const { return bit_count_; }
    std::vector<uint8_t>& Bytes() { return bytes_; }

private:
    std::vector<uint8_t> bytes_;
    int bit_count_ = 0;
};

// The data codewords (8.4): mode 0100, count, the bytes, a terminator of up to four zero bits, zero
// bits to the byte boundary, then 0xEC 0x11 ... to fill the version's data capacity.
std::vector<uint8_t> DataCodewordsFor(std::string_view text, int version, QrErrorCorrection ecc) {
    const int capacity_bits = DataCodewords(version, ecc) * 8;
    BitWriter bits;
    bits.Append(0b0100, 4);
    bits.Append(static_cast<uint32_t>(text.size()), CountBits(version));
    for (const char c : text) bits.Append(static_cast<uint8_t>(c), 8);
    assert(bits.BitCount() <= capacity_bits);
    bits.Append(0, std::min(4, capacity_bits - bits.BitCount()));
    bits.Append(0, (8 - bits.BitCount() % 8) % 8);
    for (uint32_t pad = 0xEC; bits.BitCount() < capacity_bits; pad ^= 0xEC ^ 0x11) bits.Append(pad, 8);
    return std::move(bits.Bytes());
}

// Splits the data into the version's blocks (the short ones first, the long ones one codeword
// longer), appends each block's error correction, and interleaves (8.6): the k-th data codeword of
// every block in turn, then the k-th error correction codeword of every block in turn.
std::vector<uint8_t> InterleavedCodewords(const std::vector<uint8_t>& data, int version, QrErrorCorrection ecc) {
    const int block_count = kErrorCorrectionBlocks[Level(ecc)][version];
    const int ec_length = kEcCodewordsPerBlock[Level(ecc)][version];
    const int total_codewords = RawDataModules(version) / 8;
    const int short_blocks = block_count - total_codewords % block_count;
    const int short_data_length = total_codewords / block_count - ec_length;
    const std::vector<uint8_t> generator = GeneratorPolynomial(ec_length);

    std::vector<std::span<const uint8_t>> data_blocks;
    std::vector<std::vector<uint8_t>> ec_blocks;
    size_t offset = 0;
    for (int b = 0; b < block_count; ++b) {
        const size_t length = static_cast<size_t>(short_data_length + (b < short_blocks ? 0 : 1));
        data_blocks.push_back(std::span<const uint8_t>(data).subspan(offset, length));
        ec_blocks.push_back(Remainder(data_blocks.back(), generator));
        offset += length;
    }
    assert(offset == data.size());

    std::vector<uint8_t> out;
    out.reserve(static_cast<size_t>(total_codewords));
    for (size_t k = 0; k <= static_cast<size_t>(short_data_length); ++k) {
        for (const std::span<const uint8_t>& block : data_blocks) {
            if (k < block.size()) out.push_back(block[k]);
        }
    }
    for (size_t k = 0; k < static_cast<size_t>(ec_length); ++k) {
        for (const std::vector<uint8_t>& block : ec_blocks) out.push_back(block[k]);
    }
    assert(out.size() == static_cast<size_t>(total_codewords));
    return out;
}

}  // namespace

// [SECTION] The symbol: function patterns, format and version information, data placement --------

int QrFormatBits(QrErrorCorrection ecc, int mask) {
    assert(mask >= 0 && mask <= 7);
    static constexpr int kLevelBits[4] = {0b01, 0b00, 0b11, 0b10};   // L M Q H (Table 12)
    const int data = kLevelBits[Level(ecc)] << 3 | mask;
    int remainder = data;
    for (int i = 0; i < 10; ++i) remainder = (remainder << 1) ^ ((remainder >> 9) * 0x537);   // G(x) = x^10+x^8+x^5+x^4+x^2+x+1
    return ((data << 10) | remainder) ^ 0x5412;
}

int QrVersionBits(int version) {
    assert(version >= 7 && version <= kQrMaxVersion);
    int remainder = version;
    for (int i = 0; i < 12; ++i) remainder = (remainder << 1) ^ ((remainder >> 11) * 0x1F25);   // G(x) = x^12+x^11+x^10+x^9+x^8+x^5+x^2+1
    return version << 12 | remainder;
}

namespace {

struct Symbol {
    int size = 0;
    std::vector<uint8_t> dark;       // 1 = dark
    std::vector<uint8_t> reserved;   // 1 = a function pattern or format/version information

    explicit Symbol(int side) : size(side), dark(static_cast<size_t>(side) * side, 0), reserved(dark.size(), 0) {}
    size_t Index(int x, int y) const { return static_cast<size_t>(y) * size + x; }
    void SetFunction(int x, int y, bool is_dark) {
        dark[Index(x, y)] = is_dark ? 1 : 0;
        reserved[Index(x, y)] = 1;
    }
};

// A finder pattern (7x7 rings dark-light-dark 3x3) centred on (cx, cy), with its light separator.
void DrawFinder(Symbol& symbol, int cx, int cy) {
    for (int dy = -4; dy <= 4; ++dy) {
        for (int dx = -4; dx <= 4; ++dx) {
            const int x = cx + dx, y = cy + dy;
            if (x < 0 || y < 0 || x >= symbol.size || y >= symbol.size) continue;
            const int ring = std::max(std::abs(dx), std::abs(dy));
            symbol.SetFunction(x, y, ring != 2 && ring != 4);
        }
    }
}

void DrawAlignment(Symbol& symbol, int cx, int cy) {
    for (int dy = -2; dy <= 2; ++dy) {
        for (int dx = -2; dx <= 2; ++dx) symbol.SetFunction(cx + dx, cy + dy, std::max(std::abs(dx), std::abs(dy)) != 1);
    }
}

// Both copies of the format information (7.9.1), and the dark module beside the lower one.
void DrawFormat(Symbol& symbol, QrErrorCorrection ecc, int mask) {
    const int bits = QrFormatBits(ecc, mask);
    auto bit = [bits](int i) { return ((bits >> i) & 1) != 0; };
    const int size = symbol.size;
    // Around the top-left finder: bits 0..7 up column 8 (skipping the timing row), 8..14 along row 8
    // leftwards (skipping the timing column).
    for (int i = 0; i <= 5; ++i) symbol.SetFunction(8, i, bit(i));
    symbol.SetFunction(8, 7, bit(6));
    symbol.SetFunction(8, 8, bit(7));
    symbol.SetFunction(7, 8, bit(8));
    for (int i = 9; i < 15; ++i) symbol.SetFunction(14 - i, 8, bit(i));
    // Split between the other two finders: bits 0..7 along row 8 from the right edge, 8..14 down
    // column 8 to the bottom edge.
    for (int i = 0; i < 8; ++i) symbol.SetFunction(size - 1 - i, 8, bit(i));
    for (int i = 8; i < 15; ++i) symbol.SetFunction(8, size - 15 + i, bit(i));
    symbol.SetFunction(8, size - 8, true);
}

// Both 6x3 copies of the version information (7.10), versions 7 and up.
void DrawVersion(Symbol& symbol, int version) {
    if (version < 7) return;
    const int bits = QrVersionBits(version);
    for (int i = 0; i < 18; ++i) {
        const bool is_dark = ((bits >> i) & 1) != 0;
        const int a = symbol.size - 11 + i % 3, b = i / 3;
        symbol.SetFunction(a, b, is_dark);   // above the top-right finder
        symbol.SetFunction(b, a, is_dark);   // left of the bottom-left finder
    }
}

Symbol FunctionPatterns(int version) {
    Symbol symbol(SymbolSize(version));
    const int size = symbol.size;
    for (int i = 0; i < size; ++i) {
        symbol.SetFunction(6, i, i % 2 == 0);   // timing patterns; the finders overwrite their ends
        symbol.SetFunction(i, 6, i % 2 == 0);
    }
    DrawFinder(symbol, 3, 3);
    DrawFinder(symbol, size - 4, 3);
    DrawFinder(symbol, 3, size - 4);
    const std::vector<int> centers = AlignmentCenters(version);
    const size_t last = centers.empty() ? 0 : centers.size() - 1;
    for (size_t i = 0; i < centers.size(); ++i) {
        for (size_t j = 0; j < centers.size(); ++j) {
            const bool under_finder = (i == 0 && j == 0) || (i == 0 && j == last) || (i == last && j == 0);
            if (!under_finder) DrawAlignment(symbol, centers[i], centers[j]);
        }
    }
    DrawFormat(symbol, QrErrorCorrection::kLow, 0);   // reserves the area; the real bits come with the mask
    DrawVersion(symbol, version);
    return symbol;
}

// Places the codewords' bits, most significant first, in two-module columns zigzagging up and down
// from the bottom-right corner, skipping the vertical timing column and every reserved module
// (7.7.3). Modules left over (the remainder bits) stay light.
void PlaceCodewords(Symbol& symbol, const std::vector<uint8_t>& codewords) {
    const size_t total_bits = codewords.size() * 8;
    size_t next = 0;
    bool upward = true;
    for (int right = symbol.size - 1; right >= 1; right -= 2) {
        if (right == 6) right = 5;
        for (int step = 0; step < symbol.size; ++step) {
            const int y = upward ? symbol.size - 1 - step : step;
            for (int x = right; x >= right - 1; --x) {
                const size_t index = symbol.Index(x, y);
                if (symbol.reserved[index] || next >= total_bits) continue;
                symbol.dark[index] = (codewords[next / 8] >> (7 - next % 8)) & 1;
                ++next;
            }
        }
        upward = !upward;
    }
    assert(next == total_bits);
}

// [SECTION] Masks and their penalty ---------------------------------------------------------------

// Data mask condition (Table 10); i is the row, j the column.
bool MaskInverts(int mask, int i, int j) {
    switch (mask) {
        case 0: return (i + j) % 2 == 0;
        case 1: return i % 2 == 0;
        case 2: return j % 3 == 0;
        case 3: return (i + j) % 3 == 0;
        case 4: return (i / 2 + j / 3) % 2 == 0;
        case 5: return (i * j) % 2 + (i * j) % 3 == 0;
        case 6: return ((i * j) % 2 + (i * j) % 3) % 2 == 0;
        case 7: return ((i + j) % 2 + (i * j) % 3) % 2 == 0;
        default: assert(false); return false;
    }
}

void ApplyMask(Symbol& symbol, int mask) {
    for (int y = 0; y < symbol.size; ++y) {
        for (int x = 0; x < symbol.size; ++x) {
            const size_t index = symbol.Index(x, y);
            if (!symbol.reserved[index] && MaskInverts(mask, y, x)) symbol.dark[index] ^= 1;
        }
    }
}

constexpr int kPenaltyN1 = 3;    // a run of 5 same-coloured modules, +1 per module beyond
constexpr int kPenaltyN2 = 3;    // a 2x2 block of one colour
constexpr int kPenaltyN3 = 40;   // a finder-like 1:1:3:1:1 run with 4 light modules on one side
constexpr int kPenaltyN4 = 10;   // per 5 % that the dark share strays from 50 %

// N1 and N3 for one row or column. Outside the symbol counts as light (it is the quiet zone).
long LinePenalty(const std::vector<uint8_t>& line) {
    long score = 0;
    const int n = static_cast<int>(line.size());
    for (int start = 0; start < n;) {
        int end = start;
        while (end < n && line[static_cast<size_t>(end)] == line[static_cast<size_t>(start)]) ++end;
        if (end - start >= 5) score += kPenaltyN1 + (end - start - 5);
        start = end;
    }
    auto light = [&](int from, int to) {   // modules [from, to) all light
        for (int i = from; i < to; ++i) {
            if (i >= 0 && i < n && line[static_cast<size_t>(i)]) return false;
        }
        return true;
    };
    const uint8_t* m = line.data();
    for (int i = 0; i + 7 <= n; ++i) {
        const bool finder_like = m[i] && !m[i + 1] && m[i + 2] && m[i + 3] && m[i + 4] && !m[i + 5] && m[i + 6];   // 1011101
        if (finder_like && (light(i - 4, i) || light(i + 7, i + 11))) score += kPenaltyN3;
    }
    return score;
}

long Penalty(const Symbol& symbol) {
    const int size = symbol.size;
    long score = 0;
    std::vector<uint8_t> row(static_cast<size_t>(size)), column(static_cast<size_t>(size));
    for (int a = 0; a < size; ++a) {
        for (int b = 0; b < size; ++b) {
            row[static_cast<size_t>(b)] = symbol.dark[symbol.Index(b, a)];
            column[static_cast<size_t>(b)] = symbol.dark[symbol.Index(a, b)];
        }
        score += LinePenalty(row) + LinePenalty(column);
    }
    for (int y = 0; y + 1 < size; ++y) {
        for (int x = 0; x + 1 < size; ++x) {
            const uint8_t c = symbol.dark[symbol.Index(x, y)];
            if (c == symbol.dark[symbol.Index(x + 1, y)] && c == symbol.dark[symbol.Index(x, y + 1)] &&
                c == symbol.dark[symbol.Index(x + 1, y + 1)]) {
                score += kPenaltyN2;
            }
        }
    }
    long dark = 0;
    for (const uint8_t module : symbol.dark) dark += module;
    const long total = static_cast<long>(size) * size;
    score += kPenaltyN4 * (std::labs(dark * 20 - total * 10) / total);   // whole 5 % steps away from half
    return score;
}

}  // namespace

// [SECTION] EncodeQr ------------------------------------------------------------------------------

Expected<QrCode> EncodeQr(std::string_view text, QrErrorCorrection min_ecc) {
    const size_t length = text.size();
    int version = kQrMinVersion;
    while (version <= kQrMaxVersion && static_cast<size_t>(QrByteCapacity(version, min_ecc)) < length) ++version;
    if (version > kQrMaxVersion) {
        return Status(StatusCode::kLimitExceeded,
                      "the text is " + std::to_string(length) + " bytes; a QR code at error correction " +
                          QrErrorCorrectionName(min_ecc) + " holds at most " +
                          std::to_string(QrByteCapacity(kQrMaxVersion, min_ecc)) + " bytes (version 40)");
    }
    QrErrorCorrection ecc = min_ecc;
    for (int level = Level(min_ecc) + 1; level <= Level(QrErrorCorrection::kHigh); ++level) {
        const auto higher = static_cast<QrErrorCorrection>(level);
        if (static_cast<size_t>(QrByteCapacity(version, higher)) >= length) ecc = higher;
    }

    Symbol unmasked = FunctionPatterns(version);
    PlaceCodewords(unmasked, InterleavedCodewords(DataCodewordsFor(text, version, ecc), version, ecc));

    QrCode code;
    code.size = unmasked.size;
    code.version = version;
    code.ecc = ecc;
    long best_penalty = -1;
    for (int mask = 0; mask < 8; ++mask) {
        Symbol candidate = unmasked;
        ApplyMask(candidate, mask);
        DrawFormat(candidate, ecc, mask);
        const long penalty = Penalty(candidate);
        if (best_penalty < 0 || penalty < best_penalty) {
            best_penalty = penalty;
            code.mask = mask;
            code.modules = std::move(candidate.dark);
        }
    }
    return code;
}

// [SECTION] SVG -----------------------------------------------------------------------------------

std::string QrCodeSvg(const QrCode& code, int quiet_zone_modules) {
    const int border = std::max(0, quiet_zone_modules);
    const std::string side = std::to_string(code.size + 2 * border);
    std::string svg = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    svg += "<!-- QR code, version " + std::to_string(code.version) + "-" + QrErrorCorrectionName(code.ecc) + ", mask " +
           std::to_string(code.mask) + ", " + std::to_string(code.size) + " modules per side -->\n";
    svg += "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + side + " " + side +
           "\" shape-rendering=\"crispEdges\">\n";
    svg += "<rect width=\"" + side + "\" height=\"" + side + "\" fill=\"#fff\"/>\n";
    svg += "<path fill=\"#000\" d=\"";
    // One rectangle per horizontal run of dark modules.
    bool first = true;
    for (int y = 0; y < code.size; ++y) {
        for (int x = 0; x < code.size;) {
            if (!code.Dark(x, y)) {
                ++x;
                continue;
            }
            int end = x;
            while (code.Dark(end, y)) ++end;
            const std::string run = std::to_string(end - x);
            if (!first) svg += ' ';
            first = false;
            // Appended piece by piece: GCC 12 at -O3 warns (-Wrestrict, a false positive) on "M" + std::string.
            svg += 'M';
            svg += std::to_string(x + border);
            svg += ',';
            svg += std::to_string(y + border);
            svg += 'h';
            svg += run;
            svg += "v1h-";
            svg += run;
            svg += 'z';
            x = end;
        }
    }
    svg += "\"/>\n</svg>\n";
    return svg;
}

}  // namespace smp
