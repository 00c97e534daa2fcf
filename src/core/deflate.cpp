// [SECTION] Tables shared by both directions (RFC 1951 section 3.2.5)
// [SECTION] Compressor: bit writer, Huffman code lengths, LZ77 matcher, block writer
// [SECTION] Decompressor: bit reader, canonical Huffman decoding, blocks
#include "core/deflate.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>
#include <string>

namespace smp {

namespace {

// =============================================================================================
// [SECTION] Tables shared by both directions (RFC 1951 section 3.2.5)
// =============================================================================================

constexpr int kLitLenSymbols = 286;   // 0-255 literals, 256 end of block, 257-285 lengths
constexpr int kDistSymbols = 30;
constexpr int kCodeLengthSymbols = 19;
constexpr int kEndOfBlock = 256;
constexpr int kMaxCodeBits = 15;
constexpr int kMaxCodeLengthBits = 7;   // the code-length code's own limit (3-bit lengths)
constexpr int kMinMatch = 3;
constexpr int kMaxMatch = 258;
constexpr size_t kWindowBytes = 32768;
constexpr size_t kMaxStoredBytes = 65535;

constexpr std::array<uint16_t, 29> kLengthBase = {3,  4,  5,  6,  7,  8,  9,  10, 11,  13,  15,  17,  19,  23, 27,
                                                  31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258};
constexpr std::array<uint8_t, 29> kLengthExtra = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2,
                                                  2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0};
constexpr std::array<uint16_t, 30> kDistBase = {1,   2,   3,   4,   5,   7,    9,    13,   17,   25,
                                                33,  49,  65,  97,  129, 193,  257,  385,  513,  769,
                                                1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577};
constexpr std::array<uint8_t, 30> kDistExtra = {0, 0, 0, 0, 1, 1, 2, 2,  3,  3,  4,  4,  5,  5,  6,
                                                6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13};
// The order in which a dynamic block header lists the code-length code's lengths.
constexpr std::array<uint8_t, kCodeLengthSymbols> kCodeLengthOrder = {16, 17, 18, 0, 8,  7, 9,  6, 10, 5,
                                                                      11, 4,  12, 3, 13, 2, 14, 1, 15};

// Fixed Huffman code lengths (section 3.2.6): 288 lit/len symbols (286, 287 unused) and 30
// distances (32 in the fixed code; 30, 31 unused) all of 5 bits.
constexpr std::array<uint8_t, 288> FixedLitLenLengths() {
    std::array<uint8_t, 288> lengths{};
    for (int i = 0; i < 288; ++i) lengths[static_cast<size_t>(i)] = i < 144 ? 8 : i < 256 ? 9 : i < 280 ? 7 : 8;
    return lengths;
}
// All 288 and 32 take part in numbering the canonical codes, so they are kept here, unused or not.
constexpr std::array<uint8_t, 288> kFixedLitLenLengths = FixedLitLenLengths();
constexpr std::array<uint8_t, 32> kFixedDistLengths = [] {
    std::array<uint8_t, 32> lengths{};
    lengths.fill(5);
    return lengths;
}();

// Length 3..258 -> lit/len symbol index 0..28 (symbol 257 + index).
constexpr std::array<uint8_t, kMaxMatch + 1> LengthToIndex() {
    std::array<uint8_t, kMaxMatch + 1> table{};
    for (int index = 0; index < 29; ++index) {
        const int base = kLengthBase[static_cast<size_t>(index)];
        const int span = 1 << kLengthExtra[static_cast<size_t>(index)];
        for (int length = base; length < base + span && length <= kMaxMatch; ++length) {
            table[static_cast<size_t>(length)] = static_cast<uint8_t>(index);
        }
    }
    table[kMaxMatch] = 28;   // 258 has its own symbol (285), not 284 with extra bits 31
    return table;
}
constexpr std::array<uint8_t, kMaxMatch + 1> kLengthToIndex = LengthToIndex();

int DistanceToSymbol(int distance) {
    if (distance <= 4) return distance - 1;
    // Two symbols per power of two: the top bit picks the pair, the next bit the symbol.
    const unsigned d = static_cast<unsigned>(distance - 1);
    const int top_bit = static_cast<int>(std::bit_width(d)) - 1;
    return 2 * top_bit + static_cast<int>((d >> (top_bit - 1)) & 1u);
}

// =============================================================================================
// [SECTION] Compressor
// =============================================================================================

// Bits go out least significant first (section 3.1.1); Huffman codes are stored pre-reversed.
class BitWriter {
public:
    void Write(uint32_t bits, int count) {
        buffer_ |= static_cast<uint64_t>(bits) << count_;
        count_ += count;
        while (count_ >= 8) {
            bytes_.push_back(static_cast<uint8_t>(buffer_));
            buffer_ >>= 8;
            count_ -= 8;
        }
    }
    void AlignToByte() {
        if (count_ > 0) Write(0, 8 - count_);
    }
    void WriteBytes(std::span<const uint8_t> bytes) { bytes_.insert(bytes_.end(), bytes.begin(), bytes.end()); }
    int PendingBits() const { return count_; }
    std::vector<uint8_t> Finish() {
        AlignToByte();
        return std::move(bytes_);
    }

private:
    std::vector<uint8_t> bytes_;
    uint64_t buffer_ = 0;
    int count_ = 0;   // bits in buffer_, always < 8 between calls
};

uint32_t ReverseBits(uint32_t code, int length) {
    uint32_t reversed = 0;
    for (int i = 0; i < length; ++i) reversed |= ((code >> i) & 1u) << (length - 1 - i);
    return reversed;
}

// Canonical codes from code lengths (section 3.2.2), bit-reversed for the LSB-first writer.
std::vector<uint32_t> CanonicalCodes(std::span<const uint8_t> lengths) {
    std::array<uint32_t, kMaxCodeBits + 2> length_count{};
    for (uint8_t length : lengths) ++length_count[length];
    length_count[0] = 0;
    std::array<uint32_t, kMaxCodeBits + 2> next_code{};
    uint32_t code = 0;
    for (int bits = 1; bits <= kMaxCodeBits; ++bits) {
        code = (code + length_count[static_cast<size_t>(bits - 1)]) << 1;
        next_code[static_cast<size_t>(bits)] = code;
    }
    std::vector<uint32_t> codes(lengths.size(), 0);
    for (size_t symbol = 0; symbol < lengths.size(); ++symbol) {
        const int length = lengths[symbol];
        if (length != 0) codes[symbol] = ReverseBits(next_code[static_cast<size_t>(length)]++, length);
    }
    return codes;
}

// Huffman code lengths for `frequencies`, none longer than `max_bits`. At least two symbols get a
// code (zlib does the same): a complete code, which every inflater accepts. Deterministic: ties are
// broken by symbol number. The lengths are optimal when no limit binds; otherwise the deepest
// levels are folded up (as miniz does), which keeps the code complete and close to optimal.
std::vector<uint8_t> HuffmanLengths(std::span<const uint32_t> frequencies, int max_bits) {
    const size_t symbol_count = frequencies.size();
    std::vector<uint8_t> lengths(symbol_count, 0);
    std::vector<uint32_t> used;   // symbols with a code, most frequent last
    for (size_t s = 0; s < symbol_count; ++s) {
        if (frequencies[s] > 0) used.push_back(static_cast<uint32_t>(s));
    }
    // Pad with the lowest unused symbols so there are at least two codes.
    for (size_t s = 0; used.size() < 2 && s < symbol_count; ++s) {
        if (frequencies[s] == 0) used.push_back(static_cast<uint32_t>(s));
    }
    auto weight = [&](uint32_t s) -> uint64_t { return std::max<uint32_t>(frequencies[s], 1); };
    std::stable_sort(used.begin(), used.end(), [&](uint32_t a, uint32_t b) {
        return weight(a) != weight(b) ? weight(a) < weight(b) : a < b;
    });
    const size_t n = used.size();

    // Two-queue Huffman construction: the leaves in sorted order, the merged nodes in the order they
    // are made (their weights never decrease). Node i < n is leaf i; node n + k is the k-th merge.
    std::vector<uint64_t> node_weight(2 * n - 1);
    std::vector<size_t> parent(2 * n - 1, 0);
    for (size_t i = 0; i < n; ++i) node_weight[i] = weight(used[i]);
    size_t next_leaf = 0;
    size_t next_merged = n;
    auto take_smallest = [&](size_t merged_end) {
        // On equal weights the leaf goes first: a fixed rule, so the tree is the same everywhere.
        if (next_leaf < n && (next_merged >= merged_end || node_weight[next_leaf] <= node_weight[next_merged])) {
            return next_leaf++;
        }
        return next_merged++;
    };
    for (size_t merged = n; merged < 2 * n - 1; ++merged) {
        const size_t a = take_smallest(merged);
        const size_t b = take_smallest(merged);
        node_weight[merged] = node_weight[a] + node_weight[b];
        parent[a] = merged;
        parent[b] = merged;
    }
    // Depths from the root down (parents always come after their children).
    std::vector<int> depth(2 * n - 1, 0);
    for (size_t i = 2 * n - 1; i-- > 0;) {
        if (i != 2 * n - 2) depth[i] = depth[parent[i]] + 1;
    }
    // How many codes of each length; the deepest ones are clamped to max_bits, then the Kraft sum
    // is brought back to exactly 1 by lengthening the longest code below the limit.
    std::vector<uint32_t> count_of_length(static_cast<size_t>(max_bits) + 1, 0);
    for (size_t i = 0; i < n; ++i) ++count_of_length[static_cast<size_t>(std::min(depth[i], max_bits))];
    uint64_t kraft = 0;   // in units of 2^-max_bits
    for (int bits = 1; bits <= max_bits; ++bits) {
        kraft += static_cast<uint64_t>(count_of_length[static_cast<size_t>(bits)]) << (max_bits - bits);
    }
    while (kraft > (uint64_t{1} << max_bits)) {
        --count_of_length[static_cast<size_t>(max_bits)];
        for (int bits = max_bits - 1; bits > 0; --bits) {
            if (count_of_length[static_cast<size_t>(bits)] > 0) {
                --count_of_length[static_cast<size_t>(bits)];
                count_of_length[static_cast<size_t>(bits + 1)] += 2;
                break;
            }
        }
        --kraft;
    }
    // Longest codes to the least frequent symbols.
    size_t i = 0;
    for (int bits = max_bits; bits >= 1; --bits) {
        for (uint32_t k = 0; k < count_of_length[static_cast<size_t>(bits)]; ++k) {
            lengths[used[i++]] = static_cast<uint8_t>(bits);
        }
    }
    return lengths;
}

// One LZ77 output: a literal (distance 0) or a back-reference.
struct Token {
    uint16_t literal_or_length;
    uint16_t distance;
};

struct Match {
    int length = 0;
    int distance = 0;
};

// Hash chains over the last 32 KiB. Positions are input offsets; `prev` is indexed modulo the
// window, which is safe because a chain is never followed beyond the window.
constexpr int kMaxDistanceForThree = 64;
constexpr int kNiceLength = 128;   // a match this long ends the search: longer ones rarely pay for the time

class Matcher {
public:
    explicit Matcher(std::span<const uint8_t> input) : input_(input) {
        const size_t window = std::bit_ceil(std::max<size_t>(std::min(input.size(), kWindowBytes), 1));
        window_mask_ = window - 1;
        prev_.assign(window, -1);
        // Small inputs get a small table: nothing to gain from zeroing 32 K heads for 100 bytes.
        hash_bits_ = std::clamp(static_cast<int>(std::bit_width(input.size())), 8, 15);
        head_.assign(size_t{1} << hash_bits_, -1);
    }

