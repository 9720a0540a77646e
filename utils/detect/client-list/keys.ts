/**
 * Everything the client list derives from the admin's secret key, and the cheap keyed hashes
 * of the prefilter. Shared by the builder (CLI) and the runtime matcher, so both compute the
 * same values from the same code.
 *
 * Sub-keys: HMAC-SHA256(key, label ‖ salt) for a label per use, where the salt is 16 random
 * bytes stored in the file (so two files made with one key share no hash values, and comparing
 * two versions of the list does not show which entries changed). The key id stored in the file
 * is HMAC-SHA256(key, "clientguard/client-list/v1/key-id"), first 8 bytes: it lets the loader
 * tell a wrong key from a damaged file and says nothing about a key of 128 bits or more.
 *
 * Prefilter hashes (32-bit, keyed, NOT cryptographic; they only decide which windows are worth
 * a SipHash):
 * - anchor(c0, c1) = fmix(fmix(((c0 << 16) | c1) ^ A0) ^ A1), its top `anchorBits` bits pick
 *   the anchor bucket;
 * - the window hash of units u[i..i+L) is a polynomial rolling hash
 *   H = Σ (u[k] + W2) · B^(i+L-1-k) mod 2^32 with a secret odd base B, read in O(1) from prefix
 *   sums, then h = fmix(fmix(H ^ L·φ ^ W0) ^ W1).
 * Recovering A0..A1 or B, W0..W2 would take a search over 64 to 128 key bits, and would still
 * only yield a membership oracle with the false-positive rate of the filters.
 */
import { hmacSha256 } from './sha256';
import { sipKey, type SipKey } from './siphash';

export interface ListKeys {
  /** SipHash-2-4 key for the exact table. */
  sip: SipKey;
  anchor0: number;
  anchor1: number;
  /** Odd multiplier of the rolling hash. */
  base: number;
  window0: number;
  window1: number;
  /** Added to every code unit before it enters the rolling hash. */
  window2: number;
}

const LABEL = 'clientguard/client-list/v1/';
const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const r = new Uint8Array(a.length + b.length);
  r.set(a);
  r.set(b, a.length);
  return r;
}

function word(b: Uint8Array, i: number): number {
  return (b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16) | (b[i + 3]! << 24)) >>> 0;
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

/** Derives the sub-keys of one list file from the admin key and the file's salt. */
export function deriveListKeys(key: Uint8Array, salt: Uint8Array): ListKeys {
  const sip = hmacSha256(key, concat(utf8(LABEL + 'siphash'), salt));
  const pre = hmacSha256(key, concat(utf8(LABEL + 'prefilter'), salt));
  return {
    sip: sipKey(sip.subarray(0, 16)),
    anchor0: word(pre, 0),
    anchor1: word(pre, 4),
    base: (word(pre, 8) | 1) >>> 0,
    window0: word(pre, 12),
    window1: word(pre, 16),
    window2: word(pre, 20),
  };
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

/** Keyed 32-bit hash of the first two units of an entry or window. */
export function anchorHash(k: ListKeys, c0: number, c1: number): number {
  return fmix32(fmix32(((c0 << 16) | c1) ^ k.anchor0) ^ k.anchor1);
}

/** Keyed 32-bit hash of a window from its rolling-hash value and its length. */
export function windowHash(k: ListKeys, rolling: number, len: number): number {
  return fmix32(fmix32(rolling ^ Math.imul(len, 0x9e3779b1) ^ k.window0) ^ k.window1);
}

/** B^len mod 2^32 for every len in 0..max. */
export function basePowers(k: ListKeys, max: number): Uint32Array {
  const p = new Uint32Array(max + 1);
  p[0] = 1;
  for (let i = 1; i <= max; i++) p[i] = Math.imul(p[i - 1]!, k.base);
  return p;
}

/**
 * Prefix sums of the rolling hash over units[0..n): out[0] = 0,
 * out[k+1] = out[k]·B + units[k] + W2, so that the hash of [i, i+L) is out[i+L] − out[i]·B^L.
 */
export function rollingPrefix(k: ListKeys, units: Uint16Array, n: number): Uint32Array {
  const out = new Uint32Array(n + 1);
  const b = k.base;
  const add = k.window2;
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
export function bloomWord(h: number, wordBits: number): number {
  return h >>> (32 - wordBits);
}
export function bloomMask(h: number): number {
  return ((1 << (h & 31)) | (1 << ((h >>> 5) & 31)) | (1 << ((h >>> 10) & 31))) >>> 0;
}
