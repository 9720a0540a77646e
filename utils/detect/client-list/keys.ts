/**
 * Everything the client list derives from the admin's secret key, and the cheap keyed hashes
 * of the prefilter. Shared by the builder (CLI) and the runtime matcher, so both compute the
 * same values from the same code.
 *
 * Sub-keys: HMAC-SHA256(key, "clientguard/client-list/v2/keys" ‖ salt), where the salt is 16
 * random bytes stored in the file; its first 16 bytes are the SipHash key of the exact table,
 * its last 16 a SipHash key that expands (as a PRF) into the prefilter keys. The salt makes
 * two files made with one key share no hash values (comparing two versions of the list does
 * not show which entries changed). The key id stored in the file
 * is HMAC-SHA256(key, "clientguard/client-list/v1/key-id"), first 8 bytes: it lets the loader
 * tell a wrong key from a damaged file and says nothing about a key of 128 bits or more.
 *
 * Prefilter hashes (32-bit, keyed, NOT cryptographic; they only decide which windows are worth
 * a SipHash):
 * - the rolling value of units u[i..i+L) is a polynomial hash
 *   R = Σ (u[k] + ADD) · B^(i+L-1-k) mod 2^32 with a secret odd base B and a secret ADD; the
 *   normaliser computes the prefix sums P while it writes the units, and R = P[i+L] − P[i]·B^L;
 * - the prefix cell of depth d (the first d units of an entry, d ≤ depth; and, with another
 *   key, a whole entry of d units) is read from x = (R ⊕ Kd) · M, with a secret odd M and a
 *   secret Kd per depth: its top `prefixBits` - 5 bits pick a word, the next two 5-bit fields
 *   two bits in it (see `prefixWord`);
 * - the anchor bucket (first `depth` units) is (R ⊕ KA) · MA scaled to the table size;
 * - the window hash of the whole entry is fmix(fmix(R ⊕ L·φ ⊕ W0) ⊕ W1).
 * One multiplication is enough to spread a polynomial value over the top bits (multiplicative
 * hashing); the per-depth key keeps depths apart. Recovering B, ADD, M and the Kd, or B, W0, W1
 * from a file would take a search over 96 key bits or more, and would still only yield a
 * membership oracle with the false-positive rate of the filters; the exact test is SipHash-2-4
 * with a 128-bit key.
 */
import { hmacSha256 } from './sha256';
import { sipHashBytes, sipKey, type SipKey } from './siphash';

/** Deepest prefix level the format allows (the `depth` header field). */
export const MAX_DEPTH = 8;
/**
 * `depthKeys[d]` keys the cell "some entry starts with these d units"; `depthKeys[END + d]`
 * the cell "some entry is exactly these d units" (d ≤ depth), which spares the short lengths
 * a Bloom probe at most positions.
 */
export const END = MAX_DEPTH + 1;

export interface ListKeys {
  /** SipHash-2-4 key for the exact table. */
  sip: SipKey;
  /** Odd multiplier of the rolling hash. */
  base: number;
  /** Added to every code unit before it enters the rolling hash. */
  add: number;
  /** Odd multiplier of the prefix cells. */
  mix: number;
  /** Per-depth keys of the prefix cells: d for prefixes, END + d for whole entries. */
  depthKeys: Int32Array;
  anchorKey: number;
  /** Odd multiplier of the anchor buckets. */
  anchorMix: number;
  window0: number;
  window1: number;
}

const LABEL = 'clientguard/client-list/v1/';
const LABEL2 = 'clientguard/client-list/v2/';
const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const r = new Uint8Array(a.length + b.length);
  r.set(a);
  r.set(b, a.length);
  return r;
}

/** Lower-case hex of bytes. */
export function toHex(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return s;
}

/** The key id written into a list file (16 hex digits). */
export function keyIdOf(key: Uint8Array): string {
  return toHex(hmacSha256(key, utf8(LABEL + 'key-id')).subarray(0, 8));
}

