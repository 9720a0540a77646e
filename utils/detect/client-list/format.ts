/**
 * The client-list file: what `clientguard clients hash` writes and what a frame loads.
 *
 * A UTF-8 JSON object (so it can travel inside a policy or managed storage as a string), with
 * `data` last so that a loader can read the small header without parsing the large string:
 *
 *   {
 *     "format": "clientguard-client-list",
 *     "version": 2,
 *     "algorithm": "nfkc-lower/hmac-sha256/siphash-2-4/prefix-anchor32-bloom3",
 *     "keyId": "<16 hex: HMAC-SHA256(key, 'clientguard/client-list/v1/key-id')[0..8]>",
 *     "salt": "<32 hex: random per file, mixed into every sub-key>",
 *     "entries": N,                      number of distinct normalised entries
 *     "lengths": [2, 3, 4, …],            distinct normalised lengths (UTF-16 units), ascending
 *     "depth": D,                        prefix levels: entries are filtered on their first
 *                                        d0..D units, d0 = min(shortest length, D)
 *     "prefixBits": p,                   log2 of the prefix filter size in bits
 *     "anchorWords": a,                  size of the anchor table (words)
 *     "windowWords": w,                  size of the window filter (words)
 *     "exactBits": x,                    log2 of the number of exact-table buckets
 *     "checksum": "<8 hex, see fileChecksum>",
 *     "data": "<base64 (RFC 4648, with padding)>"
 *   }
 *
 * `data` is a sequence of little-endian uint32 words:
 *   2^(p-5) words           prefix filter: a blocked Bloom filter (2 bits in one word) over
 *                           the keyed hashes of the first d units of every entry, for
 *                           d0 ≤ d ≤ min(D, its length), and (with other keys) of every
 *                           entry of at most D units;
 *   a words                 anchor table: bit j of word b is set when an entry longer than D
 *                           whose first D units fall in bucket b has a length in length class j
 *                           (classes of the lengths above D, at most 32);
 *   w words                 window filter: a blocked Bloom filter, 3 bits in one word per
 *                           entry, over the keyed rolling hash of (entry, length);
 *   2^x bytes (whole words) bucket sizes of the exact table, one byte per bucket;
 *   N words                 exact table: for every entry, the low 32 bits of its SipHash-2-4
 *                           value, in the bucket named by the top x bits of the high half,
 *                           sorted by the 64-bit value. A window is taken for an entry when
 *                           both match: about (bucket size)/2^32 false matches per window that
 *                           reaches this table, i.e. none in practice.
 * See ./keys.ts for the hashes and ./matcher.ts for how they are probed.
 *
 * The admin key is NOT in the file; at run time the extension takes it from the policy
 * (`clientList.key`, hex) and the CLI from `--key-file`.
 *
 * Privacy: without the key, the file shows the number of entries, the set of distinct lengths,
 * how full each table is, and per (keyed) anchor bucket which length classes occur. Every hash
 * in it is keyed (HMAC-derived sub-keys, SipHash-2-4 with a 128-bit key), so no entry, prefix
 * or length can be tested, let alone recovered, without the key; with the key, a guess can be
 * tested (that is what the matcher does), so the key must be as closely held as the list. The
 * prefix filter adds nothing a key holder could not already test with the exact table.
 *
 * Version 1 (single two-unit anchor, CRC-32) is not read any more: rebuild the list with
 * `clientguard clients hash` (the loader says so).
 */

export const FORMAT_TAG = 'clientguard-client-list';
export const FORMAT_VERSION = 2;
export const ALGORITHM = 'nfkc-lower/hmac-sha256/siphash-2-4/prefix-anchor32-bloom3';

/** Shortest and longest normalised entry (UTF-16 units) the list accepts. */
export const MIN_ENTRY_LENGTH = 2;
export const MAX_ENTRY_LENGTH = 256;
/** Shortest admin key, in bytes. */
export const MIN_KEY_BYTES = 16;