    // Makes every position before `end` findable.
    void InsertUpTo(size_t end) {
        for (; next_insert_ < end; ++next_insert_) {
            if (next_insert_ + kMinMatch > input_.size()) continue;
            const uint32_t h = Hash(next_insert_);
            prev_[next_insert_ & window_mask_] = head_[h];
            head_[h] = static_cast<int64_t>(next_insert_);
        }
    }

    // The longest match for `pos` (earliest on ties: the shortest distance) among the first
    // `max_chain` candidates. Length 0 when there is none of at least kMinMatch bytes.
    Match Find(size_t pos, int max_chain) const {
        Match best;
        if (pos + kMinMatch > input_.size()) return best;
        const size_t max_length = std::min<size_t>(kMaxMatch, input_.size() - pos);
        const uint8_t* here = input_.data() + pos;
        int64_t candidate = head_[Hash(pos)];
        int best_length = kMinMatch - 1;
        for (int chain = 0; candidate >= 0 && chain < max_chain; ++chain) {
            const size_t from = static_cast<size_t>(candidate);
            if (from >= pos || pos - from > kWindowBytes) break;
            const uint8_t* there = input_.data() + from;
            // Cheap rejection first: a longer match must agree at the current best length.
            if (there[best_length] == here[best_length] && there[0] == here[0] && there[1] == here[1]) {
                size_t length = 0;
                while (length < max_length && there[length] == here[length]) ++length;
                if (static_cast<int>(length) > best_length) {
                    best_length = static_cast<int>(length);
                    best.length = best_length;
                    best.distance = static_cast<int>(pos - from);
                    if (length == max_length || best_length >= kNiceLength) break;
                }
            }
            const int64_t next = prev_[from & window_mask_];
            if (next >= candidate) break;   // a stale slot: the chain has left the window
            candidate = next;
        }
        // Three bytes from far back cost about as much as three literals (a length code, a distance
        // code and its extra bits) and add symbols to the block's header; measured on text, packed
        // varints and mixed data, keeping only near ones (zlib keeps up to 4096) codes smallest.
        if (best.length == kMinMatch && best.distance > kMaxDistanceForThree) best = {};
        return best;
    }

private:
    uint32_t Hash(size_t pos) const {
        const uint32_t key = static_cast<uint32_t>(input_[pos]) << 16 | static_cast<uint32_t>(input_[pos + 1]) << 8 |
                             input_[pos + 2];
        return (key * 2654435761u) >> (32 - hash_bits_);
    }

