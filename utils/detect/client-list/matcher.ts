/**
 * The runtime client-list matcher: finds every listed entry in pasted text without holding
 * the list, only its keyed hashes (layout in ./format.ts, hashes in ./keys.ts).
 *
 * Per paste: normalise the text once (./normalise.ts, with the map back to original offsets),
 * compute the rolling-hash prefix sums, then walk the positions left to right:
 *   1. a Latin word character preceded by a word character cannot start an entry: skip;
 *   2. the anchor table, indexed by the keyed hash of the two units at the position, gives
 *      the length classes of entries that may start here (zero for most positions);
 *   3. for each such length, longest first: the end must be on a word boundary if the window
 *      ends with a word character; the keyed rolling hash of the window must hit the window
 *      Bloom filter (false-positive rate ≈ 0.3 % at 16 bits per entry);
 *   4. only then SipHash-2-4 the window and binary-search the sorted table of 64-bit values.
 * The first (longest) verified length is reported and the walk resumes after it, so the
 * result is leftmost-longest and non-overlapping. Work per position is bounded by the number
 * of distinct entry lengths, and SipHash runs only on the rare windows that pass both filters.
 */
import type { Matcher, MatcherHit } from '../engine';
import {
  ClientListError,
  MIN_KEY_BYTES,
  decodeBase64,
  expectedWords,
  fileChecksum,
  parseHeader,
} from './format';
import {
  anchorHash,
  basePowers,
  bloomMask,
  bloomWord,
  deriveListKeys,
  keyIdOf,
  lengthClasses,
  rollingPrefix,
  windowHash,
  type ListKeys,
} from './keys';
import { isWordUnit, normaliseText } from './normalise';
import { sipHashUnits } from './siphash';

/** A loaded client list: opaque hash tables plus what the matcher needs to probe them. */
export interface ClientList {
  /** Number of distinct entries in the list. */
  readonly entries: number;
  /** Distinct normalised entry lengths, ascending. */
  readonly lengths: readonly number[];
  /** @internal */
  readonly keys: ListKeys;
  /** @internal anchor bucket → bit set of length classes */
  readonly anchors: Uint32Array;
  readonly anchorShift: number;
  /** @internal blocked Bloom filter over window hashes */
  readonly windows: Uint32Array;
  readonly windowWordBits: number;
  /** @internal sorted (hi, lo) pairs of SipHash values */
  readonly table: Uint32Array;
  /** @internal lengths of each class, longest first */
  readonly classLengths: readonly (readonly number[])[];
  /** @internal B^L for every L up to the longest entry */
  readonly powers: Uint32Array;
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

const littleEndian = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

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
  const h = parseHeader(contents);
  const given = keyIdOf(keyBytes);
  if (given !== h.keyId)
    throw new ClientListError(
      `the client list was hashed with a different key (list key id ${h.keyId}, given key id ${given})`,
    );
  const bytes = decodeBase64(h.data);
  if (!bytes) throw new ClientListError('client list is damaged: "data" is not valid base64');
  const words = expectedWords(h);
  if (bytes.length !== words * 4)
    throw new ClientListError(
      `client list is damaged or truncated: data is ${bytes.length} bytes, the header promises ${words * 4}`,
    );
  if (fileChecksum(h, bytes) !== h.crc32)
    throw new ClientListError('client list is damaged: checksum mismatch');
  const data = new Uint32Array(bytes.buffer, bytes.byteOffset, words);
  if (!littleEndian) {
    const v = new DataView(bytes.buffer, bytes.byteOffset);
    for (let i = 0; i < words; i++) data[i] = v.getUint32(i * 4, true);
  }
  const anchorWords = 2 ** h.anchorBits;
  const windowWords = 2 ** (h.windowBits - 5);

  const keys = deriveListKeys(
    keyBytes,
    Uint8Array.from(h.salt.match(/../g)!, (x) => parseInt(x, 16)),
  );
  const classes = lengthClasses(h.lengths);
  const classLengths: number[][] = Array.from({ length: 32 }, () => []);
  h.lengths.forEach((len, i) => classLengths[classes[i]!]!.push(len));
  for (const c of classLengths) c.sort((a, b) => b - a);
  const maxLen = h.lengths.length ? h.lengths[h.lengths.length - 1]! : 0;

  return {
    entries: h.entries,
    lengths: h.lengths,
    keys,
    anchors: data.subarray(0, anchorWords),
    anchorShift: 32 - h.anchorBits,
    windows: data.subarray(anchorWords, anchorWords + windowWords),
    windowWordBits: h.windowBits - 5,
    table: data.subarray(anchorWords + windowWords),
    classLengths,
    powers: basePowers(keys, maxLen),
  };
}

function tableHas(table: Uint32Array, hi: number, lo: number): boolean {
  let a = 0;
  let b = (table.length >> 1) - 1;
  while (a <= b) {
    const mid = (a + b) >> 1;
    const mh = table[2 * mid]!;
    const ml = table[2 * mid + 1]!;
    if (mh === hi && ml === lo) return true;
    if (mh < hi || (mh === hi && ml < lo)) a = mid + 1;
    else b = mid - 1;
  }
  return false;
}

export interface ClientListMatcherOptions {
  /** Overlap priority of CLIENT_NAME hits (default 40). */
  priority?: number;
}

/** A Matcher that reports CLIENT_NAME for every listed entry in the text (original offsets). */
export function createClientListMatcher(
  list: ClientList,
  options: ClientListMatcherOptions = {},
): Matcher {
  const priority = options.priority ?? 40;
  const { keys, anchors, anchorShift, windows, windowWordBits, table, classLengths, powers } = list;
  const out = new Uint32Array(2);
  return {
    scan(text: string, emit: (hit: MatcherHit) => void): void {
      if (list.entries === 0) return;
      const norm = normaliseText(text);
      const u = norm.units;
      const m = norm.length;
      if (m < 2) return;
      const prefix = rollingPrefix(keys, u, m);
      let prevWord = false;
      let i = 0;
      while (i < m - 1) {
        const c0 = u[i]!;
        const startWord = isWordUnit(c0);
        if (startWord && prevWord) {
          i++;
          continue;
        }
        prevWord = startWord;
        let mask = anchors[anchorHash(keys, c0, u[i + 1]!) >>> anchorShift]!;
        let found = 0;
        while (mask !== 0 && found === 0) {
          const cls = 31 - Math.clz32(mask);
          mask &= ~(1 << cls);
          for (const len of classLengths[cls]!) {
            const end = i + len;
            if (end > m) continue;
            if (end < m && isWordUnit(u[end]!) && isWordUnit(u[end - 1]!)) continue;
            const rolling = (prefix[end]! - Math.imul(prefix[i]!, powers[len]!)) | 0;
            const h = windowHash(keys, rolling, len);
            const bm = bloomMask(h);
            if ((windows[bloomWord(h, windowWordBits)]! & bm) >>> 0 !== bm) continue;
            sipHashUnits(keys.sip, u, i, len, out);
            if (tableHas(table, out[0]!, out[1]!)) {
              found = len;
              break;
            }
          }
        }
        if (found === 0) {
          i++;
          continue;
        }
        const end = i + found;
        emit({
          type: 'CLIENT_NAME',
          start: norm.srcStart[i]!,
          end: norm.srcEnd[end - 1]!,
          confidence: 'validated',
          compact: String.fromCharCode(...u.subarray(i, end)),
          priority,
        });
        prevWord = isWordUnit(u[end - 1]!);
        i = end;
      }
    },
  };
}