export interface ClientListHeader {
  format: string;
  version: number;
  algorithm: string;
  keyId: string;
  salt: string;
  entries: number;
  lengths: number[];
  depth: number;
  prefixBits: number;
  anchorWords: number;
  windowWords: number;
  exactBits: number;
  checksum: string;
  data: string;
}

/** The header fields that shape the tables (covered by the checksum). */
export type ClientListShape = Pick<
  ClientListHeader,
  | 'keyId'
  | 'salt'
  | 'entries'
  | 'lengths'
  | 'depth'
  | 'prefixBits'
  | 'anchorWords'
  | 'windowWords'
  | 'exactBits'
>;

/** A problem with a client-list file or its key; the message is meant for the admin. */
export class ClientListError extends Error {
  override name = 'ClientListError';
}

// ---- base64 -------------------------------------------------------------------------------

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
/** Sextet of each ASCII character, -1 for characters outside the alphabet. */
const B64_INV = new Int32Array(128).fill(-1);
for (let i = 0; i < 64; i++) B64_INV[B64.charCodeAt(i)] = i;

/** Standard base64 with padding. */
export function encodeBase64(bytes: Uint8Array): string {
  const parts: string[] = [];
  let chunk = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const v = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    chunk += B64[v >>> 18]! + B64[(v >>> 12) & 63]! + B64[(v >>> 6) & 63]! + B64[v & 63]!;
    if (chunk.length >= 8192) {
      parts.push(chunk);
      chunk = '';
    }
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const v = bytes[i]! << 16;
    chunk += B64[v >>> 18]! + B64[(v >>> 12) & 63]! + '==';
  } else if (rest === 2) {
    const v = (bytes[i]! << 16) | (bytes[i + 1]! << 8);
    chunk += B64[v >>> 18]! + B64[(v >>> 12) & 63]! + B64[(v >>> 6) & 63]! + '=';
  }
  parts.push(chunk);
  return parts.join('');
}

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

interface NativeBase64 {
  fromBase64?: (s: string) => Uint8Array;
}
interface NodeBuffer {
  from(s: string, encoding: 'base64'): Uint8Array;
}

/** Bytes of standard base64 with padding (what a strict decoder must return). */
function decodedLength(s: string): number {
  const len = s.length;
  const pad =
    len === 0 ? 0 : s.charCodeAt(len - 1) !== 0x3d ? 0 : s.charCodeAt(len - 2) === 0x3d ? 2 : 1;
  return (len / 4) * 3 - pad;
}

/**
 * Decodes standard base64 into bytes with the platform's native decoder when there is one
 * (`Uint8Array.fromBase64` in current browsers, `Buffer` in Node, `atob` in older browsers),
 * else with `decodeBase64Js`. Null if the text is not strict base64 with padding.
 *
 * The native decoders are lenient (they skip white space, Buffer any character outside the
 * alphabet), so the result must have exactly the length strict base64 of that text has: a
 * skipped character always makes it shorter. (Buffer also reads the URL-safe `-` and `_`;
 * such a file decodes to other bytes and fails its checksum.)
 */
export function decodeBase64(s: string): Uint8Array | null {
  if (s.length % 4 !== 0) return null;
  const native = (Uint8Array as unknown as NativeBase64).fromBase64;
  const buffer = (globalThis as { Buffer?: NodeBuffer }).Buffer;
  let bytes: Uint8Array;
  if (typeof native === 'function') {
    try {
      bytes = native(s);
    } catch {
      return null;
    }
  } else if (buffer && typeof buffer.from === 'function') {
    const b = buffer.from(s, 'base64');
    bytes = new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
  } else if (typeof globalThis.atob === 'function') {
    let binary: string;
    try {
      binary = globalThis.atob(s);
    } catch {
      return null;
    }
    // One byte per character; a 4-byte aligned buffer so the words can be a view.
    const out = new Uint8Array((binary.length + 3) & ~3);
    for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
    bytes = out.subarray(0, binary.length);
  } else {
    return decodeBase64Js(s);
  }
  return bytes.length === decodedLength(s) ? bytes : null;
}