    std::span<const uint8_t> input_;
    std::vector<int64_t> head_;   // newest position with each hash, -1 for none
    std::vector<int64_t> prev_;   // the previous position with the same hash, by position % window
    size_t window_mask_ = 0;
    int hash_bits_ = 15;
    size_t next_insert_ = 0;
};

constexpr int kMaxChain = 128;          // candidates tried per position: bounds the time per byte
constexpr int kLazyBelowLength = 32;    // a match this long is taken without looking one byte on
constexpr int kGoodLength = 8;          // past a match this long the look one byte on is a shorter search
constexpr size_t kTokensPerBlock = 16384;

struct BlockCodes {
    std::vector<uint8_t> lit_len_lengths;
    std::vector<uint8_t> dist_lengths;
};

// A dynamic block's header: the code lengths run-length coded with symbols 16, 17, 18.
struct DynamicHeader {
    int lit_len_count = 257;   // HLIT + 257
    int dist_count = 1;        // HDIST + 1
    int code_length_count = 4; // HCLEN + 4
    std::vector<std::pair<uint8_t, uint8_t>> runs;   // (code-length symbol, extra bits value)
    std::vector<uint8_t> code_length_lengths;
    uint64_t bits = 0;   // header size after the 3 block-type bits
};

DynamicHeader BuildDynamicHeader(const BlockCodes& codes) {
    DynamicHeader header;
    header.lit_len_count = kLitLenSymbols;
    while (header.lit_len_count > 257 && codes.lit_len_lengths[static_cast<size_t>(header.lit_len_count - 1)] == 0) {
        --header.lit_len_count;
    }
    header.dist_count = kDistSymbols;
    while (header.dist_count > 1 && codes.dist_lengths[static_cast<size_t>(header.dist_count - 1)] == 0) {
        --header.dist_count;
    }
    // Literal/length and distance lengths form one sequence; a run may cross from one to the other.
    std::vector<uint8_t> all(codes.lit_len_lengths.begin(), codes.lit_len_lengths.begin() + header.lit_len_count);
    all.insert(all.end(), codes.dist_lengths.begin(), codes.dist_lengths.begin() + header.dist_count);
    for (size_t i = 0; i < all.size();) {
        const uint8_t value = all[i];
        size_t run = 1;
        while (i + run < all.size() && all[i + run] == value) ++run;
        i += run;
        if (value == 0) {
            while (run >= 11) {
                const size_t take = std::min<size_t>(run, 138);
                header.runs.push_back({18, static_cast<uint8_t>(take - 11)});
                run -= take;
            }
            if (run >= 3) {
                header.runs.push_back({17, static_cast<uint8_t>(run - 3)});
                run = 0;
            }
        } else {
            header.runs.push_back({value, 0});
            --run;
            while (run >= 3) {
                const size_t take = std::min<size_t>(run, 6);
                header.runs.push_back({16, static_cast<uint8_t>(take - 3)});
                run -= take;
            }
        }
        for (; run > 0; --run) header.runs.push_back({value, 0});
    }
    std::array<uint32_t, kCodeLengthSymbols> frequencies{};
    for (const auto& [symbol, extra] : header.runs) ++frequencies[symbol];
    header.code_length_lengths = HuffmanLengths(frequencies, kMaxCodeLengthBits);
    header.code_length_count = kCodeLengthSymbols;
    while (header.code_length_count > 4 &&
           header.code_length_lengths[kCodeLengthOrder[static_cast<size_t>(header.code_length_count - 1)]] == 0) {
        --header.code_length_count;
    }
    header.bits = 5 + 5 + 4 + 3 * static_cast<uint64_t>(header.code_length_count);
    for (const auto& [symbol, extra] : header.runs) {
        header.bits += header.code_length_lengths[symbol];
        header.bits += symbol == 16 ? 2 : symbol == 17 ? 3 : symbol == 18 ? 7 : 0;
    }
    return header;
}

// Bits for the block's symbols (not its header) with the given code lengths (the fixed code's
// tables are longer than the alphabet; the extra entries are never used).
uint64_t DataBits(std::span<const uint32_t> lit_len_freq, std::span<const uint32_t> dist_freq,
                  std::span<const uint8_t> lit_len_lengths, std::span<const uint8_t> dist_lengths) {
    uint64_t bits = 0;
    for (int s = 0; s < kLitLenSymbols; ++s) {
        uint64_t per_symbol = lit_len_lengths[static_cast<size_t>(s)];
        if (s > kEndOfBlock) per_symbol += kLengthExtra[static_cast<size_t>(s - 257)];
        bits += per_symbol * lit_len_freq[static_cast<size_t>(s)];
    }
    for (int s = 0; s < kDistSymbols; ++s) {
        const uint64_t per_symbol = dist_lengths[static_cast<size_t>(s)] + kDistExtra[static_cast<size_t>(s)];
        bits += per_symbol * dist_freq[static_cast<size_t>(s)];
    }
    return bits;
}

void WriteSymbols(BitWriter& writer, std::span<const Token> tokens, std::span<const uint8_t> lit_len_lengths,
                  std::span<const uint8_t> dist_lengths) {
    const std::vector<uint32_t> lit_len_codes = CanonicalCodes(lit_len_lengths);
    const std::vector<uint32_t> dist_codes = CanonicalCodes(dist_lengths);
    for (const Token& token : tokens) {
        if (token.distance == 0) {
            writer.Write(lit_len_codes[token.literal_or_length], lit_len_lengths[token.literal_or_length]);
            continue;
        }
        const size_t index = kLengthToIndex[token.literal_or_length];
        writer.Write(lit_len_codes[257 + index], lit_len_lengths[257 + index]);
        writer.Write(token.literal_or_length - kLengthBase[index], kLengthExtra[index]);
        const size_t dist_symbol = static_cast<size_t>(DistanceToSymbol(token.distance));
        writer.Write(dist_codes[dist_symbol], dist_lengths[dist_symbol]);
        writer.Write(token.distance - kDistBase[dist_symbol], kDistExtra[dist_symbol]);
    }
    writer.Write(lit_len_codes[kEndOfBlock], lit_len_lengths[kEndOfBlock]);
}

// What one way of coding a block's symbols costs with the fixed code and with its own codes.
struct HuffmanPlan {
    std::array<uint32_t, kLitLenSymbols> lit_len_freq{};
    std::array<uint32_t, kDistSymbols> dist_freq{};
    BlockCodes dynamic;
    DynamicHeader header;
    uint64_t fixed_bits = 0;     // including the 3 block-header bits
    uint64_t dynamic_bits = 0;   // including the 3 block-header bits
};

HuffmanPlan PlanHuffman(std::span<const Token> tokens) {
    HuffmanPlan plan;
    for (const Token& token : tokens) {
        if (token.distance == 0) {
            ++plan.lit_len_freq[token.literal_or_length];
        } else {
            ++plan.lit_len_freq[257 + kLengthToIndex[token.literal_or_length]];
            ++plan.dist_freq[static_cast<size_t>(DistanceToSymbol(token.distance))];
        }
    }
    plan.lit_len_freq[kEndOfBlock] = 1;
    plan.fixed_bits = 3 + DataBits(plan.lit_len_freq, plan.dist_freq, kFixedLitLenLengths, kFixedDistLengths);
    plan.dynamic.lit_len_lengths = HuffmanLengths(plan.lit_len_freq, kMaxCodeBits);
    plan.dynamic.dist_lengths = HuffmanLengths(plan.dist_freq, kMaxCodeBits);
    plan.header = BuildDynamicHeader(plan.dynamic);
    plan.dynamic_bits = 3 + plan.header.bits +
                        DataBits(plan.lit_len_freq, plan.dist_freq, plan.dynamic.lit_len_lengths, plan.dynamic.dist_lengths);
    return plan;
}

void WriteDynamicBlock(BitWriter& writer, const HuffmanPlan& plan, std::span<const Token> tokens, uint32_t final_bit) {
    const DynamicHeader& header = plan.header;
    writer.Write(final_bit, 1);
    writer.Write(2, 2);   // BTYPE 10: dynamic Huffman
    writer.Write(static_cast<uint32_t>(header.lit_len_count - 257), 5);
    writer.Write(static_cast<uint32_t>(header.dist_count - 1), 5);
    writer.Write(static_cast<uint32_t>(header.code_length_count - 4), 4);
    for (int i = 0; i < header.code_length_count; ++i) {
        writer.Write(header.code_length_lengths[kCodeLengthOrder[static_cast<size_t>(i)]], 3);
    }
    const std::vector<uint32_t> code_length_codes = CanonicalCodes(header.code_length_lengths);
    for (const auto& [symbol, extra] : header.runs) {
        writer.Write(code_length_codes[symbol], header.code_length_lengths[symbol]);
        if (symbol == 16) writer.Write(extra, 2);
        if (symbol == 17) writer.Write(extra, 3);
        if (symbol == 18) writer.Write(extra, 7);
    }
    WriteSymbols(writer, tokens, plan.dynamic.lit_len_lengths, plan.dynamic.dist_lengths);
}

// Writes one block (possibly as several stored blocks) in whichever form is smallest: stored,
// fixed or dynamic Huffman with the matches found, or dynamic Huffman of the bytes as literals
// (on nearly random data, such as packed varints, short far matches cost more than they save
// because they add length and distance codes to the header; zlib finds none there either).
void WriteBlock(BitWriter& writer, std::span<const Token> tokens, std::span<const uint8_t> raw, bool final_block) {
    // Stored: each piece of at most 65535 bytes costs a 3-bit header, padding to a byte boundary,
    // LEN and NLEN. An empty block still needs one piece.
    uint64_t stored_bits = 0;
    {
        int pending = writer.PendingBits();
        size_t left = raw.size();
        do {
            const size_t piece = std::min(left, kMaxStoredBytes);
            stored_bits += 3 + static_cast<uint64_t>((8 - (pending + 3) % 8) % 8) + 32 + 8 * static_cast<uint64_t>(piece);
            pending = 0;
            left -= piece;
        } while (left > 0);
    }
    const HuffmanPlan matched = PlanHuffman(tokens);
    std::vector<Token> literals;
    HuffmanPlan literal_only;
    // Worth a look only when there are matches and they shorten the block by less than half.
    const bool try_literals = tokens.size() < raw.size() && raw.size() < 2 * tokens.size();
    if (try_literals) {
        literals.reserve(raw.size());
        for (uint8_t byte : raw) literals.push_back({byte, 0});
        literal_only = PlanHuffman(literals);
    }

    const uint32_t final_bit = final_block ? 1 : 0;
    const uint64_t literal_bits = try_literals ? literal_only.dynamic_bits : UINT64_MAX;
    const uint64_t best_huffman = std::min({matched.fixed_bits, matched.dynamic_bits, literal_bits});
    if (stored_bits <= best_huffman) {
        size_t offset = 0;
        do {
            const size_t piece = std::min(raw.size() - offset, kMaxStoredBytes);
            const bool last_piece = offset + piece == raw.size();
            writer.Write(last_piece ? final_bit : 0, 1);
            writer.Write(0, 2);   // BTYPE 00: stored
            writer.AlignToByte();
            writer.Write(static_cast<uint32_t>(piece), 16);
            writer.Write(static_cast<uint32_t>(~piece & 0xFFFF), 16);
            writer.WriteBytes(raw.subspan(offset, piece));
            offset += piece;
        } while (offset < raw.size());
    } else if (matched.fixed_bits == best_huffman) {
        writer.Write(final_bit, 1);
        writer.Write(1, 2);   // BTYPE 01: fixed Huffman
        WriteSymbols(writer, tokens, kFixedLitLenLengths, kFixedDistLengths);
    } else if (matched.dynamic_bits == best_huffman) {
        WriteDynamicBlock(writer, matched, tokens, final_bit);
    } else {
        WriteDynamicBlock(writer, literal_only, literals, final_bit);
    }
}

}  // namespace

