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
  type ClientListHeader,
} from './format';
import {
  anchorHash,
  bloomMask,
  bloomWord,
  deriveListKeys,
  keyIdOf,
  lengthClasses,
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
}

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
  stats.entries = list.length;

  const keys = deriveListKeys(key, salt);
  const lengths = [...new Set(list.map((u) => u.length))].sort((a, b) => a - b);
  const classOf = new Map<number, number>();
  lengthClasses(lengths).forEach((c, i) => classOf.set(lengths[i]!, c));

  const anchors = list.map((u) => anchorHash(keys, u[0]!, u[1]!));
  const anchorBits = clampBits(new Set(anchors).size * 4, 8, 18);
  const windowBits = clampBits(list.length * 16, 10, 22);
  const anchorWords = 2 ** anchorBits;
  const windowWords = 2 ** (windowBits - 5);
  const data = new Uint32Array(anchorWords + windowWords + 2 * list.length);
  const hashes = new Uint32Array(2 * list.length);
  const out = new Uint32Array(2);

  for (let e = 0; e < list.length; e++) {
    const u = list[e]!;
    data[anchors[e]! >>> (32 - anchorBits)]! |= 1 << classOf.get(u.length)!;
    const rolling = rollingPrefix(keys, u, u.length)[u.length]!;
    const h = windowHash(keys, rolling, u.length);
    data[anchorWords + bloomWord(h, windowBits - 5)]! |= bloomMask(h);
    sipHashUnits(keys.sip, u, 0, u.length, out);
    hashes[2 * e] = out[0]!;
    hashes[2 * e + 1] = out[1]!;
  }
  const order = Array.from({ length: list.length }, (_, i) => i);
  order.sort((a, b) => hashes[2 * a]! - hashes[2 * b]! || hashes[2 * a + 1]! - hashes[2 * b + 1]!);
  const tableAt = anchorWords + windowWords;
  order.forEach((src, dst) => {
    data[tableAt + 2 * dst] = hashes[2 * src]!;
    data[tableAt + 2 * dst + 1] = hashes[2 * src + 1]!;
  });

  const bytes = new Uint8Array(data.length * 4);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < data.length; i++) view.setUint32(i * 4, data[i]!, true);

  const shape = {
    keyId: keyIdOf(key),
    salt: toHex(salt),
    entries: list.length,
    lengths,
    anchorBits,
    windowBits,
  };
  const header: ClientListHeader = {
    format: FORMAT_TAG,
    version: FORMAT_VERSION,
    algorithm: ALGORITHM,
    ...shape,
    crc32: fileChecksum(shape, bytes),
    data: encodeBase64(bytes),
  };
  return { file: JSON.stringify(header) + '\n', stats };
}
