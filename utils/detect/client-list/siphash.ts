/**
 * SipHash-2-4 (Aumasson & Bernstein, 2012) with 32-bit arithmetic: the keyed PRF that decides
 * whether a window of normalised text is a listed entry.
 *
 * A 64-bit lane is kept as two uint32 halves (hi, lo) in a small state array; the inputs are
 * either bytes (for the reference test vectors) or UTF-16 code units read as little-endian
 * byte pairs straight out of the normalised text, so verifying a window allocates nothing.
 */

/** A SipHash key as four little-endian uint32 words: k0 = (w[1], w[0]), k1 = (w[3], w[2]). */
export type SipKey = Uint32Array;

/** Builds a key from 16 bytes. */
export function sipKey(bytes: Uint8Array): SipKey {
  if (bytes.length !== 16) throw new Error('SipHash key must be 16 bytes');
  const k = new Uint32Array(4);
  for (let i = 0; i < 4; i++) {
    k[i] =
      (bytes[i * 4]! |
        (bytes[i * 4 + 1]! << 8) |
        (bytes[i * 4 + 2]! << 16) |
        (bytes[i * 4 + 3]! << 24)) >>>
      0;
  }
  return k;
}

// State: v0.hi v0.lo v1.hi v1.lo v2.hi v2.lo v3.hi v3.lo
const s = new Uint32Array(8);

function init(k: SipKey): void {
  // "somepseudorandomlygeneratedbytes"
  s[0] = k[1]! ^ 0x736f6d65;
  s[1] = k[0]! ^ 0x70736575;
  s[2] = k[3]! ^ 0x646f7261;
  s[3] = k[2]! ^ 0x6e646f6d;
  s[4] = k[1]! ^ 0x6c796765;
  s[5] = k[0]! ^ 0x6e657261;
  s[6] = k[3]! ^ 0x74656462;
  s[7] = k[2]! ^ 0x79746573;
}

function rounds(n: number): void {
  let v0h = s[0]!,
    v0l = s[1]!,
    v1h = s[2]!,
    v1l = s[3]!;
  let v2h = s[4]!,
    v2l = s[5]!,
    v3h = s[6]!,
    v3l = s[7]!;
  let t: number, u: number;
  for (let r = 0; r < n; r++) {
    // v0 += v1; v1 = rotl(v1, 13); v1 ^= v0; v0 = rotl(v0, 32)
    t = (v0l + v1l) >>> 0;
    v0h = (v0h + v1h + (t < v0l ? 1 : 0)) >>> 0;
    v0l = t;
    t = (v1h << 13) | (v1l >>> 19);
    u = (v1l << 13) | (v1h >>> 19);
    v1h = (t ^ v0h) >>> 0;
    v1l = (u ^ v0l) >>> 0;
    t = v0h;
    v0h = v0l;
    v0l = t;
    // v2 += v3; v3 = rotl(v3, 16); v3 ^= v2
    t = (v2l + v3l) >>> 0;
    v2h = (v2h + v3h + (t < v2l ? 1 : 0)) >>> 0;
    v2l = t;
    t = (v3h << 16) | (v3l >>> 16);
    u = (v3l << 16) | (v3h >>> 16);
    v3h = (t ^ v2h) >>> 0;
    v3l = (u ^ v2l) >>> 0;
    // v0 += v3; v3 = rotl(v3, 21); v3 ^= v0
    t = (v0l + v3l) >>> 0;
    v0h = (v0h + v3h + (t < v0l ? 1 : 0)) >>> 0;
    v0l = t;
    t = (v3h << 21) | (v3l >>> 11);
    u = (v3l << 21) | (v3h >>> 11);
    v3h = (t ^ v0h) >>> 0;
    v3l = (u ^ v0l) >>> 0;
    // v2 += v1; v1 = rotl(v1, 17); v1 ^= v2; v2 = rotl(v2, 32)
    t = (v2l + v1l) >>> 0;
    v2h = (v2h + v1h + (t < v2l ? 1 : 0)) >>> 0;
    v2l = t;
    t = (v1h << 17) | (v1l >>> 15);
    u = (v1l << 17) | (v1h >>> 15);
    v1h = (t ^ v2h) >>> 0;
    v1l = (u ^ v2l) >>> 0;
    t = v2h;
    v2h = v2l;
    v2l = t;
  }
  s[0] = v0h;
  s[1] = v0l;
  s[2] = v1h;
  s[3] = v1l;
  s[4] = v2h;
  s[5] = v2l;
  s[6] = v3h;
  s[7] = v3l;
}

function compress(mh: number, ml: number): void {
  s[6] = s[6]! ^ mh;
  s[7] = s[7]! ^ ml;
  rounds(2);
  s[0] = s[0]! ^ mh;
  s[1] = s[1]! ^ ml;
}

function finish(out: Uint32Array): void {
  s[5] = s[5]! ^ 0xff;
  rounds(4);
  out[0] = s[0]! ^ s[2]! ^ s[4]! ^ s[6]!;
  out[1] = s[1]! ^ s[3]! ^ s[5]! ^ s[7]!;
}

/** SipHash-2-4 of `bytes`; writes the 64-bit result to out[0] (high half), out[1] (low half). */
export function sipHashBytes(k: SipKey, bytes: Uint8Array, out: Uint32Array): void {
  init(k);
  const n = bytes.length;
  const full = n & ~7;
  for (let i = 0; i < full; i += 8) {
    const ml = bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24);
    const mh = bytes[i + 4]! | (bytes[i + 5]! << 8) | (bytes[i + 6]! << 16) | (bytes[i + 7]! << 24);
    compress(mh >>> 0, ml >>> 0);
  }
  let ml = 0;
  let mh = (n & 0xff) << 24;
  for (let i = full; i < n; i++) {
    const sh = (i - full) * 8;
    if (sh < 32) ml |= bytes[i]! << sh;
    else mh |= bytes[i]! << (sh - 32);
  }
  compress(mh >>> 0, ml >>> 0);
  finish(out);
}

/**
 * SipHash-2-4 of `len` UTF-16 code units of `units` from `start`, each read as two bytes,
 * little-endian (the same value as `sipHashBytes` over those bytes).
 */
export function sipHashUnits(
  k: SipKey,
  units: Uint16Array,
  start: number,
  len: number,
  out: Uint32Array,
): void {
  init(k);
  const end = start + len;
  const full = start + (len & ~3);
  let i = start;
  for (; i < full; i += 4) {
    compress(
      (units[i + 2]! | (units[i + 3]! << 16)) >>> 0,
      (units[i]! | (units[i + 1]! << 16)) >>> 0,
    );
  }
  let ml = 0;
  let mh = ((len * 2) & 0xff) << 24;
  const rest = end - i;
  if (rest > 0) ml = units[i]!;
  if (rest > 1) ml |= units[i + 1]! << 16;
  if (rest > 2) mh |= units[i + 2]!;
  compress(mh >>> 0, ml >>> 0);
  finish(out);
}