std::vector<uint8_t> DeflateRaw(std::span<const uint8_t> input) {
    BitWriter writer;
    Matcher matcher(input);
    std::vector<Token> tokens;
    tokens.reserve(std::min(input.size(), kTokensPerBlock) + 1);
    size_t block_start = 0;   // input offset where the current block's tokens begin
    bool wrote_final = false;
    size_t pos = 0;
    auto emit_literal = [&](size_t at) { tokens.push_back({input[at], 0}); };

    while (pos < input.size()) {
        matcher.InsertUpTo(pos);
        Match match = matcher.Find(pos, kMaxChain);
        if (match.length < kMinMatch) {
            emit_literal(pos);
            ++pos;
        } else {
            // Lazy matching: if the match one byte on is longer, this byte goes out as a literal.
            while (match.length < kLazyBelowLength && pos + 1 < input.size()) {
                matcher.InsertUpTo(pos + 1);
                const Match next = matcher.Find(pos + 1, match.length >= kGoodLength ? kMaxChain / 4 : kMaxChain);
                if (next.length <= match.length) break;
                emit_literal(pos);
                ++pos;
                match = next;
            }
            tokens.push_back({static_cast<uint16_t>(match.length), static_cast<uint16_t>(match.distance)});
            pos += static_cast<size_t>(match.length);
        }
        if (tokens.size() >= kTokensPerBlock) {
            wrote_final = pos == input.size();
            WriteBlock(writer, tokens, input.subspan(block_start, pos - block_start), wrote_final);
            tokens.clear();
            block_start = pos;
        }
    }
    // The final block; empty when the input is empty or the last full block was not marked final.
    if (!wrote_final) WriteBlock(writer, tokens, input.subspan(block_start), /*final_block=*/true);
    return writer.Finish();
}

