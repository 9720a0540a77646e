/**
 * Builds a client-list file from plain entries (used by `clientguard clients hash`; pure, so
 * tests and tools can call it too). The layout is documented in ./format.ts.
 */
import {
  ALGORITHM,
  ClientListError,
  FORMAT_TAG,
  FORMAT_VERSION,
  MAX_ENTRY_LENGTH,
  MIN_ENTRY_LENGTH,
  MIN_KEY_BYTES,
  encodeBase64,
  fileChecksum,
  littleEndianWords,
  type ClientListHeader,
  type ClientListShape,
} from './format';
import {
  END,
  MAX_DEPTH,
  anchorBucket,
  bloomMask,
  bloomWord,
  deriveListKeys,
  keyIdOf,
  lengthClasses,
  prefixMask,
  prefixWord,
  rollingPrefix,
  toHex,
  windowHash,
} from './keys';
import { normaliseText } from './normalise';
import { sipHashUnits } from './siphash';

export interface BuildStats {
  /** Distinct normalised entries written. */
  entries: number;
  /** Entries dropped because they normalise to one already written. */
  duplicates: number;
  /** Entries dropped because they are shorter than two characters after normalisation. */
  tooShort: number;
  /** Entries dropped because they are longer than MAX_ENTRY_LENGTH after normalisation. */
  tooLong: number;
}

export interface BuiltClientList {
  /** The file contents (JSON text). */
  file: string;
  stats: BuildStats;
}

export interface BuildOptions {
  /** 16 bytes mixed into every sub-key; random by default (tests pass a fixed one). */
  salt?: Uint8Array;
  /** Prefix levels (2 to 8, default DEFAULT_DEPTH); see ./format.ts. */
  depth?: number;
}

/**
 * Default prefix depth. Four units separate most of a real list (company names share their
 * city, person names their family name, but rarely four characters); deeper levels make the
 * prefix filter larger for little gain on the bench corpus.
 */
export const DEFAULT_DEPTH = 4;
/**
 * Prefix filter bits per distinct cell (two bits set per cell; rounded up to a power of two):
 * 8-16 % of the bits are set, so 1-3 % of the positions that start no entry pass a level. A
 * larger filter barely lowers that, and falls out of the CPU's cache.
 */
const PREFIX_BITS_PER_CELL = 12;
/** Window filter bits per entry (≈ 0.3 % false positives with 3 bits in one word). */
const WINDOW_BITS_PER_ENTRY = 16;

function checkKey(key: Uint8Array): void {
  if (key.length < MIN_KEY_BYTES)
    throw new ClientListError(
      `the key is ${key.length} bytes; a client-list key needs at least ${MIN_KEY_BYTES} bytes`,
    );
}

const clampBits = (n: number, lo: number, hi: number): number =>
  Math.min(hi, Math.max(lo, Math.ceil(Math.log2(Math.max(1, n)))));