/**
 * The portable decoder (older browsers): one table lookup per character, 16 characters to
 * three little-endian words per step, into a fresh 4-byte aligned buffer. Null if malformed.
 */
export function decodeBase64Js(s: string): Uint8Array | null {
  const len = s.length;
  if (len % 4 !== 0) return null;
  let pad = 0;
  if (len > 0 && s.charCodeAt(len - 1) === 0x3d) pad = s.charCodeAt(len - 2) === 0x3d ? 2 : 1;
  const n = (len / 4) * 3 - pad;
  const out = new Uint8Array((n + 3) & ~3);
  const words = new Int32Array(out.buffer, 0, out.length >> 2);
  const inv = B64_INV;
  let bad = 0;
  let seen = 0;
  let o = 0;
  let i = 0;
  // Whole 12-byte groups that lie before the last (possibly padded) quantum.
  // (On a big-endian machine every quantum takes the byte-wise loop below.)
  const groups = LITTLE_ENDIAN ? Math.floor(Math.max(0, len - 4) / 16) : 0;
  for (let g = 0; g < groups; g++, i += 16) {
    const c0 = s.charCodeAt(i);
    const c1 = s.charCodeAt(i + 1);
    const c2 = s.charCodeAt(i + 2);
    const c3 = s.charCodeAt(i + 3);
    const c4 = s.charCodeAt(i + 4);
    const c5 = s.charCodeAt(i + 5);
    const c6 = s.charCodeAt(i + 6);
    const c7 = s.charCodeAt(i + 7);
    const c8 = s.charCodeAt(i + 8);
    const c9 = s.charCodeAt(i + 9);
    const c10 = s.charCodeAt(i + 10);
    const c11 = s.charCodeAt(i + 11);
    const c12 = s.charCodeAt(i + 12);
    const c13 = s.charCodeAt(i + 13);
    const c14 = s.charCodeAt(i + 14);
    const c15 = s.charCodeAt(i + 15);
    seen |= c0 | c1 | c2 | c3 | c4 | c5 | c6 | c7 | c8 | c9 | c10 | c11 | c12 | c13 | c14 | c15;
    const v0 =
      (inv[c0 & 127]! << 18) | (inv[c1 & 127]! << 12) | (inv[c2 & 127]! << 6) | inv[c3 & 127]!;
    const v1 =
      (inv[c4 & 127]! << 18) | (inv[c5 & 127]! << 12) | (inv[c6 & 127]! << 6) | inv[c7 & 127]!;
    const v2 =
      (inv[c8 & 127]! << 18) | (inv[c9 & 127]! << 12) | (inv[c10 & 127]! << 6) | inv[c11 & 127]!;
    const v3 =
      (inv[c12 & 127]! << 18) | (inv[c13 & 127]! << 12) | (inv[c14 & 127]! << 6) | inv[c15 & 127]!;
    bad |= v0 | v1 | v2 | v3;
    // Bytes b0 b1 b2 of each quantum are v >>> 16, v >>> 8, v; words are little-endian.
    words[o++] =
      ((v0 >>> 16) & 255) | (((v0 >>> 8) & 255) << 8) | ((v0 & 255) << 16) | ((v1 >>> 16) << 24);
    words[o++] =
      ((v1 >>> 8) & 255) | ((v1 & 255) << 8) | (((v2 >>> 16) & 255) << 16) | ((v2 >>> 8) << 24);
    words[o++] = (v2 & 255) | (((v3 >>> 16) & 255) << 8) | (((v3 >>> 8) & 255) << 16) | (v3 << 24);
  }
  let b = o * 4;
  for (; i < len; i += 4) {
    const last = i + 4 === len;
    const c0 = s.charCodeAt(i);
    const c1 = s.charCodeAt(i + 1);
    const c2 = s.charCodeAt(i + 2);
    const c3 = s.charCodeAt(i + 3);
    const p2 = last && pad === 2;
    const p3 = last && pad >= 1;
    seen |= c0 | c1 | (p2 ? 0 : c2) | (p3 ? 0 : c3);
    const v =
      (inv[c0 & 127]! << 18) |
      (inv[c1 & 127]! << 12) |
      (p2 ? 0 : inv[c2 & 127]! << 6) |
      (p3 ? 0 : inv[c3 & 127]!);
    bad |= v;
    out[b++] = v >>> 16;
    if (!p2) out[b++] = (v >>> 8) & 255;
    if (!p3) out[b++] = v & 255;
  }
  if (bad < 0 || seen > 127) return null;
  return out.length === n ? out : out.subarray(0, n);
}