namespace {

// =============================================================================================
// [SECTION] Decompressor
// =============================================================================================

Status Malformed(const std::string& what, size_t byte_offset) {
    return Status(StatusCode::kParseError, "deflate: " + what + " at byte " + std::to_string(byte_offset));
}

// Reads whole bytes only when it needs more bits, so after the final block the unread bits are the
// padding of the last byte read, and the byte position says exactly what was consumed.
class BitReader {
public:
    explicit BitReader(std::span<const uint8_t> bytes) : bytes_(bytes) {}

    // False when the input ends first; the caller reports it.
    bool Read(int count, uint32_t& value) {
        while (count_ < count) {
            if (pos_ >= bytes_.size()) return false;
            buffer_ |= static_cast<uint64_t>(bytes_[pos_++]) << count_;
            count_ += 8;
        }
        value = static_cast<uint32_t>(buffer_ & ((uint64_t{1} << count) - 1));
        buffer_ >>= count;
        count_ -= count;
        return true;
    }
    // Drops the rest of the current byte (stored blocks start on a byte boundary).
    void AlignToByte() {
        buffer_ = 0;
        count_ = 0;
    }
    uint32_t PendingBits() const { return static_cast<uint32_t>(buffer_); }
    // Bytes loaded so far, and the byte that holds the next unread bit (for messages).
    size_t BytePos() const { return pos_; }
    size_t BitByte() const { return pos_ - static_cast<size_t>(count_ + 7) / 8; }
    size_t Size() const { return bytes_.size(); }
    size_t BytesLeft() const { return bytes_.size() - pos_; }
    std::span<const uint8_t> TakeBytes(size_t count) {
        const std::span<const uint8_t> taken = bytes_.subspan(pos_, count);
        pos_ += count;
        return taken;
    }

private:
    std::span<const uint8_t> bytes_;
    size_t pos_ = 0;
    uint64_t buffer_ = 0;
    int count_ = 0;
};

// A canonical Huffman code as counts per length and symbols in code order (as zlib's puff.c):
// decoding walks one bit at a time, which needs no big tables and cannot index out of bounds.
struct Huffman {
    std::array<uint16_t, kMaxCodeBits + 1> count{};
    std::array<uint16_t, 288> symbol{};
};

enum class CodeShape { kComplete, kIncomplete, kOversubscribed };

CodeShape BuildHuffman(Huffman& huffman, std::span<const uint8_t> lengths) {
    huffman.count.fill(0);
    for (uint8_t length : lengths) ++huffman.count[length];
    if (huffman.count[0] == lengths.size()) return CodeShape::kIncomplete;   // no codes at all
    int left = 1;   // codes still available at the current length
    for (int bits = 1; bits <= kMaxCodeBits; ++bits) {
        left <<= 1;
        left -= huffman.count[static_cast<size_t>(bits)];
        if (left < 0) return CodeShape::kOversubscribed;
    }
    std::array<uint16_t, kMaxCodeBits + 1> offset{};
    for (int bits = 1; bits < kMaxCodeBits; ++bits) {
        offset[static_cast<size_t>(bits + 1)] =
            static_cast<uint16_t>(offset[static_cast<size_t>(bits)] + huffman.count[static_cast<size_t>(bits)]);
    }
    for (size_t s = 0; s < lengths.size(); ++s) {
        if (lengths[s] != 0) huffman.symbol[offset[lengths[s]]++] = static_cast<uint16_t>(s);
    }
    return left > 0 ? CodeShape::kIncomplete : CodeShape::kComplete;
}

// An incomplete code is accepted only as a single one-bit code (RFC 1951 allows one distance code;
// zlib accepts a lone code of either kind). Anything else incomplete is refused.
bool AcceptableShape(CodeShape shape, const Huffman& huffman, size_t symbol_count) {
    if (shape == CodeShape::kComplete) return true;
    if (shape == CodeShape::kOversubscribed) return false;
    return huffman.count[1] == 1 && huffman.count[0] == symbol_count - 1;
}

class Inflater {
public:
    Inflater(std::span<const uint8_t> compressed, size_t max_output_bytes)
        : in_(compressed), max_output_bytes_(max_output_bytes) {}