/** Hashes `entries` (company names, contacts, account numbers…) into a client-list file. */
export function buildClientList(
  entries: Iterable<string>,
  key: Uint8Array,
  options: BuildOptions = {},
): BuiltClientList {
  checkKey(key);
  const salt = options.salt ?? globalThis.crypto.getRandomValues(new Uint8Array(16));
  if (salt.length !== 16) throw new ClientListError('the salt must be 16 bytes');
  const depth = options.depth ?? DEFAULT_DEPTH;
  if (!Number.isInteger(depth) || depth < MIN_ENTRY_LENGTH || depth > MAX_DEPTH)
    throw new ClientListError(`the prefix depth must be ${MIN_ENTRY_LENGTH} to ${MAX_DEPTH}`);
  const stats: BuildStats = { entries: 0, duplicates: 0, tooShort: 0, tooLong: 0 };

  const seen = new Set<string>();
  const list: Uint16Array[] = [];
  for (const raw of entries) {
    const n = normaliseText(raw);
    if (n.length < MIN_ENTRY_LENGTH) {
      if (raw.trim() !== '') stats.tooShort++;
      continue;
    }
    if (n.length > MAX_ENTRY_LENGTH) {
      stats.tooLong++;
      continue;
    }
    const units = n.units.slice(0, n.length);
    const s = String.fromCharCode(...units);
    if (seen.has(s)) {
      stats.duplicates++;
      continue;
    }
    seen.add(s);
    list.push(units);
  }
  const count = list.length;
  stats.entries = count;

  const keys = deriveListKeys(key, salt);
  const lengths = [...new Set(list.map((u) => u.length))].sort((a, b) => a - b);
  const d0 = Math.min(lengths[0] ?? depth, depth);
  const longLengths = lengths.filter((l) => l > depth);
  const classOf = new Map<number, number>();
  lengthClasses(longLengths).forEach((c, i) => classOf.set(longLengths[i]!, c));

  // Size the tables from the number of distinct prefixes they will hold.
  const rolling = list.map((u) => rollingPrefix(keys, u, u.length));
  const cells = new Set<number>();
  const anchors = new Set<number>();
  for (let e = 0; e < count; e++) {
    const len = list[e]!.length;
    const r = rolling[e]!;
    for (let d = d0; d <= Math.min(len, depth); d++) cells.add(d * 2 ** 32 + (r[d]! >>> 0));
    if (len <= depth) cells.add((END + len) * 2 ** 32 + (r[len]! >>> 0));
    if (len > depth) anchors.add(r[depth]! >>> 0);
  }
  const prefixBits = clampBits(cells.size * PREFIX_BITS_PER_CELL, 10, 27);
  // These two are read only on the rare paths, so they need not be powers of two.
  const anchorWords = Math.max(1, anchors.size);
  const windowWords = Math.max(32, Math.ceil((count * WINDOW_BITS_PER_ENTRY) / 32));

  // Exact table: SipHash values, bucketed by their top bits (about 4-8 per bucket).
  const hashes = new Uint32Array(2 * count);
  const out = new Uint32Array(2);
  for (let e = 0; e < count; e++) {
    sipHashUnits(keys.sip, list[e]!, 0, list[e]!.length, out);
    hashes[2 * e] = out[0]!;
    hashes[2 * e + 1] = out[1]!;
  }
  const order = Array.from({ length: count }, (_, i) => i);
  order.sort((a, b) => hashes[2 * a]! - hashes[2 * b]! || hashes[2 * a + 1]! - hashes[2 * b + 1]!);
  let exactBits = Math.max(0, clampBits(count, 0, 27) - 3);
  let sizes: Uint8Array;
  for (;;) {
    sizes = new Uint8Array(2 ** exactBits);
    let full = false;
    for (let e = 0; e < count && !full; e++) {
      const b = exactBits === 0 ? 0 : hashes[2 * e]! >>> (32 - exactBits);
      full = ++sizes[b]! === 255;
    }
    // A bucket of 255 is astronomically unlikely with a keyed PRF; split the buckets if so.
    if (!full || exactBits >= 24) break;
    exactBits++;
  }

  const prefixWords = 2 ** (prefixBits - 5);
  const sizeWords = Math.ceil(2 ** exactBits / 4);
  const anchorAt = prefixWords;
  const windowAt = anchorAt + anchorWords;
  const sizesAt = windowAt + windowWords;
  const exactAt = sizesAt + sizeWords;
  const data = new Int32Array(exactAt + count);

  for (let e = 0; e < count; e++) {
    const len = list[e]!.length;
    const r = rolling[e]!;
    for (let d = d0; d <= Math.min(len, depth); d++)
      data[prefixWord(keys, r[d]!, d, prefixBits)]! |= prefixMask(keys, r[d]!, d, prefixBits);
    if (len <= depth)
      data[prefixWord(keys, r[len]!, END + len, prefixBits)]! |= prefixMask(
        keys,
        r[len]!,
        END + len,
        prefixBits,
      );
    if (len > depth)
      data[anchorAt + anchorBucket(keys, r[depth]!, anchorWords)]! |= 1 << classOf.get(len)!;
    const h = windowHash(keys, r[len]!, len);
    data[windowAt + bloomWord(h, windowWords)]! |= bloomMask(h);
  }
  const sizeBytes = new Uint8Array(data.buffer, data.byteOffset + sizesAt * 4, sizeWords * 4);
  sizeBytes.set(sizes);
  order.forEach((src, dst) => {
    data[exactAt + dst] = hashes[2 * src + 1]!;
  });

  const bytes = new Uint8Array(data.length * 4);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < data.length; i++) view.setInt32(i * 4, data[i]!, true);
  // The sizes are bytes in file order; on a big-endian machine the loop above swapped them.
  bytes.set(sizes, sizesAt * 4);

  const shape: ClientListShape = {
    keyId: keyIdOf(key),
    salt: toHex(salt),
    entries: count,
    lengths,
    depth,
    prefixBits,
    anchorWords,
    windowWords,
    exactBits,
  };
  const header: ClientListHeader = {
    format: FORMAT_TAG,
    version: FORMAT_VERSION,
    algorithm: ALGORITHM,
    ...shape,
    checksum: fileChecksum(shape, littleEndianWords(bytes)),
    data: encodeBase64(bytes),
  };
  return { file: JSON.stringify(header) + '\n', stats };
}
