// smp core: raw DEFLATE (RFC 1951), both directions, in portable C++.
//
// Share links carry a binary design encoding compressed with DEFLATE. zlib is not used: the same
// code runs natively and in WebAssembly, so the same input compresses to the same bytes on every
// platform (a link made in the browser and one made by the CLI are identical), and the inflater's
// limits and error messages are ours.
#pragma once

#include "core/status.h"

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace smp {

// Compresses `input` as a raw DEFLATE stream (no zlib or gzip header) that any inflater reads
// (zlib's inflateRaw, the browser's DecompressionStream("deflate-raw")).
// Guarantees: deterministic (the output depends only on the input bytes: no pointers, hash-map
// order or floating point); every block is whichever of stored, fixed-Huffman or dynamic-Huffman
// is smallest, so incompressible input grows by at most 5 bytes per 16 KiB plus 5 bytes; the last
// byte's padding bits are zero. LZ77 over a 32 KiB window with bounded hash chains and lazy
// matching, so the time is linear in the input size. Any size (16 MiB of mixed data: about 1.3 s
// natively, and zlib inflates the result).
std::vector<uint8_t> DeflateRaw(std::span<const uint8_t> input);

// Decompresses a raw DEFLATE stream: stored, fixed and dynamic blocks, everything RFC 1951 allows.
// Guarantees, for any byte string: returns the data or an error, never reads outside `compressed`,
// never loops without consuming input, never holds more than `max_output_bytes` of output (plus a
// small constant of tables).
// Strictness: the stream must end exactly with its final block: whole bytes after it and non-zero
// padding bits in its last byte are refused (a share link has one accepted tail). Huffman codes
// must be complete, except a lone one-bit code (as zlib accepts).
// Errors: kParseError for a malformed stream, with a message naming the problem and the byte
// offset ("deflate: invalid block type 3 at byte 0", "deflate: distance 40 too far back, only 3
// bytes of output so far", "deflate: stream ends early", ...); kLimitExceeded when the output
// would exceed `max_output_bytes` (the message names the limit).
Expected<std::vector<uint8_t>> InflateRaw(std::span<const uint8_t> compressed, size_t max_output_bytes);

}  // namespace smp