    Expected<std::vector<uint8_t>> Run() {
        bool final_block = false;
        while (!final_block) {
            uint32_t header = 0;
            block_at_ = in_.BitByte();
            if (!in_.Read(3, header)) return EndsEarly();
            final_block = (header & 1) != 0;
            Status status;
            switch (header >> 1) {
                case 0: status = StoredBlock(); break;
                case 1: status = FixedBlock(); break;
                case 2: status = DynamicBlock(); break;
                default: return Malformed("invalid block type 3", block_at_);
            }
            if (!status.ok()) return status;
        }
        if (in_.PendingBits() != 0) return Malformed("non-zero padding bits after the final block", in_.BitByte());
        if (in_.BytesLeft() > 0) {
            return Malformed(std::to_string(in_.BytesLeft()) + " unexpected bytes after the final block", in_.BytePos());
        }
        return std::move(out_);
    }

private:
    Status EndsEarly() const { return Malformed("stream ends early", in_.Size()); }

    Status TooLong() const {
        return Status(StatusCode::kLimitExceeded,
                      "deflate: the data inflates to more than the limit of " + std::to_string(max_output_bytes_) +
                          " bytes");
    }

    // Room for `count` more bytes, growing the buffer geometrically but never beyond the limit.
    bool Reserve(size_t count) {
        if (count > max_output_bytes_ - out_.size()) return false;
        const size_t needed = out_.size() + count;
        if (needed > out_.capacity()) {
            const size_t grown = std::max<size_t>({needed, out_.capacity() * 2, 4096});
            out_.reserve(std::min(grown, max_output_bytes_));
        }
        return true;
    }

