/**
 * Text normalisation shared by the client-list matcher, the admin keyword matcher and the
 * `clientguard clients hash` command, so that a listed entry and the pasted text that names it
 * turn into the same code units.
 *
 * Rules, applied in one left-to-right pass:
 * - NFKC per character cluster (a code point and the combining marks after it), then lower
 *   case: full-width `ＡＢＣ１２３（）` becomes `abc123()`, half-width katakana becomes
 *   full-width, `㈱` becomes `(株)`, `é` written as e + U+0301 becomes `é`.
 * - Zero-width and format characters (ZWSP, ZWJ/ZWNJ, word joiner, BOM, soft hyphen) are
 *   dropped, so they cannot split a name.
 * - Every run of white space (ASCII, NBSP, ideographic space U+3000, line breaks) becomes one
 *   space; a space is then dropped at either end of the text, between two CJK characters
 *   (Chinese is written without spaces, and `华为 技术` names the same company as `华为技术`),
 *   and next to a parenthesis (`华为（中国）`, `华为 (中国)` and `华为(中国)` are one name).
 *
 * Offsets: every normalised code unit records the original span [srcStart, srcEnd) of the
 * cluster (or white-space run) it came from, so a match over normalised units [i, j) covers the
 * original text [srcStart[i], srcEnd[j - 1]). The end of a unit that is not a space is always
 * `clusterEnd(text, srcStart)` (one code point and the marks that join it), which lets the
 * matcher keep only the starts.
 *
 * ## How it stays fast: one table lookup per character
 * Every BMP code unit has a 32-bit class entry (below): its kind (one unit out, white space,
 * ignorable, or "complex": a surrogate, a mark, or an NFKC expansion), whether it joins the
 * character before it, the word / CJK / parenthesis class of the unit it becomes, and the
 * difference to that unit mod 2^16. The entries live in 256-unit pages, classified lazily the
 * first time a character of the page is seen (with `String.prototype.normalize`, so the table
 * is exactly NFKC + lower case); pages with identical entries are stored once, so the ~80
 * pages of CJK ideographs (all "themselves, CJK") share one page and the table stays a few KB.
 * The scanning loop reads one entry per character and handles the one-unit case inline;
 * only complex characters (and a character followed by a combining mark) take the slow path
 * through `normalize`, once per cluster.
 *
 * The loop (`Normaliser.fill`) writes into caller-owned typed arrays and can stop when they are
 * full and resume later, so the matcher scans any text with fixed, reused buffers. For the
 * matcher it also computes the keyed rolling hash of the units it writes (see ./keys.ts) and
 * runs the matcher's first test on every position (`StartProbe`), the work every position
 * needs, while the unit is still in a register. A one-unit character is written without
 * looking ahead; when the next character is a combining mark, the write is taken back and the
 * pair takes the slow path. `normaliseText` is the same loop with fresh arrays. Not handled: Hangul jamo composition and CJK compatibility
 * ideographs outside the BMP (both keep their NFKC mapping per code point, but are not composed
 * across code points).
 */

/** A normalised text with its map back to the original. Arrays may be longer than `length`. */
export interface NormalisedText {
  units: Uint16Array;
  length: number;
  /** Original start offset (UTF-16) of the source of each normalised unit. */
  srcStart: Int32Array;
  /** Original end offset (exclusive) of the source of each normalised unit. */
  srcEnd: Int32Array;
}

// Constants of the hot loop are const enums: inlined as literals (a module-level `const` is a
// binding the optimiser loads and checks at every use).
const enum Unit {
  Space = 0x20,
  LParen = 0x28,
  RParen = 0x29,
}

/** True for characters a Latin word is made of (ASCII letters and digits, `_`, Latin-1 and
 * Latin Extended letters, Greek, Cyrillic), after normalisation. */
