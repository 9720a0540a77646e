/**
 * The runtime client-list matcher: finds every listed entry in pasted text without holding
 * the list, only its keyed hashes (layout in ./format.ts, hashes in ./keys.ts).
 *
 * Per paste, one pass of the normaliser (./normalise.ts) writes into reused buffers the
 * normalised units, the source start of each and the keyed rolling-hash prefix sums P, and
 * tests every position as it goes:
 *   1. a Latin word character preceded by a word character cannot start an entry: skipped;
 *   2. the prefix filter at the cell of the first d0 units (d0 = min(shortest entry, depth)),
 *      read in O(1) from P: two multiplies and one word of the filter. Most positions stop
 *      here; the others become candidates.
 * Then for each candidate, left to right:
 *   3. the walk goes one unit deeper per level while the prefix filter says some entry starts
 *      that way, noting the levels at which the filter also has a whole entry, and at the last
 *      level (`depth`) reads the anchor table: the length classes of longer entries;
 *   4. for each candidate length, longest first: the end must be on a word boundary if the
 *      window ends with a word character; the keyed rolling hash of the window must hit the
 *      window Bloom filter (≈ 0.3 % false positives); only then SipHash-2-4 the window and look
 *      its value up in its exact-table bucket.
 * The first (longest) verified length is reported and the walk resumes after it, so the
 * result is leftmost-longest and non-overlapping. Work per position is bounded by the depth
 * and the number of distinct entry lengths, and SipHash runs only on the rare windows that
 * pass every filter.
 *
 * Buffers: the normaliser's arrays belong to the matcher and are reused by every scan (no
 * allocation per paste once they have grown to the usual paste size; a scan allocates only
 * the hits it reports). They never grow beyond MAX_WINDOW units: a longer text slides
 * through, the buffer keeping only the `longest entry + 2` units that undecided candidates
 * still need, so a 10 MB paste costs no more memory than a 20 KB one.
 */
import type { Matcher, MatcherHit } from '../engine';
import {
  ClientListError,
  MIN_KEY_BYTES,
  decodeBase64,
  expectedWords,
  fileChecksum,
  littleEndianWords,
  parseHeader,
  type ClientListHeader,
} from './format';
import {
  END,
  MAX_DEPTH,
  basePowers,
  deriveListKeys,
  fmix32,
  keyIdOf,
  lengthClasses,
  scaled,
} from './keys';
import type { ListKeys } from './keys';
import { Normaliser, clusterEnd, isWordUnit, type StartProbe } from './normalise';
import { sipHashUnits } from './siphash';

/** A loaded client list: opaque hash tables plus what the matcher needs to probe them. */
export interface ClientList {
  /** Number of distinct entries in the list. */
  readonly entries: number;
  /** Distinct normalised entry lengths, ascending. */
  readonly lengths: readonly number[];
  /** @internal */
  readonly keys: ListKeys;
  /** @internal prefix levels: the filter covers depths firstDepth..depth */
  readonly depth: number;
  readonly firstDepth: number;
  /** @internal prefix filter (blocked Bloom, 2 bits per cell); x >>> prefixShift is the word */
  readonly prefix: Int32Array;
  readonly prefixShift: number;
  /** @internal anchor bucket → bit set of length classes of entries longer than `depth` */
  readonly anchors: Int32Array;
  readonly anchorWords: number;
  /** @internal blocked Bloom filter over window hashes */
  readonly windows: Int32Array;
  readonly windowWords: number;
  /** @internal exact table: low halves of SipHash values, bucket b at offsets[b]..offsets[b+1] */
  readonly exact: Int32Array;
  readonly offsets: Int32Array;
  readonly exactShift: number;
  readonly exactMask: number;
  /** @internal lengths of each class of entries longer than `depth`, longest first */
  readonly classLengths: readonly (readonly number[])[];
  /** @internal 1 at index d when d ≤ depth is an entry length */
  readonly isLength: Uint8Array;
  /** @internal B^L for every L up to the longest entry */
  readonly powers: Int32Array;
  readonly maxLength: number;
}