    Status StoredBlock() {
        in_.AlignToByte();
        uint32_t length = 0;
        uint32_t inverted = 0;
        const size_t at = in_.BytePos();
        if (!in_.Read(16, length) || !in_.Read(16, inverted)) return EndsEarly();
        if ((length ^ 0xFFFFu) != inverted) {
            return Malformed("stored block length " + std::to_string(length) + " does not match its complement " +
                                 std::to_string(inverted),
                             at);
        }
        if (in_.BytesLeft() < length) return EndsEarly();
        if (!Reserve(length)) return TooLong();
        const std::span<const uint8_t> bytes = in_.TakeBytes(length);
        out_.insert(out_.end(), bytes.begin(), bytes.end());
        return Status::Ok();
    }

    Status FixedBlock() {
        static const std::pair<Huffman, Huffman> fixed = [] {
            std::pair<Huffman, Huffman> codes;
            BuildHuffman(codes.first, kFixedLitLenLengths);
            BuildHuffman(codes.second, kFixedDistLengths);
            return codes;
        }();
        return Codes(fixed.first, fixed.second);
    }

    Status DynamicBlock() {
        const size_t at = block_at_;   // header problems are reported where the block starts
        uint32_t hlit = 0;
        uint32_t hdist = 0;
        uint32_t hclen = 0;
        if (!in_.Read(5, hlit) || !in_.Read(5, hdist) || !in_.Read(4, hclen)) return EndsEarly();
        const size_t lit_len_count = hlit + 257;
        const size_t dist_count = hdist + 1;
        const size_t code_length_count = hclen + 4;
        if (lit_len_count > kLitLenSymbols) {
            return Malformed("dynamic block declares " + std::to_string(lit_len_count) + " length codes (at most 286)", at);
        }
        if (dist_count > kDistSymbols) {
            return Malformed("dynamic block declares " + std::to_string(dist_count) + " distance codes (at most 30)", at);
        }
        std::array<uint8_t, kCodeLengthSymbols> code_length_lengths{};
        for (size_t i = 0; i < code_length_count; ++i) {
            uint32_t length = 0;
            if (!in_.Read(3, length)) return EndsEarly();
            code_length_lengths[kCodeLengthOrder[i]] = static_cast<uint8_t>(length);
        }
        Huffman code_length_code;
        if (BuildHuffman(code_length_code, code_length_lengths) != CodeShape::kComplete) {
            return Malformed("invalid Huffman code lengths for the code-length code", at);
        }

        std::array<uint8_t, kLitLenSymbols + kDistSymbols> lengths{};
        const size_t total = lit_len_count + dist_count;
        for (size_t i = 0; i < total;) {
            int symbol = 0;
            if (Status status = Decode(code_length_code, symbol); !status.ok()) return status;
            if (symbol < 16) {
                lengths[i++] = static_cast<uint8_t>(symbol);
                continue;
            }
            uint8_t value = 0;
            uint32_t repeat = 0;
            if (symbol == 16) {
                if (i == 0) return Malformed("repeated code length with no previous length", in_.BitByte());
                value = lengths[i - 1];
                if (!in_.Read(2, repeat)) return EndsEarly();
                repeat += 3;
            } else if (symbol == 17) {
                if (!in_.Read(3, repeat)) return EndsEarly();
                repeat += 3;
            } else {
                if (!in_.Read(7, repeat)) return EndsEarly();
                repeat += 11;
            }
            if (i + repeat > total) return Malformed("code lengths repeat past the declared count", in_.BitByte());
            for (; repeat > 0; --repeat) lengths[i++] = value;
        }
        if (lengths[kEndOfBlock] == 0) return Malformed("dynamic block has no end-of-block code", in_.BitByte());

        Huffman lit_len_code;
        const std::span<const uint8_t> lit_len_lengths(lengths.data(), lit_len_count);
        if (!AcceptableShape(BuildHuffman(lit_len_code, lit_len_lengths), lit_len_code, lit_len_count)) {
            return Malformed("invalid Huffman code lengths for literals/lengths", in_.BitByte());
        }
        Huffman dist_code;
        const std::span<const uint8_t> dist_lengths(lengths.data() + lit_len_count, dist_count);
        const CodeShape dist_shape = BuildHuffman(dist_code, dist_lengths);
        const bool no_distances = dist_code.count[0] == dist_count;   // allowed: a block of literals only
        if (!no_distances && !AcceptableShape(dist_shape, dist_code, dist_count)) {
            return Malformed("invalid Huffman code lengths for distances", in_.BitByte());
        }
        return Codes(lit_len_code, dist_code);
    }