export function isWordUnit(c: number): boolean {
  if (c < 0x80)
    return (
      (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || c === 0x5f
    );
  if (c < 0xc0) return false;
  if (c <= 0x24f) return c !== 0xd7 && c !== 0xf7;
  return c >= 0x370 && c <= 0x52f;
}

/** True for CJK ideographs, CJK punctuation and kana (scripts written without spaces). */
export function isCjkUnit(c: number): boolean {
  return (
    (c >= 0x4e00 && c <= 0x9fff) ||
    (c >= 0x3400 && c <= 0x4dbf) ||
    (c >= 0x3000 && c <= 0x30ff) ||
    (c >= 0xf900 && c <= 0xfaff)
  );
}

function isSpaceUnit(c: number): boolean {
  return (
    c === 0x20 ||
    (c >= 0x09 && c <= 0x0d) ||
    c === 0x85 ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000
  );
}

function isIgnorableUnit(c: number): boolean {
  return c === 0xad || (c >= 0x200b && c <= 0x200d) || c === 0x2060 || c === 0xfeff || c === 0x180e;
}

// ---- the class table ------------------------------------------------------------------------

// Entry layout: bits 0-2 kind, bit 3 Joins, bits 4-6 class of the unit out (one-unit kind
// only), bits 16-31 (unit out − unit in) mod 2^16. An entry is never 0 once classified.
const enum E {
  Kind = 7,
  /** One unit out. */
  Simple = 1,
  Space = 2,
  Ignore = 3,
  /** A surrogate, a mark, or an NFKC expansion: the slow path. */
  Complex = 4,
  /** The character is a combining mark: it belongs to the cluster of the character before. */
  Joins = 8,
  /** Class bits of a normalised unit. */
  Word = 16,
  Cjk = 32,
  Paren = 64,
  Class = 112,
}

/** Class bits of a normalised unit (E.Word | E.Cjk | E.Paren). */
export function unitClass(u: number): number {
  return (
    (isWordUnit(u) ? E.Word : 0) |
    (isCjkUnit(u) ? E.Cjk : 0) |
    (u === Unit.LParen || u === Unit.RParen ? E.Paren : 0)
  );
}

const MARK_RE = /^\p{M}$/u;

function classify(c: number): number {
  if (c >= 0xd800 && c <= 0xdfff) return E.Complex;
  if (isSpaceUnit(c)) return E.Space;
  if (isIgnorableUnit(c)) return E.Ignore;
  let out = c;
  // ASCII only changes case; unified ideographs (and ext. A) and Hangul syllables are NFKC-
  // and case-stable: no need to ask `normalize` 20,000 times.
  if (c < 0x80) {
    if (c >= 0x41 && c <= 0x5a) out = c + 32;
  } else if (!(
    (c >= 0x4e00 && c <= 0x9fff) ||
    (c >= 0x3400 && c <= 0x4dbf) ||
    (c >= 0xac00 && c <= 0xd7a3)
  )) {
    const ch = String.fromCharCode(c);
    if (c >= 0x300 && (MARK_RE.test(ch) || c === 0xff9e || c === 0xff9f))
      return E.Complex | E.Joins;
    const mapped = ch.normalize('NFKC').toLowerCase();
    if (mapped.length !== 1) return E.Complex;
    out = mapped.charCodeAt(0);
    if (isSpaceUnit(out) || isIgnorableUnit(out) || (out >= 0xd800 && out <= 0xdfff))
      return E.Complex;
  }
  return E.Simple | unitClass(out) | (((out - c) & 0xffff) << 16);
}

/** Page number of each high byte (0: not classified yet; page 0 is all zero entries). */
const pageOf = new Uint16Array(256);
let table = new Int32Array(16 * 256);
let pageCount = 1;

function classifyPage(hi: number): void {
  const page = new Int32Array(256);
  for (let lo = 0; lo < 256; lo++) page[lo] = classify((hi << 8) | lo);
  for (let p = 1; p < pageCount; p++) {
    let same = true;
    for (let lo = 0; lo < 256 && same; lo++) same = table[(p << 8) | lo] === page[lo];
    if (same) {
      pageOf[hi] = p;
      return;
    }
  }
  if ((pageCount + 1) << 8 > table.length) {
    const t = new Int32Array(table.length * 2);
    t.set(table);
    table = t;
  }
  table.set(page, pageCount << 8);
  pageOf[hi] = pageCount++;
}

/** The class entry of a BMP code unit (classifying its page on first use). */
function entryOf(c: number): number {
  let e = table[(pageOf[c >>> 8]! << 8) | (c & 255)]!;
  if (e === 0) {
    classifyPage(c >>> 8);
    e = table[(pageOf[c >>> 8]! << 8) | (c & 255)]!;
  }
  return e;
}

/**
 * Where the source of a normalised unit that starts at `start` ends: one code point (a
 * surrogate pair counts as one) and the combining marks that join it.
 */
export function clusterEnd(text: string, start: number): number {
  const n = text.length;
  const c = text.charCodeAt(start);
  let j = start + 1;
  if (c >= 0xd800 && c <= 0xdbff && j < n) {
    const d = text.charCodeAt(j);
    if (d >= 0xdc00 && d <= 0xdfff) j++;
  }
  while (j < n && (entryOf(text.charCodeAt(j)) & E.Joins) !== 0) j++;
  return j;
}

// ---- the streaming normaliser -------------------------------------------------------------

/**
 * The first test of the client-list matcher, run by the normaliser on every unit it writes
 * (see ./matcher.ts): a position can start an entry when it is not inside a Latin word, and
 * when the prefix cell of the `depth` units from it is set in `filter`.
 */
export interface StartProbe {
  depth: number;
  /** B^depth of the rolling hash. */
  power: number;
  /**
   * Key and odd multiplier of the cell: with x = (R ⊕ key)·mix, the word x >>> shift and the
   * bits (x >>> (shift - 5)) & 31 and (x >>> (shift - 10)) & 31 (see ./keys.ts prefixWord).
   */
  key: number;
  mix: number;
  shift: number;
  filter: Int32Array;
}

/**
 * Normalises a text into caller-visible typed arrays, a buffer at a time.
 *
 * `reset(text)` starts a text; each `fill()` appends units at `length` until the text is done
 * or fewer than `room` slots are left, and returns true when the whole text has been read.
 * Between calls the owner may drop units from the front with `shift(k)` (the matcher keeps
 * only a window) or grow the buffers with `grow(cap)`. For every written unit k:
 * `units[k]`, `starts[k]` (source start), `ends[k]` when `ends` is kept, and the rolling hash
 * `prefix[k + 1] = prefix[k]·base + units[k] + add (mod 2^32)`. With a `StartProbe`, the
 * positions that pass it are appended to `candidates` (ascending, `candidateCount`).
 *
 * A character that stands for one unit is written at once, without looking ahead; if the
 * next character turns out to be a combining mark, the write is undone (the state before it
 * is kept in the `undo*` fields) and the pair goes through the slow path as one cluster.
 */
export class Normaliser {
  units: Uint16Array;
  starts: Int32Array;
  /**
   * Source ends, only when constructed with `trackEnds` (the matcher derives them), and only
   * where they are not `starts[k] + 1`: 0 for a one-unit character (`normaliseText` fills
   * those in).
   */
  ends: Int32Array | null;
  /** prefix[k] is the rolling hash of units [0, k) of the buffer; prefix[0] continues a text. */
  prefix: Int32Array;
  length = 0;
  candidates: Int32Array;
  candidateCount = 0;
  /** Slots kept free by `fill` (a pending space and the unit after it). */
  readonly room = 2;

  private text = '';
  private pos = 0;
  /** 1 while a run of white space waits for the next unit (a number: cheaper than a boolean). */
  private pending = 0;
  private wsStart = 0;
  private wsEnd = 0;
  /** Class bits of the last written unit, or -1 when none has been written. */
  private lastClass = -1;
  /** Word flags of the last written units, the latest in bit 0. */
  private words = 0;
  /** Source position of the last one-unit character written (-2: none), and the state before. */
  private undoAt = -2;
  private undoLength = 0;
  private undoPending = 0;
  private undoClass = -1;
  /**
   * The hash and probe constants as int32 in a typed array: read into locals, they stay raw
   * machine integers in optimised code (a number kept in an object may be a boxed double,
   * and a 32-bit key above 2^30 is one in browsers, converted again at every use).
   * [base, add, depth, power, key, mix, shift].
   */
  private readonly consts: Int32Array;
  private readonly filter: Int32Array;
  /** A probe that never runs (its depth is never reached). */
  private static readonly NO_PROBE: StartProbe = {
    depth: 0x3fffffff,
    power: 0,
    key: 0,
    mix: 0,
    shift: 0,
    filter: new Int32Array(1),
  };

  /**
   * `prefix`, when given, is a buffer of at least cap + 1 slots to use for the hashes (the
   * caller does not read them).
   */
  constructor(
    cap: number,
    trackEnds: boolean,
    base = 0,
    add = 0,
    probe?: StartProbe,
    prefix?: Int32Array,
  ) {
    this.units = new Uint16Array(cap);
    this.starts = new Int32Array(cap);
    this.ends = trackEnds ? new Int32Array(cap) : null;
    this.prefix = prefix && prefix.length > cap ? prefix : new Int32Array(cap + 1);
    this.candidates = new Int32Array(probe ? cap : 0);
    const p = probe ?? Normaliser.NO_PROBE;
    this.consts = Int32Array.of(base, add, p.depth, p.power, p.key, p.mix, p.shift);
    this.filter = p.filter;
  }

  get capacity(): number {
    return this.units.length;
  }

  /** Starts normalising `text` from its beginning into an empty buffer. */
  reset(text: string): void {
    this.text = text;
    this.pos = 0;
    this.pending = 0;
    this.wsStart = 0;
    this.wsEnd = 0;
    this.lastClass = -1;
    this.words = 0;
    this.undoAt = -2;
    this.length = 0;
    this.candidateCount = 0;
    this.prefix[0] = 0;
  }

  /** Forgets the caller's text (so a buffer does not keep a paste alive). */
  release(): void {
    this.text = '';
  }

  /**
   * Drops the first `k` units, moving the rest (and their hashes) to the front, and the
   * candidates from index `firstCandidate` on (renumbered; those before it are dropped).
   */
  shift(k: number, firstCandidate = this.candidateCount): void {
    const c = this.candidates;
    let kept = 0;
    for (let i = firstCandidate; i < this.candidateCount; i++) {
      const s = c[i]! - k;
      if (s >= 0) c[kept++] = s;
    }
    this.candidateCount = kept;
    if (k <= 0) return;
    const m = this.length;
    this.units.copyWithin(0, k, m);
    this.starts.copyWithin(0, k, m);
    this.ends?.copyWithin(0, k, m);
    this.prefix.copyWithin(0, k, m + 1);
    this.length = m - k;
    this.undoLength -= k;
    if (this.undoLength < 0) this.undoAt = -2;
  }

  /** Grows the buffers to `cap` slots, keeping their contents. */
  grow(cap: number): void {
    if (cap <= this.units.length) return;
    const u = new Uint16Array(cap);
    u.set(this.units);
    this.units = u;
    const s = new Int32Array(cap);
    s.set(this.starts);
    this.starts = s;
    if (this.ends) {
      const e = new Int32Array(cap);
      e.set(this.ends);
      this.ends = e;
    }
    if (this.prefix.length < cap + 1) {
      const p = new Int32Array(cap + 1);
      p.set(this.prefix.subarray(0, this.length + 1));
      this.prefix = p;
    }
    if (this.candidates.length > 0) {
      const c = new Int32Array(cap);
      c.set(this.candidates);
      this.candidates = c;
    }
  }

  /** True when the whole text has been read (units may still be pending in the buffer). */
  get done(): boolean {
    return this.pos >= this.text.length;
  }

  /**
   * Appends normalised units until the text is read or the buffer has fewer than `room` free
   * slots (the slow path may also stop early if one cluster does not fit). Returns `done`.
   */
  fill(): boolean {
    for (;;) {
      const r = this.fast();
      if (r !== 0) return r > 0;
      if (!this.slow()) return false;
    }
  }

  /**
   * The hot loop: one-unit characters, white space and ignorables. Returns 1 when the text is
   * done, -1 when the buffer is full, 0 at a character for the slow path (at `pos`).
   */
  private fast(): number {
    const text = this.text;
    const n = text.length;
    const units = this.units;
    const starts = this.starts;
    const ends = this.ends;
    const prefix = this.prefix;
    const cands = this.candidates;
    const limit = units.length - this.room;
    const k = this.consts;
    const base = k[0]!;
    const add = k[1]!;
    const depth = k[2]!;
    const power = k[3]!;
    const key = k[4]!;
    const mix = k[5]!;
    const shift = k[6]!;
    const filter = this.filter;
    // `1 << n` reads n mod 32, so these shifts pick the two 5-bit fields of the cell.
    const shiftA = shift - 5;
    const shiftB = shift - 10;
    // Units s and s - 1 both in a word: s (depth - 1 units back) cannot start an entry.
    const inWord = 3 << (depth - 1);
    let m = this.length;
    let h = prefix[m]!;
    let i = this.pos;
    let pending = this.pending;
    let wsStart = this.wsStart;
    let wsEnd = this.wsEnd;
    let lastClass = this.lastClass;
    let words = this.words;
    let nc = this.candidateCount;
    let undoAt = this.undoAt;
    let undoLength = this.undoLength;
    let undoPending = this.undoPending;
    let undoClass = this.undoClass;
    const tab = table;
    const pages = pageOf;
    let result = 1;

    // A character writes at most two units (a pending space and itself), so the inner loop
    // can run `(limit - m) / 2` characters without looking at the buffer size.
    outer: for (;;) {
      const stop = Math.min(n, i + ((limit - m) >> 1));
      if (i >= stop) {
        result = i >= n ? 1 : -1;
        break;
      }
      while (i < stop) {
        const c = text.charCodeAt(i);
        // An unclassified page reads as 0: kind 0 goes to the slow path, which classifies it.
        const e = tab[(pages[c >>> 8]! << 8) | (c & 255)]!;
        const kind = e & E.Kind;
        if (kind === E.Simple) {
          const out = (c + (e >>> 16)) & 0xffff;
          const cls = e & E.Class;
          undoAt = i;
          undoLength = m;
          undoPending = pending;
          undoClass = lastClass;
          if (pending !== 0) {
            pending = 0;
            if (
              lastClass >= 0 &&
              ((lastClass | cls) & E.Paren) === 0 &&
              (lastClass & cls & E.Cjk) === 0
            ) {
              units[m] = Unit.Space;
              starts[m] = wsStart;
              if (ends !== null) ends[m] = wsEnd;
              h = (Math.imul(h, base) + Unit.Space + add) | 0;
              prefix[++m] = h;
              words <<= 1;
              if (m >= depth && (words & inWord) !== inWord) {
                const x = Math.imul((h - Math.imul(prefix[m - depth]!, power)) ^ key, mix);
                const bits = (1 << (x >>> shiftA)) | (1 << (x >>> shiftB));
                if ((filter[x >>> shift]! & bits) === bits) cands[nc++] = m - depth;
              }
            }
          }
          units[m] = out;
          starts[m] = i;
          h = (Math.imul(h, base) + out + add) | 0;
          prefix[++m] = h;
          words = (words << 1) | ((cls >>> 4) & 1);
          if (m >= depth && (words & inWord) !== inWord) {
            const x = Math.imul((h - Math.imul(prefix[m - depth]!, power)) ^ key, mix);
            const bits = (1 << (x >>> shiftA)) | (1 << (x >>> shiftB));
            if ((filter[x >>> shift]! & bits) === bits) cands[nc++] = m - depth;
          }
          lastClass = cls;
          i++;
        } else if (kind === E.Space) {
          if (pending === 0) {
            pending = 1;
            wsStart = i;
          }
          wsEnd = ++i;
        } else if (kind === E.Ignore) {
          i++;
        } else {
          result = 0;
          break outer;
        }
      }
    }
    this.length = m;
    this.pos = i;
    this.pending = pending;
    this.wsStart = wsStart;
    this.wsEnd = wsEnd;
    this.lastClass = lastClass;
    this.words = words;
    this.candidateCount = nc;
    this.undoAt = undoAt;
    this.undoLength = undoLength;
    this.undoPending = undoPending;
    this.undoClass = undoClass;
    return result;
  }

  /** Writes one unit outside the hot loop (slow path), with its probe. */
  private put(u: number, cls: number, start: number, end: number): void {
    const m = this.length;
    const k = this.consts;
    const h = (Math.imul(this.prefix[m]!, k[0]!) + u + k[1]!) | 0;
    this.units[m] = u;
    this.starts[m] = start;
    if (this.ends !== null) this.ends[m] = end;
    this.prefix[m + 1] = h;
    this.length = m + 1;
    const words = (this.words << 1) | ((cls >>> 4) & 1);
    this.words = words;
    const depth = k[2]!;
    const power = k[3]!;
    const key = k[4]!;
    const mix = k[5]!;
    const shift = k[6]!;
    const filter = this.filter;
    const shiftA = shift - 5;
    const shiftB = shift - 10;
    const inWord = 3 << (depth - 1);
    if (m + 1 >= depth && (words & inWord) !== inWord) {
      const x = Math.imul((h - Math.imul(this.prefix[m + 1 - depth]!, power)) ^ key, mix);
      const bits = (1 << (x >>> shiftA)) | (1 << (x >>> shiftB));
      if ((filter[x >>> shift]! & bits) === bits)
        this.candidates[this.candidateCount++] = m + 1 - depth;
    }
  }

  /**
   * One cluster at `pos` through NFKC: a code point and the marks that join it (taking back
   * the one-unit character just written when a mark follows it). False when the buffer has no
   * room for it now (the owner should empty the buffer and call `fill` again).
   */
  private slow(): boolean {
    const text = this.text;
    const n = text.length;
    let i = this.pos;
    const e = entryOf(text.charCodeAt(i));
    // A character of a page seen for the first time: classified now, the fast loop takes it.
    if ((e & E.Kind) !== E.Complex) return true;
    if ((e & E.Joins) !== 0 && this.undoAt === i - 1) {
      // The one-unit character just written is the base of this mark: take it back, with the
      // space written before it and the candidates its writes added.
      i--;
      const back = this.length - this.undoLength;
      this.ends?.fill(0, this.undoLength, this.length);
      this.length = this.undoLength;
      this.pending = this.undoPending;
      this.lastClass = this.undoClass;
      this.words >>>= back;
      const firstGone = this.length - this.consts[2]! + 1;
      while (this.candidateCount > 0 && this.candidates[this.candidateCount - 1]! >= firstGone)
        this.candidateCount--;
      this.pos = i;
    }
    this.undoAt = -2;
    let j = i + 1;
    const c0 = text.charCodeAt(i);
    let cp = c0;
    if (c0 >= 0xd800 && c0 <= 0xdbff && j < n) {
      const c1 = text.charCodeAt(j);
      if (c1 >= 0xdc00 && c1 <= 0xdfff) {
        cp = ((c0 - 0xd800) << 10) + (c1 - 0xdc00) + 0x10000;
        j++;
      }
    }
    let mapped: string;
    if (j < n && (entryOf(text.charCodeAt(j)) & E.Joins) !== 0) {
      while (j < n && (entryOf(text.charCodeAt(j)) & E.Joins) !== 0) j++;
      mapped = text.slice(i, j).normalize('NFKC').toLowerCase();
    } else {
      mapped = foldCodePoint(cp);
    }
    // Each mapped unit may need a space before it: at most 2 × mapped.length units.
    const need = 2 * mapped.length;
    if (this.length + need > this.units.length - this.room) {
      // A nearly full buffer: let the owner empty it first. Otherwise the cluster is larger
      // than the free half (thousands of marks): grow so that it fits.
      if (this.length > this.units.length >> 1) return false;
      this.grow(this.length + need + this.room);
    }
    for (let k = 0; k < mapped.length; k++) {
      const u = mapped.charCodeAt(k);
      if (isSpaceUnit(u)) {
        if (this.pending === 0) {
          this.pending = 1;
          this.wsStart = i;
        }
        this.wsEnd = j;
      } else if (!isIgnorableUnit(u)) {
        const cls = unitClass(u);
        const last = this.lastClass;
        if (this.pending !== 0) {
          this.pending = 0;
          if (last >= 0 && ((last | cls) & E.Paren) === 0 && (last & cls & E.Cjk) === 0)
            this.put(Unit.Space, 0, this.wsStart, this.wsEnd);
        }
        this.put(u, cls, i, j);
        this.lastClass = cls;
      }
    }
    this.pos = j;
    return true;
  }
}

const foldCache = new Map<number, string>();
const FOLD_CACHE_MAX = 8192;

function foldCodePoint(cp: number): string {
  let r = foldCache.get(cp);
  if (r === undefined) {
    r = String.fromCodePoint(cp).normalize('NFKC').toLowerCase();
    if (foldCache.size >= FOLD_CACHE_MAX) foldCache.clear();
    foldCache.set(cp, r);
  }
  return r;
}

/** Hash slots `normaliseText` writes and never reads, shared by its calls up to a size. */
let scratchPrefix = new Int32Array(0);
const SCRATCH_MAX = 1 << 16;

/** Normalises `text`, keeping the map from normalised units to original offsets. */
export function normaliseText(text: string): NormalisedText {
  // One unit out per unit in on the fast paths (a pending space stands for at least one unit
  // in), so n + 16 slots rarely need to grow.
  const cap = text.length + 16;
  if (scratchPrefix.length <= cap && cap < SCRATCH_MAX)
    scratchPrefix = new Int32Array(Math.min(SCRATCH_MAX, 2 * cap + 1));
  const norm = new Normaliser(cap, true, 0, 0, undefined, scratchPrefix);
  norm.reset(text);
  while (!norm.fill()) norm.grow(norm.capacity * 2);
  norm.release();
  const { units, starts, length } = norm;
  const ends = norm.ends!;
  for (let k = 0; k < length; k++) if (ends[k] === 0) ends[k] = starts[k]! + 1;
  return { units, length, srcStart: starts, srcEnd: ends };
}

/** The normalised form of a listed entry or keyword, as a string. */
export function normaliseEntry(s: string): string {
  const r = normaliseText(s);
  let out = '';
  for (let i = 0; i < r.length; i += 4096) {
    out += String.fromCharCode(...r.units.subarray(i, Math.min(r.length, i + 4096)));
  }
  return out;
}
