// smp export: QR codes (ISO/IEC 18004:2015, Model 2), so a design's share link can go from the
// screen or a printout to a phone with no network and no third-party service.
//
// Byte mode only: share links are base64url in a URL fragment, which neither the numeric nor the
// alphanumeric mode can hold (they lack lower case). No ECI header is written; UTF-8 text goes out
// as its bytes, which is what common readers (phones, jsQR, ZXing) expect.
//
// Pure C++20 and integer-only, so deterministic: the same text and level give the same modules
// natively and in WebAssembly.
#pragma once

#include "core/status.h"

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace smp {

// How much of the symbol may be damaged and still read: about 7, 15, 25 and 30 % of the codewords.
enum class QrErrorCorrection { kLow, kMedium, kQuartile, kHigh };

inline constexpr int kQrMinVersion = 1;
inline constexpr int kQrMaxVersion = 40;
inline constexpr int kQrQuietZoneModules = 4;   // the light margin a reader needs around the symbol

struct QrCode {
    int size = 0;                                        // modules per side, 17 + 4 * version (21..177)
    std::vector<uint8_t> modules;                        // size * size, row-major (y * size + x), 1 = dark
    int version = 0;                                     // 1..40
    QrErrorCorrection ecc = QrErrorCorrection::kMedium;  // the level actually used (>= the one asked for)
    int mask = 0;                                        // 0..7, the data mask pattern

    // Module (x, y), x to the right and y down from the top-left corner; false (light) outside the
    // symbol, so callers can draw the quiet zone by asking beyond the edges.
    bool Dark(int x, int y) const {
        return x >= 0 && y >= 0 && x < size && y < size && modules[static_cast<size_t>(y) * size + x] != 0;
    }
};

// Encodes `text` (any bytes; UTF-8 for text) in one byte-mode segment at the smallest version that
// holds it at `min_ecc`, then raises the error correction level as far as that version still holds
// it. The mask is the one of 0..7 with the lowest penalty (N1..N4 of the standard; the first on a tie).
// Errors: kLimitExceeded when the text is longer than version 40 holds at `min_ecc` (2953 bytes at L,
// 2331 at M, 1663 at Q, 1273 at H); the message gives both sizes.
Expected<QrCode> EncodeQr(std::string_view text, QrErrorCorrection min_ecc = QrErrorCorrection::kMedium);

// The code as a standalone SVG document: one <path> of the dark modules on a white square, a
// `quiet_zone_modules` light margin, one user unit per module, shape-rendering="crispEdges" so the
// modules stay square at any scale. `quiet_zone_modules` below 0 counts as 0.
std::string QrCodeSvg(const QrCode& code, int quiet_zone_modules = kQrQuietZoneModules);

// "L", "M", "Q" or "H".
const char* QrErrorCorrectionName(QrErrorCorrection ecc);

// [SECTION] The standard's pieces, public so that tests can check them against its examples.

// Bytes one byte-mode segment can hold in `version` at `ecc` (ISO/IEC 18004 Table 7); 0 for a
// version outside 1..40.
int QrByteCapacity(int version, QrErrorCorrection ecc);

// The `ec_codewords` Reed-Solomon error correction codewords of one block of `data`: the remainder
// of data(x) * x^n divided by the generator polynomial (x - a^0)...(x - a^(n-1)) over GF(256) with
// the field polynomial x^8 + x^4 + x^3 + x^2 + 1. `ec_codewords` is 1..255.
std::vector<uint8_t> QrReedSolomon(std::span<const uint8_t> data, int ec_codewords);

// The 15 format information bits for a level and mask: 5 data bits, BCH(15,5) check bits, XORed
// with 0x5412. Bit 14 is the first placed next to the top-left finder's row.
int QrFormatBits(QrErrorCorrection ecc, int mask);

// The 18 version information bits of a version >= 7: 6 data bits and BCH(18,6) check bits.
int QrVersionBits(int version);

}  // namespace smp