    Status Decode(const Huffman& huffman, int& symbol) {
        int code = 0;    // bits read so far, first bit most significant (Huffman codes are MSB-first)
        int first = 0;   // the first code of the current length
        int index = 0;   // where the current length's symbols start
        for (int bits = 1; bits <= kMaxCodeBits; ++bits) {
            uint32_t bit = 0;
            if (!in_.Read(1, bit)) return EndsEarly();
            code |= static_cast<int>(bit);
            const int count = huffman.count[static_cast<size_t>(bits)];
            if (code - first < count) {
                symbol = huffman.symbol[static_cast<size_t>(index + code - first)];
                return Status::Ok();
            }
            index += count;
            first = (first + count) << 1;
            code <<= 1;
        }
        return Malformed("invalid Huffman code", in_.BitByte());
    }

    Status Codes(const Huffman& lit_len_code, const Huffman& dist_code) {
        while (true) {
            int symbol = 0;
            if (Status status = Decode(lit_len_code, symbol); !status.ok()) return status;
            if (symbol < kEndOfBlock) {
                if (!Reserve(1)) return TooLong();
                out_.push_back(static_cast<uint8_t>(symbol));
                continue;
            }
            if (symbol == kEndOfBlock) return Status::Ok();
            const size_t length_index = static_cast<size_t>(symbol - 257);
            if (length_index >= kLengthBase.size()) {
                return Malformed("invalid length symbol " + std::to_string(symbol), in_.BitByte());
            }
            uint32_t extra = 0;
            if (!in_.Read(kLengthExtra[length_index], extra)) return EndsEarly();
            const size_t length = kLengthBase[length_index] + extra;

            int dist_symbol = 0;
            if (Status status = Decode(dist_code, dist_symbol); !status.ok()) return status;
            if (dist_symbol >= kDistSymbols) {
                return Malformed("invalid distance symbol " + std::to_string(dist_symbol), in_.BitByte());
            }
            if (!in_.Read(kDistExtra[static_cast<size_t>(dist_symbol)], extra)) return EndsEarly();
            const size_t distance = kDistBase[static_cast<size_t>(dist_symbol)] + extra;
            if (distance > out_.size()) {
                return Malformed("distance " + std::to_string(distance) + " too far back, only " +
                                     std::to_string(out_.size()) + " bytes of output so far",
                                 in_.BitByte());
            }
            if (!Reserve(length)) return TooLong();
            // Byte by byte: the source may overlap what is being written (a run).
            const size_t start = out_.size();
            out_.resize(start + length);
            for (size_t i = 0; i < length; ++i) out_[start + i] = out_[start - distance + i];
        }
    }

    BitReader in_;
    size_t max_output_bytes_;
    size_t block_at_ = 0;   // the byte where the current block's header starts
    std::vector<uint8_t> out_;
};

}  // namespace

Expected<std::vector<uint8_t>> InflateRaw(std::span<const uint8_t> compressed, size_t max_output_bytes) {
    return Inflater(compressed, max_output_bytes).Run();
}

}  // namespace smp