/** MurmurHash3's 32-bit finaliser (a bijection that mixes every bit). */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Derives the sub-keys of one list file from the admin key and the file's salt. */
export function deriveListKeys(key: Uint8Array, salt: Uint8Array): ListKeys {
  // One HMAC (a frame pays for it at load): its first half keys the exact table, its second
  // half a SipHash used as a PRF to expand the prefilter words, w[i] = SipHash(k2, i).
  const keys = hmacSha256(key, concat(utf8(LABEL2 + 'keys'), salt));
  const expand = sipKey(keys.subarray(16, 32));
  // Signed 32-bit values: small integers to the engine, never boxed doubles.
  const pre = new Int32Array(8);
  const out = new Uint32Array(2);
  for (let i = 0; i < 4; i++) {
    sipHashBytes(expand, Uint8Array.of(i), out);
    pre[2 * i] = out[0]!;
    pre[2 * i + 1] = out[1]!;
  }
  const depthKeys = new Int32Array(2 * END);
  for (let d = 0; d < 2 * END; d++) depthKeys[d] = fmix32(pre[3]! ^ Math.imul(d, 0x9e3779b9));
  return {
    sip: sipKey(keys.subarray(0, 16)),
    base: pre[0]! | 1,
    add: pre[1]!,
    mix: pre[2]! | 1,
    depthKeys,
    anchorKey: pre[4]!,
    anchorMix: pre[5]! | 1,
    window0: pre[6]!,
    window1: pre[7]!,
  };
}

/**
 * The prefix filter's cell for depth `d` and the rolling value `r` of the first d units: a
 * word of the 2^bits-bit filter and two bits in it (a blocked Bloom filter with k = 2). With
 * x = (r ⊕ Kd)·M, the word is the top bits - 5 bits of x and the bits the next two 5-bit
 * fields. Returns the word index; `prefixMask` gives the bits.
 */
export function prefixWord(k: ListKeys, r: number, d: number, bits: number): number {
  return Math.imul(r ^ k.depthKeys[d]!, k.mix) >>> (37 - bits);
}
export function prefixMask(k: ListKeys, r: number, d: number, bits: number): number {
  const x = Math.imul(r ^ k.depthKeys[d]!, k.mix);
  return (1 << ((x >>> (32 - bits)) & 31)) | (1 << ((x >>> (27 - bits)) & 31));
}

/** Anchor bucket for the rolling value `r` of the first `depth` units. */
export function anchorBucket(k: ListKeys, r: number, words: number): number {
  return scaled(Math.imul(r ^ k.anchorKey, k.anchorMix), words);
}

/**
 * ⌊h·n / 2^32⌋ for a 32-bit h: maps a hash onto [0, n) by its top bits, for a table of any
 * size n ≤ 2^31 (exact in doubles: both partial products stay below 2^53).
 */
export function scaled(h: number, n: number): number {
  const x = h >>> 0;
  return Math.floor((Math.floor(x / 65536) * n + Math.floor(((x & 0xffff) * n) / 65536)) / 65536);
}

/** Keyed 32-bit hash of a window from its rolling value and its length. */
export function windowHash(k: ListKeys, rolling: number, len: number): number {
  return fmix32(fmix32(rolling ^ Math.imul(len, 0x9e3779b1) ^ k.window0) ^ k.window1);
}

/** B^len mod 2^32 for every len in 0..max. */
export function basePowers(k: ListKeys, max: number): Int32Array {
  const p = new Int32Array(max + 1);
  p[0] = 1;
  for (let i = 1; i <= max; i++) p[i] = Math.imul(p[i - 1]!, k.base);
  return p;
}

/**
 * Prefix sums of the rolling hash over units[0..n): out[0] = 0,
 * out[k+1] = out[k]·B + units[k] + ADD, so that the value of [i, i+L) is out[i+L] − out[i]·B^L.
 * (The normaliser computes the same sums inline while it writes the text's units.)
 */
export function rollingPrefix(k: ListKeys, units: Uint16Array, n: number): Int32Array {
  const out = new Int32Array(n + 1);
  const b = k.base;
  const add = k.add;
  let h = 0;
  for (let i = 0; i < n; i++) {
    h = (Math.imul(h, b) + units[i]! + add) | 0;
    out[i + 1] = h;
  }
  return out;
}

/** Index of the length class of each distinct length (at most 32 classes, in length order). */
export function lengthClasses(lengths: readonly number[]): number[] {
  const d = lengths.length;
  return lengths.map((_, i) => (d <= 32 ? i : Math.floor((i * 32) / d)));
}

/** Bloom probe of the window filter: the 32-bit word index and the 3-bit mask within it. */
export function bloomWord(h: number, words: number): number {
  return scaled(h, words);
}
export function bloomMask(h: number): number {
  return ((1 << (h & 31)) | (1 << ((h >>> 5) & 31)) | (1 << ((h >>> 10) & 31))) >>> 0;
}
