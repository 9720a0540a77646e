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
 * original text [srcStart[i], srcEnd[j - 1]).
 *
 * Hot path: ASCII, CJK ideographs, kana, Hangul syllables and full-width ASCII are mapped
 * inline; anything else goes through `String.prototype.normalize` once per distinct code point
 * (cached). Not handled: Hangul jamo composition and CJK compatibility ideographs outside the BMP
 * (both keep their NFKC mapping per code point, but are not composed across code points).
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

const SPACE = 0x20;
const LPAREN = 0x28;
const RPAREN = 0x29;

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

// Lazily filled table: 0 unknown, 1 joins the previous character (a mark), 2 does not.
const markTable = new Uint8Array(0x10000);
const MARK_RE = /^\p{M}$/u;

/** True if `c` (a BMP code unit) joins the character before it under NFKC. */
function joinsPrevious(c: number): boolean {
  if (c < 0x300) return false;
  let v = markTable[c]!;
  if (v === 0) {
    const ch = String.fromCharCode(c);
    v = MARK_RE.test(ch) || c === 0xff9e || c === 0xff9f ? 1 : 2;
    markTable[c] = v;
  }
  return v === 1;
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

function dropSpaceBetween(a: number, b: number): boolean {
  return (
    a === LPAREN || a === RPAREN || b === LPAREN || b === RPAREN || (isCjkUnit(a) && isCjkUnit(b))
  );
}

/** Normalises `text`, keeping the map from normalised units to original offsets. */
export function normaliseText(text: string): NormalisedText {
  const n = text.length;
  // Fast paths emit at most one unit per input unit (a pending space stands for at least one
  // input unit); the slow path grows the arrays so that this stays true for the rest.
  let cap = n + 16;
  let units = new Uint16Array(cap);
  let srcStart = new Int32Array(cap);
  let srcEnd = new Int32Array(cap);
  let m = 0;
  let last = -1;
  let pending = false;
  let wsStart = 0;
  let wsEnd = 0;

  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    const next = i + 1 < n ? text.charCodeAt(i + 1) : 0;
    let out = -1;
    if (next < 0x300 || !joinsPrevious(next)) {
      // Fast paths: one code unit in, at most one out.
      if (c < 0x80) {
        if (c >= 0x41 && c <= 0x5a) out = c + 32;
        else if (c === SPACE || (c >= 0x09 && c <= 0x0d)) {
          if (!pending) {
            pending = true;
            wsStart = i;
          }
          wsEnd = ++i;
          continue;
        } else out = c;
      } else if (
        (c >= 0x4e00 && c <= 0x9fff) ||
        (c >= 0x3400 && c <= 0x4dbf) ||
        (c >= 0xac00 && c <= 0xd7a3) ||
        (c >= 0x3041 && c <= 0x3096) ||
        (c >= 0x30a1 && c <= 0x30fa)
      ) {
        out = c;
      } else if (c >= 0xff01 && c <= 0xff5e) {
        out = c - 0xfee0;
        if (out >= 0x41 && out <= 0x5a) out += 32;
      }
    }
    if (out >= 0) {
      if (pending) {
        pending = false;
        if (last !== -1 && !dropSpaceBetween(last, out)) {
          units[m] = SPACE;
          srcStart[m] = wsStart;
          srcEnd[m] = wsEnd;
          m++;
        }
      }
      units[m] = out;
      srcStart[m] = i;
      srcEnd[m] = ++i;
      m++;
      last = out;
      continue;
    }
    if (isSpaceUnit(c)) {
      if (!pending) {
        pending = true;
        wsStart = i;
      }
      wsEnd = ++i;
      continue;
    }
    if (isIgnorableUnit(c)) {
      i++;
      continue;
    }
    // Slow path: a code point and the marks that join it, through NFKC.
    let j = i + 1;
    let cp = c;
    if (c >= 0xd800 && c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
      cp = ((c - 0xd800) << 10) + (next - 0xdc00) + 0x10000;
      j = i + 2;
    }
    let mapped: string;
    if (j < n && joinsPrevious(text.charCodeAt(j))) {
      while (j < n && joinsPrevious(text.charCodeAt(j))) j++;
      mapped = text.slice(i, j).normalize('NFKC').toLowerCase();
    } else {
      mapped = foldCodePoint(cp);
    }
    // Keep room for this expansion and for the rest of the text on the fast paths.
    const need = m + 2 * mapped.length + (n - j) + 2;
    if (need > cap) {
      cap = Math.max(need, cap * 2);
      const u = new Uint16Array(cap);
      u.set(units);
      units = u;
      const a = new Int32Array(cap);
      a.set(srcStart);
      srcStart = a;
      const b = new Int32Array(cap);
      b.set(srcEnd);
      srcEnd = b;
    }
    for (let k = 0; k < mapped.length; k++) {
      const u = mapped.charCodeAt(k);
      if (isSpaceUnit(u)) {
        if (!pending) {
          pending = true;
          wsStart = i;
        }
        wsEnd = j;
      } else if (!isIgnorableUnit(u)) {
        if (pending) {
          pending = false;
          if (last !== -1 && !dropSpaceBetween(last, u)) {
            units[m] = SPACE;
            srcStart[m] = wsStart;
            srcEnd[m] = wsEnd;
            m++;
          }
        }
        units[m] = u;
        srcStart[m] = i;
        srcEnd[m] = j;
        m++;
        last = u;
      }
    }
    i = j;
  }
  return { units, length: m, srcStart, srcEnd };
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