/**
 * Reads an admin key given as hex text (the form it takes in a policy). At least 16 bytes.
 * Throws ClientListError naming the problem.
 */
export function keyFromHex(hex: string): Uint8Array {
  const t = hex.trim();
  if (!/^(?:[0-9a-fA-F]{2})+$/.test(t))
    throw new ClientListError(
      'the client-list key must be written as hex digits (an even number of them)',
    );
  const out = new Uint8Array(t.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(t.slice(2 * i, 2 * i + 2), 16);
  if (out.length < MIN_KEY_BYTES)
    throw new ClientListError(
      `the key is ${out.length} bytes; a client-list key needs at least ${MIN_KEY_BYTES} bytes`,
    );
  return out;
}

/** `x >>> shift & mask` picks the top `bits` bits, and 0 when bits is 0 (x >>> 32 is x). */
const shiftFor = (bits: number): number => (32 - bits) & 31;
const maskFor = (bits: number): number => (bits >= 32 ? -1 : 2 ** bits - 1);

/**
 * Parses a client-list file into an in-memory list, checking the format, the key id and the
 * checksum. `key` is the admin key (bytes, or hex as in a policy). Throws ClientListError with a
 * message for the admin: not a list, unsupported version, damaged or truncated, wrong key.
 */
export function loadClientList(contents: string, key: Uint8Array | string): ClientList {
  const keyBytes = typeof key === 'string' ? keyFromHex(key) : key;
  if (keyBytes.length < MIN_KEY_BYTES)
    throw new ClientListError(
      `the key is ${keyBytes.length} bytes; a client-list key needs at least ${MIN_KEY_BYTES} bytes`,
    );
  const parsed = parseHeader(contents);
  const given = keyIdOf(keyBytes);
  const checkKeyId = (h: ClientListHeader): void => {
    if (given !== h.keyId)
      throw new ClientListError(
        `the client list was hashed with a different key (list key id ${h.keyId}, given key id ${given})`,
      );
  };
  let h = parsed.header;
  checkKeyId(h);
  let bytes = decodeBase64(h.data);
  if (!bytes && parsed.raw) {
    // `data` was cut out of the JSON text; a writer that escapes characters needs a real parse.
    h = parsed.reparse();
    checkKeyId(h);
    bytes = decodeBase64(h.data);
  }
  if (!bytes) throw new ClientListError('client list is damaged: "data" is not valid base64');
  const words = expectedWords(h);
  if (bytes.length !== words * 4)
    throw new ClientListError(
      `client list is damaged or truncated: data is ${bytes.length} bytes, the header promises ${words * 4}`,
    );
  const data = littleEndianWords(bytes);
  if (fileChecksum(h, data) !== h.checksum)
    throw new ClientListError('client list is damaged: checksum mismatch');

  const prefixWords = 2 ** (h.prefixBits - 5);
  const anchorWords = h.anchorWords;
  const windowWords = h.windowWords;
  const buckets = 2 ** h.exactBits;
  const anchorAt = prefixWords;
  const windowAt = anchorAt + anchorWords;
  const sizesAt = windowAt + windowWords;
  const exactAt = sizesAt + Math.ceil(buckets / 4);

  // Bucket offsets from the bucket sizes (bytes in file order).
  const sizes = bytes.subarray(sizesAt * 4, sizesAt * 4 + buckets);
  const offsets = new Int32Array(buckets + 1);
  let total = 0;
  for (let b = 0; b < buckets; b++) {
    offsets[b] = total;
    total += sizes[b]!;
  }
  offsets[buckets] = total;
  if (total !== h.entries)
    throw new ClientListError('client list is damaged: the exact table does not add up');

  const keys = deriveListKeys(
    keyBytes,
    Uint8Array.from(h.salt.match(/../g)!, (x) => parseInt(x, 16)),
  );
  const depth = h.depth;
  const longLengths = h.lengths.filter((l) => l > depth);
  const classes = lengthClasses(longLengths);
  const classLengths: number[][] = Array.from({ length: 32 }, () => []);
  longLengths.forEach((len, i) => classLengths[classes[i]!]!.push(len));
  for (const c of classLengths) c.sort((a, b) => b - a);
  const isLength = new Uint8Array(MAX_DEPTH + 1);
  for (const l of h.lengths) if (l <= depth) isLength[l] = 1;
  const maxLength = h.lengths.length ? h.lengths[h.lengths.length - 1]! : 0;

  return {
    entries: h.entries,
    lengths: h.lengths,
    keys,
    depth,
    firstDepth: Math.min(h.lengths[0] ?? depth, depth),
    prefix: data.subarray(0, prefixWords),
    prefixShift: 37 - h.prefixBits,
    anchors: data.subarray(anchorAt, anchorAt + anchorWords),
    anchorWords,
    windows: data.subarray(windowAt, windowAt + windowWords),
    windowWords,
    exact: data.subarray(exactAt, exactAt + h.entries),
    offsets,
    exactShift: shiftFor(h.exactBits),
    exactMask: maskFor(h.exactBits),
    classLengths,
    isLength,
    powers: basePowers(keys, maxLength),
    maxLength,
  };
}

export interface ClientListMatcherOptions {
  /** Overlap priority of CLIENT_NAME hits (default 40). */
  priority?: number;
}

/**
 * Largest buffer the matcher keeps (normalised units, 14 bytes each with the hashes and the
 * candidates: about 230 KB); longer texts slide through it.
 */
export const MAX_WINDOW = 1 << 14;

/** Word class of a normalised unit: a table for the Latin, Greek and Cyrillic blocks. */
const WORD_LIMIT = 0x530;
const WORD = new Uint8Array(WORD_LIMIT);
for (let c = 0; c < WORD_LIMIT; c++) WORD[c] = isWordUnit(c) ? 1 : 0;

/** A Matcher that reports CLIENT_NAME for every listed entry in the text (original offsets). */
export function createClientListMatcher(
  list: ClientList,
  options: ClientListMatcherOptions = {},
): Matcher {
  const priority = options.priority ?? 40;
  const { keys, depth, firstDepth, prefix, prefixShift, anchors, anchorWords } = list;
  const { windows, windowWords, exact, offsets, exactShift, exactMask } = list;
  const { classLengths, isLength, powers, maxLength } = list;
  const mix = keys.mix;
  const depthKeys = keys.depthKeys;
  // The constants the rare paths use, as raw int32 (see Normaliser.consts for why).
  const K = Int32Array.of(
    mix,
    prefixShift,
    keys.anchorKey,
    keys.anchorMix,
    keys.window0,
    keys.window1,
  );
  const hasLong = maxLength > depth;
  const sip = new Uint32Array(2);
  // Enough room for the longest entry, the unit after it and the unit before the next start.
  const minWindow = Math.max(1024, 4 * (maxLength + 2));
  let norm: Normaliser | null = null;

  const isWord = (c: number): boolean => c < WORD_LIMIT && WORD[c] !== 0;

  /** True when units [s, s+len) of the buffer are a listed entry (m units are known). */
  const verify = (n: Normaliser, s: number, len: number, m: number): boolean => {
    const u = n.units;
    const end = s + len;
    if (end > m) return false;
    if (end < m && isWord(u[end]!) && isWord(u[end - 1]!)) return false;
    const p = n.prefix;
    const r = (p[end]! - Math.imul(p[s]!, powers[len]!)) | 0;
    const h = fmix32(fmix32(r ^ Math.imul(len, 0x9e3779b1) ^ K[4]!) ^ K[5]!);
    const bm = (1 << (h & 31)) | (1 << ((h >>> 5) & 31)) | (1 << ((h >>> 10) & 31));
    if ((windows[scaled(h, windowWords)]! & bm) !== bm) return false;
    sipHashUnits(keys.sip, u, s, len, sip);
    const b = (sip[0]! >>> exactShift) & exactMask;
    const lo = sip[1]! | 0;
    for (let k = offsets[b]!, e = offsets[b + 1]!; k < e; k++) if (exact[k] === lo) return true;
    return false;
  };

  /** True when the prefix filter has the cell of rolling value r under key `depthKeys[k]`. */
  const inFilter = (r: number, k: number): boolean => {
    const shift = K[1]!;
    const x = Math.imul(r ^ depthKeys[k]!, K[0]!);
    const bits = (1 << (x >>> (shift - 5))) | (1 << (x >>> (shift - 10)));
    return (prefix[x >>> shift]! & bits) === bits;
  };

  /**
   * The longest entry starting at buffer position s, whose first `firstDepth` units passed the
   * prefix filter; 0 if none.
   */
  const longestAt = (n: Normaliser, s: number, m: number): number => {
    const p = n.prefix;
    const ps = p[s]!;
    let d = firstDepth;
    let r = (p[s + d]! - Math.imul(ps, powers[d]!)) | 0;
    // Lengths up to `depth` that are whole entries here (per the filter), as a bit set.
    let terms = isLength[d]! !== 0 && inFilter(r, END + d) ? 1 << d : 0;
    while (d < depth && s + d < m) {
      const next = (p[s + d + 1]! - Math.imul(ps, powers[d + 1]!)) | 0;
      if (!inFilter(next, d + 1)) break;
      d++;
      r = next;
      if (isLength[d]! !== 0 && inFilter(r, END + d)) terms |= 1 << d;
    }
    if (d === depth && hasLong) {
      let mask = anchors[scaled(Math.imul(r ^ K[2]!, K[3]!), anchorWords)]!;
      while (mask !== 0) {
        const cls = 31 - Math.clz32(mask);
        mask &= ~(1 << cls);
        for (const len of classLengths[cls]!) if (verify(n, s, len, m)) return len;
      }
    }
    while (terms !== 0) {
      const len = 31 - Math.clz32(terms);
      terms &= ~(1 << len);
      if (verify(n, s, len, m)) return len;
    }
    return 0;
  };

  const probe: StartProbe = {
    depth: firstDepth,
    power: powers[firstDepth]!,
    key: depthKeys[firstDepth]!,
    mix,
    shift: prefixShift,
    filter: prefix,
  };

  return {
    scan(text: string, emit: (hit: MatcherHit) => void): void {
      if (list.entries === 0 || text.length === 0) return;
      const want = Math.min(MAX_WINDOW, Math.max(minWindow, text.length + 16));
      if (!norm) norm = new Normaliser(want, false, keys.base, keys.add, probe);
      else if (norm.capacity < want)
        norm.grow(Math.min(MAX_WINDOW, Math.max(want, norm.capacity * 2)));
      const n = norm;
      n.reset(text);
      // Positions before `next` are inside the last reported entry.
      let next = 0;
      try {
        for (;;) {
          const done = n.fill();
          const m = n.length;
          // Starts before `stop` can be decided now: every window from them is in the buffer
          // (and a margin of two units, which a combining mark in the next fill may rewrite).
          const stop = done ? m : m - maxLength - 2;
          const cands = n.candidates;
          const count = n.candidateCount;
          let ci = 0;
          for (; ci < count; ci++) {
            const s = cands[ci]!;
            if (s >= stop) break;
            if (s < next) continue;
            const len = longestAt(n, s, m);
            if (len === 0) continue;
            const end = s + len;
            const u = n.units;
            emit({
              type: 'CLIENT_NAME',
              start: n.starts[s]!,
              end: clusterEnd(text, n.starts[end - 1]!),
              confidence: 'validated',
              compact: String.fromCharCode.apply(null, u.subarray(s, end) as unknown as number[]),
              priority,
            });
            next = end;
          }
          if (done) break;
          // Keep the units from the first undecided start on (its word test is already done).
          const keep = Math.max(0, stop);
          n.shift(keep, ci);
          next -= keep;
          if (n.length + n.room >= n.capacity) n.grow(n.capacity * 2);
        }
      } finally {
        n.release();
        if (n.capacity > MAX_WINDOW) norm = null;
      }
    },
  };
}