/**
 * The data as little-endian uint32 words (a view when the machine is little-endian and the
 * bytes are aligned, else a copy). `bytes.length` must be a multiple of 4.
 */
export function littleEndianWords(bytes: Uint8Array): Int32Array {
  const n = bytes.length >> 2;
  if (LITTLE_ENDIAN && bytes.byteOffset % 4 === 0)
    return new Int32Array(bytes.buffer, bytes.byteOffset, n);
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const w = new Int32Array(n);
  for (let i = 0; i < n; i++) w[i] = v.getInt32(i * 4, true);
  return w;
}

// ---- checksum -------------------------------------------------------------------------------

/**
 * 32-bit checksum of `words` continuing `seed`: per word h = (h ⊕ w)·0x9e3779b1, h ^= h >>> 15.
 * Every step is a bijection of h, so any change to a single word changes the result; it
 * detects damage, not tampering (a list is as trusted as the policy that carries it).
 */
export function wordChecksum(words: Int32Array | Uint32Array, seed: number): number {
  let h = seed | 0;
  for (let i = 0; i < words.length; i++) {
    h = Math.imul(h ^ words[i]!, 0x9e3779b1);
    h ^= h >>> 15;
  }
  return h >>> 0;
}

/** The seed of the data checksum: the same step over the UTF-16 units of the shape fields. */
function shapeSeed(h: ClientListShape): number {
  const fields = `${h.keyId}|${h.salt}|${h.entries}|${h.lengths.join(',')}|${h.depth}|${h.prefixBits}|${h.anchorWords}|${h.windowWords}|${h.exactBits}|`;
  let s = 0x811c9dc5;
  for (let i = 0; i < fields.length; i++) {
    s = Math.imul(s ^ fields.charCodeAt(i), 0x9e3779b1);
    s ^= s >>> 15;
  }
  return s;
}

/**
 * The value of the `checksum` field: `wordChecksum` of the data words, seeded by the shape
 * fields (`keyId|salt|…|windowWords|exactBits|`). The header
 * fields are covered because they shape the tables: a damaged salt or length list would
 * otherwise load cleanly and silently match nothing.
 */
export function fileChecksum(h: ClientListShape, words: Int32Array | Uint32Array): string {
  return wordChecksum(words, shapeSeed(h)).toString(16).padStart(8, '0');
}

// ---- header ------------------------------------------------------------------------------

const isInt = (v: unknown, min: number, max: number): v is number =>
  typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new ClientListError(
      'not a ClientGuard client list: the file is not complete JSON (truncated or damaged?)',
    );
  }
}

/**
 * The header object of a file, reading the small JSON part only when `data` is the last field
 * (as the builder writes it): then `data` is returned as the raw JSON string contents, which
 * the caller must still decode (null when the file has another shape; parse it whole).
 */
function quickHeader(contents: string): Record<string, unknown> | null {
  let end = contents.length;
  while (end > 0 && contents.charCodeAt(end - 1) <= 0x20) end--;
  if (end < 2 || contents.charCodeAt(end - 1) !== 0x7d || contents.charCodeAt(end - 2) !== 0x22)
    return null;
  // The first `"data":"`: base64 has no quotes, and the header fields before it are plain.
  const at = contents.indexOf('"data":"');
  if (at <= 0) return null;
  let obj: unknown;
  try {
    obj = JSON.parse(contents.slice(0, at) + '"data":""}');
  } catch {
    return null;
  }
  if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) return null;
  const h = obj as Record<string, unknown>;
  h.data = contents.slice(at + 8, end - 2);
  return h;
}

