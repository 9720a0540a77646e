/**
 * The client-list file: what `clientguard clients hash` writes and what a frame loads.
 *
 * A UTF-8 JSON object (so it can travel inside a policy or managed storage as a string):
 *
 *   {
 *     "format": "clientguard-client-list",
 *     "version": 1,
 *     "algorithm": "nfkc-lower/hmac-sha256/siphash-2-4/anchor32-bloom3",
 *     "keyId": "<16 hex: HMAC-SHA256(key, 'clientguard/client-list/v1/key-id')[0..8]>",
 *     "salt": "<32 hex: random per file, mixed into every sub-key>",
 *     "entries": N,                      number of distinct normalised entries
 *     "lengths": [2, 3, 4, …],            distinct normalised lengths (UTF-16 units), ascending
 *     "anchorBits": a,                   log2 of the anchor table size
 *     "windowBits": w,                   log2 of the window filter size in bits
 *     "crc32": "<8 hex: CRC-32 (IEEE) of the table-shaping header fields, then the data>",
 *     "data": "<base64 (RFC 4648, with padding)>"
 *   }
 *
 * `data` is a sequence of little-endian uint32 words:
 *   [0, 2^a)                anchor table: bit j of word b is set when an entry whose anchor
 *                           hash falls in bucket b has a length in length class j;
 *   next 2^(w-5) words      window filter: a blocked Bloom filter, 3 bits in one word per
 *                           entry, over the keyed rolling hash of (entry, length);
 *   next 2·N words          exact table: the SipHash-2-4 value of every entry as (high, low)
 *                           pairs, sorted ascending as unsigned 64-bit numbers.
 * See ./keys.ts for the hashes and ./matcher.ts for how they are probed.
 *
 * The admin key is NOT in the file; at run time the extension takes it from the policy
 * (`clientList.key`, hex) and the CLI from `--key-file`.
 *
 * Privacy: without the key, the file shows the number of entries, the set of distinct lengths,
 * how full the anchor table and the window filter are, and per anchor bucket which length
 * classes occur. Every hash in it is keyed (HMAC-derived sub-keys, SipHash-2-4 with a 128-bit
 * key), so no entry can be tested, let alone recovered, without the key; with the key, a guess
 * can be tested (that is what the matcher does), so the key must be as closely held as the list.
 */

export const FORMAT_TAG = 'clientguard-client-list';
export const FORMAT_VERSION = 1;
export const ALGORITHM = 'nfkc-lower/hmac-sha256/siphash-2-4/anchor32-bloom3';

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
  anchorBits: number;
  windowBits: number;
  crc32: string;
  data: string;
}

/** A problem with a client-list file or its key; the message is meant for the admin. */
export class ClientListError extends Error {
  override name = 'ClientListError';
}

// ---- base64 -------------------------------------------------------------------------------

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64_INV = new Int16Array(128).fill(-1);
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

/** Decodes standard base64 into a fresh (4-byte aligned) buffer; null if malformed. */
export function decodeBase64(s: string): Uint8Array | null {
  if (s.length % 4 !== 0) return null;
  let pad = 0;
  if (s.endsWith('==')) pad = 2;
  else if (s.endsWith('=')) pad = 1;
  const n = (s.length / 4) * 3 - pad;
  const out = new Uint8Array(n);
  let o = 0;
  const body = s.length - (pad ? 4 : 0);
  for (let i = 0; i < body; i += 4) {
    const a = B64_INV[s.charCodeAt(i) & 127]!;
    const b = B64_INV[s.charCodeAt(i + 1) & 127]!;
    const c = B64_INV[s.charCodeAt(i + 2) & 127]!;
    const d = B64_INV[s.charCodeAt(i + 3) & 127]!;
    if (
      (a | b | c | d) < 0 ||
      (s.charCodeAt(i) | s.charCodeAt(i + 1) | s.charCodeAt(i + 2) | s.charCodeAt(i + 3)) > 127
    )
      return null;
    const v = (a << 18) | (b << 12) | (c << 6) | d;
    out[o++] = v >>> 16;
    out[o++] = (v >>> 8) & 255;
    out[o++] = v & 255;
  }
  if (pad) {
    const i = body;
    const a = B64_INV[s.charCodeAt(i) & 127]!;
    const b = B64_INV[s.charCodeAt(i + 1) & 127]!;
    const c = pad === 1 ? B64_INV[s.charCodeAt(i + 2) & 127]! : 0;
    if ((a | b | c) < 0) return null;
    const v = (a << 18) | (b << 12) | (c << 6);
    out[o++] = v >>> 16;
    if (pad === 1) out[o++] = (v >>> 8) & 255;
  }
  return out;
}

// ---- CRC-32 (IEEE 802.3, reflected, as zlib) ----------------------------------------------

let crcTable: Uint32Array | undefined;

/** CRC-32 of bytes, as zlib computes it; `prev` continues one: crc32(b, crc32(a)) = crc32(a‖b). */
export function crc32(bytes: Uint8Array, prev = 0): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  const t = crcTable;
  let c = ~prev;
  for (let i = 0; i < bytes.length; i++) c = t[(c ^ bytes[i]!) & 255]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

// ---- header ------------------------------------------------------------------------------

const isInt = (v: unknown, min: number, max: number): v is number =>
  typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;

/** Parses and checks the header fields (not the data); throws ClientListError. */
export function parseHeader(contents: string): ClientListHeader {
  let obj: unknown;
  try {
    obj = JSON.parse(contents);
  } catch {
    throw new ClientListError(
      'not a ClientGuard client list: the file is not complete JSON (truncated or damaged?)',
    );
  }
  if (
    typeof obj !== 'object' ||
    obj === null ||
    (obj as { format?: unknown }).format !== FORMAT_TAG
  )
    throw new ClientListError(`not a ClientGuard client list (no "format": "${FORMAT_TAG}")`);
  const h = obj as Record<string, unknown>;
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
  if (!isInt(h.anchorBits, 1, 24)) bad('anchorBits');
  if (!isInt(h.windowBits, 6, 22)) bad('windowBits');
  if (typeof h.crc32 !== 'string' || !/^[0-9a-f]{8}$/.test(h.crc32)) bad('crc32');
  if (typeof h.data !== 'string') bad('data');
  return h as unknown as ClientListHeader;
}

/** Number of data words the header promises. */
export function expectedWords(
  h: Pick<ClientListHeader, 'anchorBits' | 'windowBits' | 'entries'>,
): number {
  return 2 ** h.anchorBits + 2 ** (h.windowBits - 5) + 2 * h.entries;
}

/**
 * The value of the `crc32` field: CRC-32 of `keyId|salt|entries|lengths|anchorBits|windowBits|`
 * followed by the decoded data. The header fields are covered because they shape the tables:
 * a damaged salt or length list would otherwise load cleanly and silently match nothing.
 */
export function fileChecksum(
  h: Pick<ClientListHeader, 'keyId' | 'salt' | 'entries' | 'lengths' | 'anchorBits' | 'windowBits'>,
  data: Uint8Array,
): string {
  const fields = `${h.keyId}|${h.salt}|${h.entries}|${h.lengths.join(',')}|${h.anchorBits}|${h.windowBits}|`;
  return crc32(data, crc32(new TextEncoder().encode(fields)))
    .toString(16)
    .padStart(8, '0');
}