/** What `parseHeader` returns: the checked header and whether `data` may need JSON unescaping. */
export interface ParsedHeader {
  header: ClientListHeader;
  /** True when `data` was cut out of the JSON text without parsing it (see `reparse`). */
  raw: boolean;
  /** Parses the whole file (for a `data` string that did not decode as it was cut out). */
  reparse: () => ClientListHeader;
}

/** Parses and checks the header fields (not the data); throws ClientListError. */
export function parseHeader(contents: string): ParsedHeader {
  const quick = quickHeader(contents);
  const full = (): ClientListHeader => checkHeader(parseJson(contents));
  if (quick) {
    try {
      return { header: checkHeader(quick), raw: true, reparse: full };
    } catch {
      // Fall through: the whole file's own error (or its success) is the one to report.
    }
  }
  return { header: full(), raw: false, reparse: full };
}

function checkHeader(obj: unknown): ClientListHeader {
  if (
    typeof obj !== 'object' ||
    obj === null ||
    (obj as { format?: unknown }).format !== FORMAT_TAG
  )
    throw new ClientListError(`not a ClientGuard client list (no "format": "${FORMAT_TAG}")`);
  const h = obj as Record<string, unknown>;
  if (h.version === 1)
    throw new ClientListError(
      `client list version 1 is not supported (this build reads version ${FORMAT_VERSION}); hash the list again with 'clientguard clients hash'`,
    );
  if (h.version !== FORMAT_VERSION)
    throw new ClientListError(
      `client list version ${String(h.version)} is not supported (this build reads version ${FORMAT_VERSION})`,
    );
  if (h.algorithm !== ALGORITHM)
    throw new ClientListError(`client list algorithm "${String(h.algorithm)}" is not supported`);
  const bad = (field: string): never => {
    throw new ClientListError(`client list is damaged: field "${field}" is missing or invalid`);
  };
  if (typeof h.keyId !== 'string' || !/^[0-9a-f]{16}$/.test(h.keyId)) bad('keyId');
  if (typeof h.salt !== 'string' || !/^[0-9a-f]{32}$/.test(h.salt)) bad('salt');
  if (!isInt(h.entries, 0, 50_000_000)) bad('entries');
  if (
    !Array.isArray(h.lengths) ||
    !h.lengths.every(
      (l, i, a) => isInt(l, MIN_ENTRY_LENGTH, MAX_ENTRY_LENGTH) && (i === 0 || l > a[i - 1]),
    )
  )
    bad('lengths');
  if (!isInt(h.depth, MIN_ENTRY_LENGTH, 8)) bad('depth');
  if (!isInt(h.prefixBits, 6, 27)) bad('prefixBits');
  if (!isInt(h.anchorWords, 1, 2 ** 24)) bad('anchorWords');
  if (!isInt(h.windowWords, 1, 2 ** 24)) bad('windowWords');
  if (!isInt(h.exactBits, 0, 24)) bad('exactBits');
  if (typeof h.checksum !== 'string' || !/^[0-9a-f]{8}$/.test(h.checksum)) bad('checksum');
  if (typeof h.data !== 'string') bad('data');
  return h as unknown as ClientListHeader;
}

/** Number of data words the header promises. */
export function expectedWords(
  h: Pick<ClientListHeader, 'prefixBits' | 'anchorWords' | 'windowWords' | 'exactBits' | 'entries'>,
): number {
  return (
    2 ** (h.prefixBits - 5) +
    h.anchorWords +
    h.windowWords +
    Math.ceil(2 ** h.exactBits / 4) +
    h.entries
  );
}
