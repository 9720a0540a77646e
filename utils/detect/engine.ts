/**
 * The detection engine: runs every registered detector over the text, validates candidates,
 * grades them by context, resolves overlaps (the more specific / better validated claim wins)
 * and counts distinct values per type. Pure and synchronous.
 *
 * Work is bounded: text beyond `maxChars` is not scanned and the result says `truncated`, so
 * callers can take their safe path (the content script never lets truncated text through).
 *
 * ## How it stays fast (one pass, detectors woken only where they can match)
 * The results are exactly those of the simple loop "for each detector, `exec` its global regex
 * over the whole text" (tests/unit/detect/engine.test.ts keeps that loop as the reference and
 * compares). Instead of running every regex over every character, `createDetector` reads each
 * detector's pattern once (`analyzePattern`) and derives, without any hint from the detector:
 * - `alpha`: every character a match can consume. A match therefore lies inside one maximal
 *   *run* of alpha characters;
 * - `trigger`: a set of characters of which every match contains at least one (the rarest one
 *   the pattern guarantees: `@` for e-mail, `1` for mobiles, a digit for IDs and cards);
 * - `first`: the characters a match can start with, and `notPrev`: the characters a leading
 *   `(?<![…])` forbids just before the start;
 * - `minLen`: the shortest match.
 * `detect` makes one pass over the char codes. A trigger character wakes the detectors that
 * want it; each expands the run around it once (a per-detector `done` offset makes every run
 * visited at most once, so the work stays linear), drops runs shorter than `minLen`, and runs
 * its regex with the sticky flag only at positions allowed by `first` and `notPrev`. A sticky
 * match at the leftmost candidate is the match the global regex would have found, so the
 * findings are identical. A pattern the analyser does not understand (`.`, back-references,
 * `\p{…}`, case-insensitive non-ASCII, …) is not guessed at: that detector runs the plain
 * global regex over the text, as before.
 *
 * Findings are kept as small records until overlaps are resolved; only the survivors are
 * masked and turned into `Finding` objects.
 */
import type { DetectorDef } from './detector-def';
import { createClientListMatcher, type ClientList } from './client-list/matcher';
import { contextBefore, forgetCachedText } from './context';
import { createKeywordMatcher, type KeywordGroup } from './keywords';
import { DETECTORS } from './registry';
import { maskValue } from '../mask';
import type { Confidence, DetectResult, Detector, Finding, FindingType } from './types';

/**
 * A matcher that is not a regex detector: the client-list matcher, admin keywords and admin
 * patterns. It reports raw hits; the engine masks, resolves overlaps and counts them.
 */
export interface Matcher {
  /** Calls `emit` for every hit in `text`. Must be linear in the text length. */
  scan(text: string, emit: (hit: MatcherHit) => void): void;
}

export interface MatcherHit {
  type: FindingType;
  start: number;
  end: number;
  confidence: 'format' | 'validated' | 'context';
  /** Canonical value, used only for masking and distinct counting (never stored). */
  compact: string;
  /** Admin rule id for KEYWORD / CUSTOM_PATTERN hits. */
  rule?: string;
  /** Overlap priority (see DetectorDef.priority). */
  priority: number;
}

export interface DetectorOptions {
  /** Detectors to run; defaults to every registered one. */
  detectors?: readonly DetectorDef[];
  /** Extra matchers (client list, keywords, admin patterns), run after the detectors. */
  matchers?: readonly Matcher[];
  /** The organisation's client list (from `loadClientList`): adds CLIENT_NAME findings. */
  clients?: ClientList | null;
  /** Admin keyword groups: adds KEYWORD findings. */
  keywords?: readonly KeywordGroup[];
  /** Longest text scanned in one call (UTF-16 code units). Default 8 MiB of characters. */
  maxChars?: number;
}

// ---- character sets -----------------------------------------------------------------------

/** Inclusive UTF-16 code-unit ranges, sorted and disjoint: [lo0, hi0, lo1, hi1, …]. */
type Ranges = number[];

const MAX_UNIT = 0xffff;

function normalize(r: Ranges): Ranges {
  const pairs: [number, number][] = [];
  for (let i = 0; i < r.length; i += 2) pairs.push([r[i]!, r[i + 1]!]);
  pairs.sort((a, b) => a[0] - b[0]);
  const out: Ranges = [];
  for (const [lo, hi] of pairs) {
    const n = out.length;
    if (n > 0 && lo <= out[n - 1]! + 1) out[n - 1] = Math.max(out[n - 1]!, hi);
    else out.push(lo, hi);
  }
  return out;
}

function union(a: Ranges, b: Ranges): Ranges {
  return a.length === 0 ? b : b.length === 0 ? a : normalize([...a, ...b]);
}

function complement(a: Ranges, max: number): Ranges {
  const out: Ranges = [];
  let next = 0;
  for (let i = 0; i < a.length; i += 2) {
    if (a[i]! > next) out.push(next, a[i]! - 1);
    next = a[i + 1]! + 1;
  }
  if (next <= max) out.push(next, max);
  return out;
}

function rangesHas(r: Ranges, c: number): boolean {
  for (let i = 0; i < r.length; i += 2) {
    if (c < r[i]!) return false;
    if (c <= r[i + 1]!) return true;
  }
  return false;
}

const DIGIT: Ranges = [48, 57];
const WORD: Ranges = [48, 57, 65, 90, 95, 95, 97, 122];
const SPACE: Ranges = normalize([
  9, 13, 32, 32, 0xa0, 0xa0, 0x1680, 0x1680, 0x2000, 0x200a, 0x2028, 0x2029, 0x202f, 0x202f, 0x205f,
  0x205f, 0x3000, 0x3000, 0xfeff, 0xfeff,
]);

/**
 * Rough frequency of a set's characters in mixed business text; the trigger is the set with
 * the lowest weight (the rarest characters a match must contain).
 */
function weight(r: Ranges): number {
  let w = 0;
  for (let i = 0; i < r.length; i += 2) {
    for (let c = r[i]!; c <= r[i + 1]! && c <= 0x7f; c++) {
      if (c >= 97 && c <= 122) w += 'etaoinshr'.includes(String.fromCharCode(c)) ? 1 : 0.4;
      else if (c >= 65 && c <= 90) w += 0.2;
      else if (c >= 48 && c <= 57) w += 0.5;
      else if (c === 32) w += 3;
      else if (c === 10 || c === 46 || c === 44) w += 1;
      else if (c === 45) w += 0.5;
      else if (c === 64 || c === 95) w += 0.05;
      else w += 0.1;
    }
    // Everything above ASCII counts as common (CJK text is mostly ideographs).
    const lo = Math.max(r[i]!, 0x80);
    if (r[i + 1]! >= lo) w += r[i + 1]! - lo + 1;
  }
  return w;
}

// ---- pattern analysis ---------------------------------------------------------------------

/** What `analyzePattern` learns about a detector's regular expression. */
export interface PatternInfo {
  /** Shortest match (UTF-16 code units); at least 1. */
  minLen: number;
  /** Every character a match can consume. */
  alpha: Ranges;
  /** Every match contains at least one of these characters. */
  trigger: Ranges;
  /** Characters a match can start with. */
  first: Ranges;
  /** Characters that may not stand just before a match (leading negative look-behind). */
  notPrev: Ranges;
  /** Fewest ASCII digits a match contains (positions whose set holds only digits). */
  minDigits: number;
}

interface Node {
  min: number;
  max: number;
  nullable: boolean;
  first: Ranges;
  alpha: Ranges;
  req: Ranges | null;
  /** Fewest consumed characters that must be ASCII digits. */
  digits: number;
}

const EMPTY: Node = {
  min: 0,
  max: 0,
  nullable: true,
  first: [],
  alpha: [],
  req: null,
  digits: 0,
};

/** Whether every character of `r` is an ASCII digit. */
function onlyDigits(r: Ranges): boolean {
  return r.length > 0 && r[0]! >= 48 && r[r.length - 1]! <= 57;
}

/** Thrown inside the analyser for any construct it does not model; the caller falls back. */
class Unsupported extends Error {}

function setNode(r: Ranges): Node {
  return {
    min: 1,
    max: 1,
    nullable: false,
    first: r,
    alpha: r,
    req: r,
    digits: onlyDigits(r) ? 1 : 0,
  };
}

function seq(a: Node, b: Node): Node {
  let req = a.req;
  if (b.req && (!req || weight(b.req) < weight(req))) req = b.req;
  return {
    min: a.min + b.min,
    max: a.max + b.max,
    nullable: a.nullable && b.nullable,
    first: a.nullable ? union(a.first, b.first) : a.first,
    alpha: union(a.alpha, b.alpha),
    req,
    digits: a.digits + b.digits,
  };
}

function alt(a: Node, b: Node): Node {
  return {
    min: Math.min(a.min, b.min),
    max: Math.max(a.max, b.max),
    nullable: a.nullable || b.nullable,
    first: union(a.first, b.first),
    alpha: union(a.alpha, b.alpha),
    req: a.req && b.req ? union(a.req, b.req) : null,
    digits: Math.min(a.digits, b.digits),
  };
}

function repeat(a: Node, lo: number, hi: number): Node {
  if (hi === 0) return EMPTY;
  return {
    min: a.min * lo,
    max: a.max === 0 ? 0 : a.max * hi,
    nullable: lo === 0 || a.nullable,
    first: a.first,
    alpha: a.alpha,
    req: lo > 0 ? a.req : null,
    digits: a.digits * lo,
  };
}

/** Recursive-descent reader of JavaScript regex syntax, computing a `Node` per construct. */
class PatternReader {
  private pos = 0;
  private readonly unicode: boolean;
  private readonly ignoreCase: boolean;
  notPrev: Ranges = [];

  constructor(
    private readonly src: string,
    flags: string,
  ) {
    if (flags.includes('v') || flags.includes('y')) throw new Unsupported();
    this.unicode = flags.includes('u');
    this.ignoreCase = flags.includes('i');
  }

  read(): Node {
    const n = this.alternation(true);
    if (this.pos !== this.src.length) throw new Unsupported();
    return n;
  }

  private peek(): string | undefined {
    return this.src[this.pos];
  }

  private alternation(top: boolean, branchesOut?: Node[]): Node {
    let n = this.sequence(top);
    branchesOut?.push(n);
    let branches = 1;
    while (this.peek() === '|') {
      this.pos++;
      const b = this.sequence(false);
      branchesOut?.push(b);
      n = alt(n, b);
      branches++;
    }
    // A leading look-behind binds only its own alternative: with several, assume nothing.
    if (top && branches > 1) this.notPrev = [];
    return n;
  }

  private sequence(top: boolean): Node {
    let n = EMPTY;
    let leading = top;
    while (this.pos < this.src.length && this.peek() !== '|' && this.peek() !== ')') {
      const a = this.quantified(leading);
      // Only a look-behind before anything else in the top-level sequence sets `notPrev`.
      if (a.max !== 0 || a.min !== 0) leading = false;
      n = seq(n, a);
    }
    return n;
  }

  private quantified(leading: boolean): Node {
    const atom = this.atom(leading);
    const c = this.peek();
    let lo: number;
    let hi: number;
    if (c === '*') [lo, hi] = [0, Infinity];
    else if (c === '+') [lo, hi] = [1, Infinity];
    else if (c === '?') [lo, hi] = [0, 1];
    else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(this.src.slice(this.pos));
      if (!m) return atom;
      lo = Number(m[1]);
      hi = m[2] === undefined ? lo : m[3] === '' ? Infinity : Number(m[3]);
      this.pos += m[0].length - 1;
    } else return atom;
    this.pos++;
    if (this.peek() === '?') this.pos++;
    return atom.max === 0 ? EMPTY : repeat(atom, lo, hi);
  }

  private atom(leading: boolean): Node {
    const c = this.src[this.pos++]!;
    switch (c) {
      case '(':
        return this.group(leading);
      case '[':
        return setNode(this.fold(this.charClass()));
      case '\\':
        return this.escape(false);
      case '.':
        throw new Unsupported();
      case '^':
      case '$':
        return EMPTY;
      case '*':
      case '+':
      case '?':
      case ')':
        throw new Unsupported();
      default: {
        const code = c.charCodeAt(0);
        return setNode(this.fold([code, code]));
      }
    }
  }

  private group(leading: boolean): Node {
    let look: 'ahead' | 'behind' | 'negbehind' | null = null;
    if (this.src.startsWith('?:', this.pos)) this.pos += 2;
    else if (this.src.startsWith('?=', this.pos) || this.src.startsWith('?!', this.pos)) {
      this.pos += 2;
      look = 'ahead';
    } else if (this.src.startsWith('?<=', this.pos)) {
      this.pos += 3;
      look = 'behind';
    } else if (this.src.startsWith('?<!', this.pos)) {
      this.pos += 3;
      look = 'negbehind';
    } else if (this.src.startsWith('?<', this.pos)) {
      const close = this.src.indexOf('>', this.pos);
      if (close < 0) throw new Unsupported();
      this.pos = close + 1;
    } else if (this.peek() === '?') throw new Unsupported();
    const branches: Node[] = [];
    const inner = this.alternation(false, branches);
    if (this.src[this.pos++] !== ')') throw new Unsupported();
    if (look === null) return inner;
    // A look-around consumes nothing. `(?<![set]|…)` in front of the pattern tells which
    // characters may not precede a match: each one-character alternative of the look-behind
    // rejects the candidates after its characters without running the regex.
    if (look === 'negbehind' && leading) {
      for (const b of branches)
        if (b.min === 1 && b.max === 1 && !b.nullable) this.notPrev = union(this.notPrev, b.alpha);
    }
    return EMPTY;
  }

  /** Case variants under the `i` flag; only ASCII is modelled. */
  private fold(r: Ranges): Ranges {
    if (this.unicode) {
      for (let i = 0; i < r.length; i += 2)
        if (r[i + 1]! >= 0xd800 && r[i]! <= 0xdfff) throw new Unsupported();
    }
    if (!this.ignoreCase) return r;
    if (r.length > 0 && r[r.length - 1]! > 0x7f) throw new Unsupported();
    const extra: Ranges = [];
    for (let i = 0; i < r.length; i += 2) {
      for (let c = r[i]!; c <= r[i + 1]!; c++) {
        if (c >= 65 && c <= 90) extra.push(c + 32, c + 32);
        else if (c >= 97 && c <= 122) extra.push(c - 32, c - 32);
        if (this.unicode && (c === 75 || c === 107)) extra.push(0x212a, 0x212a); // Kelvin sign
        if (this.unicode && (c === 83 || c === 115)) extra.push(0x17f, 0x17f); // long s
      }
    }
    return union(r, normalize(extra));
  }

  private hex(n: number): number {
    const h = this.src.slice(this.pos, this.pos + n);
    if (h.length !== n || !/^[0-9A-Fa-f]+$/.test(h)) throw new Unsupported();
    this.pos += n;
    return parseInt(h, 16);
  }

  /** One escape after a backslash: a set, or EMPTY for \b and \B outside a class. */
  private escape(inClass: boolean): Node {
    const c = this.src[this.pos++];
    if (c === undefined) throw new Unsupported();
    const one = (code: number) => setNode(this.fold([code, code]));
    switch (c) {
      case 'd':
        return setNode(DIGIT);
      case 'D':
        return setNode(this.fold(this.negate(DIGIT)));
      case 'w':
        return setNode(this.fold(WORD));
      case 'W':
        return setNode(this.fold(this.negate(WORD)));
      case 's':
        return setNode(this.fold(SPACE));
      case 'S':
        return setNode(this.fold(this.negate(SPACE)));
      case 'b':
        return inClass ? one(8) : EMPTY;
      case 'B':
        if (inClass) throw new Unsupported();
        return EMPTY;
      case 'n':
        return one(10);
      case 'r':
        return one(13);
      case 't':
        return one(9);
      case 'v':
        return one(11);
      case 'f':
        return one(12);
      case '0':
        if (/[0-9]/.test(this.peek() ?? '')) throw new Unsupported();
        return one(0);
      case 'x':
        return one(this.hex(2));
      case 'u': {
        if (this.peek() === '{') throw new Unsupported();
        return one(this.hex(4));
      }
      case 'c': {
        const l = this.peek() ?? '';
        if (!/[A-Za-z]/.test(l)) throw new Unsupported();
        this.pos++;
        return one(l.charCodeAt(0) % 32);
      }
      default:
        // Back-references, \k<name>, \p{…} and octal escapes are not modelled.
        if (/[1-9kpP]/.test(c)) throw new Unsupported();
        return one(c.charCodeAt(0));
    }
  }

  private negate(r: Ranges): Ranges {
    if (this.unicode) throw new Unsupported(); // would include astral characters
    return complement(r, MAX_UNIT);
  }

  /** A `[…]` class (the opening bracket already read). */
  private charClass(): Ranges {
    let negated = false;
    if (this.peek() === '^') {
      negated = true;
      this.pos++;
    }
    let set: Ranges = [];
    while (this.peek() !== ']') {
      const lo = this.classAtom();
      if (this.peek() === '-' && this.src[this.pos + 1] !== ']' && this.pos + 1 < this.src.length) {
        this.pos++;
        const hi = this.classAtom();
        if (lo.length !== 2 || hi.length !== 2 || lo[0] !== lo[1] || hi[0] !== hi[1])
          throw new Unsupported();
        if (hi[0]! < lo[0]!) throw new Unsupported();
        set = union(set, [lo[0]!, hi[0]!]);
      } else set = union(set, lo);
    }
    this.pos++;
    if (!negated) return set;
    if (set.length === 0) throw new Unsupported(); // [^] matches anything
    return this.negate(this.fold(set));
  }

  private classAtom(): Ranges {
    const c = this.src[this.pos++];
    if (c === undefined) throw new Unsupported();
    if (c === '\\') {
      const n = this.escape(true);
      return n.alpha;
    }
    const code = c.charCodeAt(0);
    return [code, code];
  }
}

/**
 * Reads a detector's regular expression and returns what the one-pass scanner needs, or
 * null when the pattern uses something the analyser does not model (the engine then runs the
 * plain global regex for that detector). Exported for tests and the benchmark.
 */
export function analyzePattern(re: RegExp): PatternInfo | null {
  try {
    const reader = new PatternReader(re.source, re.flags);
    const node = reader.read();
    if (node.nullable || node.min < 1) return null;
    let trigger = node.req;
    if (!trigger || weight(node.first) < weight(trigger)) trigger = node.first;
    return {
      minLen: node.min,
      alpha: node.alpha,
      trigger,
      first: node.first,
      notPrev: reader.notPrev,
      minDigits: node.digits,
    };
  } catch (e) {
    if (e instanceof Unsupported) return null;
    throw e;
  }
}

// ---- compiled plan ------------------------------------------------------------------------

/**
 * Lookup tables of the one-pass scanner, built once per `createDetector`. Planned detectors are
 * numbered 0..count-1 (`index` maps them back to the detector list). ASCII membership is a
 * byte table (`table[pi * 128 + c]`), non-ASCII membership a list of ranges per detector.
 * Triggers: `asciiTrig[c]` (or `highTrig` for other code units) names a *trigger list*, the
 * detectors woken by that character. Each list also has the union of its detectors'
 * alphabets and their shortest match, so a run too short for all of them is dropped at once.
 */
interface Plan {
  count: number;
  index: Int32Array;
  sticky: RegExp[];
  minLen: Int32Array;
  minDigits: Int32Array;
  alpha: Uint8Array;
  first: Uint8Array;
  notPrev: Uint8Array;
  alphaHigh: Ranges[];
  firstHigh: Ranges[];
  notPrevHigh: Ranges[];
  asciiTrig: Uint8Array;
  highLo: number[];
  highHi: number[];
  highList: number[];
  highMin: number;
  highMax: number;
  lists: Int32Array[];
  listAlpha: Uint8Array;
  listAlphaHigh: Ranges[];
  listMinLen: Int32Array;
  /** Per list, ASCII: 1 when no detector of the list can start a match right after it. */
  listNoStart: Uint8Array;
}

function fillTable(table: Uint8Array, row: number, r: Ranges): Ranges {
  const high: Ranges = [];
  for (let i = 0; i < r.length; i += 2) {
    for (let c = r[i]!; c <= r[i + 1]! && c < 128; c++) table[row * 128 + c] = 1;
    const lo = Math.max(r[i]!, 128);
    if (r[i + 1]! >= lo) high.push(lo, r[i + 1]!);
  }
  return high;
}

function inHigh(r: Ranges, c: number): boolean {
  return r.length !== 0 && rangesHas(r, c);
}

/** Builds the scanner's tables for the detectors `analyzePattern` understood. */
function buildPlan(infos: { index: number; def: DetectorDef; info: PatternInfo }[]): Plan {
  const count = infos.length;
  const alpha = new Uint8Array(128 * count);
  const first = new Uint8Array(128 * count);
  const notPrev = new Uint8Array(128 * count);
  const plan: Plan = {
    count,
    index: Int32Array.from(infos.map((x) => x.index)),
    sticky: infos.map(
      ({ def }) => new RegExp(def.pattern.source, `${def.pattern.flags.replace(/[gy]/g, '')}y`),
    ),
    minLen: Int32Array.from(infos.map((x) => x.info.minLen)),
    minDigits: Int32Array.from(infos.map((x) => x.info.minDigits)),
    alpha,
    first,
    notPrev,
    alphaHigh: infos.map((x, pi) => fillTable(alpha, pi, x.info.alpha)),
    firstHigh: infos.map((x, pi) => fillTable(first, pi, x.info.first)),
    notPrevHigh: infos.map((x, pi) => fillTable(notPrev, pi, x.info.notPrev)),
    asciiTrig: new Uint8Array(128),
    highLo: [],
    highHi: [],
    highList: [],
    highMin: 0x10000,
    highMax: -1,
    lists: [],
    listAlpha: new Uint8Array(0),
    listAlphaHigh: [],
    listMinLen: new Int32Array(0),
    listNoStart: new Uint8Array(0),
  };
  // Detectors woken by some digits are woken by every digit, so that one digit run is
  // expanded once for all of them instead of once per digit value (`1` for mobiles, `0` for
  // landlines, …): a match that holds a `1` holds a digit, so the wider trigger is still sound.
  const triggers = infos.map((x) => (onlyDigits(x.info.trigger) ? DIGIT : x.info.trigger));
  const lists: number[][] = [[]];
  const listIndex = new Map<string, number>();
  const listFor = (ds: number[]): number => {
    if (ds.length === 0) return 0;
    const key = ds.join(',');
    let k = listIndex.get(key);
    if (k === undefined) {
      k = lists.length;
      lists.push(ds);
      listIndex.set(key, k);
    }
    return k;
  };
  const wokenBy = (c: number): number[] => {
    const ds: number[] = [];
    triggers.forEach((t, pi) => {
      if (rangesHas(t, c)) ds.push(pi);
    });
    return ds;
  };
  for (let c = 0; c < 128; c++) plan.asciiTrig[c] = listFor(wokenBy(c));
  // Non-ASCII triggers: elementary intervals between the trigger ranges' bounds.
  const cuts = new Set<number>();
  for (const t of triggers) {
    for (let i = 0; i < t.length; i += 2) {
      const lo = Math.max(t[i]!, 128);
      if (t[i + 1]! >= lo) cuts.add(lo).add(t[i + 1]! + 1);
    }
  }
  const bounds = [...cuts].sort((x, y) => x - y);
  for (let b = 0; b + 1 < bounds.length; b++) {
    const li = listFor(wokenBy(bounds[b]!));
    if (li === 0) continue;
    plan.highLo.push(bounds[b]!);
    plan.highHi.push(bounds[b + 1]! - 1);
    plan.highList.push(li);
  }
  if (plan.highLo.length > 0) {
    plan.highMin = plan.highLo[0]!;
    plan.highMax = plan.highHi[plan.highHi.length - 1]!;
  }
  plan.lists = lists.map((l) => Int32Array.from(l));
  plan.listAlpha = new Uint8Array(128 * lists.length);
  plan.listMinLen = new Int32Array(lists.length);
  plan.listNoStart = new Uint8Array(128 * lists.length);
  lists.forEach((ds, li) => {
    let u: Ranges = [];
    let min = 0x7fffffff;
    for (const pi of ds) {
      u = union(u, infos[pi]!.info.alpha);
      min = Math.min(min, infos[pi]!.info.minLen);
    }
    plan.listAlphaHigh.push(fillTable(plan.listAlpha, li, u));
    plan.listMinLen[li] = min;
    for (let c = 0; c < 128; c++) {
      let all = ds.length > 0;
      for (const pi of ds) if (plan.notPrev[pi * 128 + c] === 0) all = false;
      plan.listNoStart[li * 128 + c] = all ? 1 : 0;
    }
  });
  return plan;
}

function lookupHigh(plan: Plan, c: number): number {
  const lo = plan.highLo;
  const hi = plan.highHi;
  let a = 0;
  let b = lo.length - 1;
  while (a <= b) {
    const m = (a + b) >> 1;
    if (c < lo[m]!) b = m - 1;
    else if (c > hi[m]!) a = m + 1;
    else return plan.highList[m]!;
  }
  return 0;
}

/** Per-call state of the scanner, allocated once per detector and reset by `scan`. */
interface ScanState {
  /** Per planned detector: every candidate start before this offset has been tried. */
  done: Int32Array;
  /** Per trigger list: every trigger before this offset lies in a shared run already done. */
  listDone: Int32Array;
  /** Candidate starts of the current shared run (grown as needed). */
  starts: Int32Array;
}

/**
 * One pass over `text`; calls `found(detectorIndex, start, end)` for every match, in each
 * detector's match order (the order of its global regex).
 *
 * At a trigger character not yet covered, the *shared run* around it is the maximal run of
 * characters in the joint alphabet of the detectors that character wakes; every match of those
 * detectors through it lies inside. The run is read once: its digits are counted, and the
 * positions where at least one of the detectors may start are listed (the run's first unit, and
 * every unit after one that not all of the detectors forbid in front of a match — for digit
 * runs, the starts of the numbers in it). Then each detector tries only those positions that
 * pass its own first-character and look-behind tables, skips the run when it is too short or
 * holds too few digits for it, and never retries a position (`done`): a detector woken by
 * several lists sees each position once.
 */
function scan(
  plan: Plan,
  st: ScanState,
  text: string,
  found: (index: number, start: number, end: number) => void,
): void {
  const n = text.length;
  const { done, listDone } = st;
  const { asciiTrig, lists, listAlpha, listAlphaHigh, listMinLen, listNoStart } = plan;
  const { minLen, minDigits, first, notPrev, sticky, firstHigh, notPrevHigh } = plan;
  done.fill(0);
  listDone.fill(0);
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    let li: number;
    if (c < 128) {
      li = asciiTrig[c]!;
      if (li === 0) continue;
    } else {
      if (c < plan.highMin || c > plan.highMax) continue;
      li = lookupHigh(plan, c);
      if (li === 0) continue;
    }
    if (i < listDone[li]!) continue;
    // The shared run around i; runs before listDone are done, so it need not reach back past it.
    const row = li * 128;
    const high = listAlphaHigh[li]!;
    let rs = i;
    const floor = listDone[li]!;
    while (rs > floor) {
      const d = text.charCodeAt(rs - 1);
      if (d < 128 ? listAlpha[row + d] === 0 : !inHigh(high, d)) break;
      rs--;
    }
    // Forward to the run's end in one read that also counts digits and lists the starts.
    let starts = st.starts;
    let count = 0;
    let digits = 0;
    let prev = rs > 0 ? text.charCodeAt(rs - 1) : -1;
    let re = rs;
    while (re < n) {
      const d = text.charCodeAt(re);
      if (d < 128 ? listAlpha[row + d] === 0 : !inHigh(high, d)) break;
      if (d >= 48 && d <= 57) digits++;
      if (re === rs || prev >= 128 || listNoStart[row + prev] === 0) {
        if (count === starts.length) {
          const grown = new Int32Array(2 * count);
          grown.set(starts);
          st.starts = starts = grown;
        }
        starts[count++] = re;
      }
      prev = d;
      re++;
    }
    listDone[li] = re;
    const runLen = re - rs;
    if (runLen < listMinLen[li]!) continue;
    const list = lists[li]!;
    for (let k = 0; k < list.length; k++) {
      const pi = list[k]!;
      const need = minLen[pi]!;
      if (runLen < need || digits < minDigits[pi]!) {
        if (done[pi]! < re) done[pi] = re;
        continue;
      }
      const prow = pi * 128;
      const last = re - need;
      const re2 = sticky[pi]!;
      const fh = firstHigh[pi]!;
      const nh = notPrevHigh[pi]!;
      let from = done[pi]!;
      for (let q = 0; q < count; q++) {
        const s = starts[q]!;
        if (s < from) continue;
        if (s > last) break;
        const f = text.charCodeAt(s);
        if (f < 128 ? first[prow + f] === 0 : !inHigh(fh, f)) continue;
        if (s > 0) {
          const p = text.charCodeAt(s - 1);
          if (p < 128 ? notPrev[prow + p] === 1 : inHigh(nh, p)) continue;
        }
        re2.lastIndex = s;
        if (!re2.test(text)) continue;
        const end = re2.lastIndex;
        found(plan.index[pi]!, s, end);
        from = end > s ? end : s + 1;
      }
      done[pi] = from > re ? from : re;
    }
  }
}

interface Context {
  words: readonly string[];
  anyEmpty: boolean;
}

/** A candidate claim before overlap resolution (no masked form yet). */
interface Hit {
  type: FindingType;
  start: number;
  end: number;
  confidence: Confidence;
  rank: number;
  compact: string;
  priority: number;
  /** Position in the reference loop's order (detector order, then match order, then matchers). */
  ord: number;
  rule: string | undefined;
}

const RANK: Record<Confidence, number> = { format: 0, validated: 1, context: 2 };

/**
 * Whether a context word stands just before `start` (see context.ts `contextBefore`: the
 * word must end within the window before the value; ASCII compared case-blind, a space in a
 * word also matches `_`). Detectors use the same function to admit their weak forms.
 */
function hasContext(text: string, start: number, ctx: Context | null): boolean {
  if (ctx === null) return false;
  if (ctx.anyEmpty) return true;
  return contextBefore(text, start, ctx.words);
}

/** Rank of a claim in an overlap: confidence, then priority, then length (higher wins). */
function compareClaims(a: Hit, b: Hit): number {
  return b.rank - a.rank || b.priority - a.priority || b.end - b.start - (a.end - a.start) || 0;
}

function disjoint(a: Hit, b: Hit): boolean {
  return a.end <= b.start || a.start >= b.end;
}

/** Greedy best-first choice inside one overlapping cluster (`all[i..j)`), appended to `out`. */
function resolveCluster(all: Hit[], i: number, j: number, out: Hit[]): void {
  const cluster = all.slice(i, j).sort(compareClaims);
  const kept: Hit[] = [];
  if (cluster.length <= 32) {
    for (const c of cluster) {
      let free = true;
      for (const k of kept) {
        if (!disjoint(c, k)) {
          free = false;
          break;
        }
      }
      if (free) kept.push(c);
    }
  } else {
    // Large clusters (adversarial input): an occupancy map over the cluster's span keeps the
    // check linear in the claims' lengths. 0 free, 2 first unit of a kept claim, 1 the rest.
    const base = all[i]!.start;
    let spanEnd = base;
    for (let k = i; k < j; k++) spanEnd = Math.max(spanEnd, all[k]!.end);
    const occ = new Uint8Array(spanEnd - base + 1);
    const emptyKept: Hit[] = [];
    for (const c of cluster) {
      let free = true;
      if (c.end > c.start) {
        for (let p = c.start - base; p < c.end - base; p++) {
          if (occ[p] !== 0) {
            free = false;
            break;
          }
        }
        if (free) {
          for (const e of emptyKept) {
            if (c.start < e.start && e.start < c.end) {
              free = false;
              break;
            }
          }
        }
      } else {
        const p = c.start - base;
        free = !(p > 0 && occ[p - 1] !== 0 && occ[p] === 1);
      }
      if (!free) continue;
      kept.push(c);
      if (c.end === c.start) emptyKept.push(c);
      else {
        occ[c.start - base] = 2;
        for (let p = c.start - base + 1; p < c.end - base; p++) occ[p] = 1;
      }
    }
  }
  kept.sort((a, b) => a.start - b.start);
  for (const k of kept) out.push(k);
}

/** Keeps a non-overlapping subset, preferring better claims inside each overlapping cluster. */
function resolveOverlaps(all: Hit[]): Hit[] {
  all.sort((a, b) => a.start - b.start || b.end - a.end || a.ord - b.ord);
  const out: Hit[] = [];
  let i = 0;
  while (i < all.length) {
    let j = i + 1;
    let clusterEnd = all[i]!.end;
    while (j < all.length && all[j]!.start < clusterEnd) {
      if (all[j]!.end > clusterEnd) clusterEnd = all[j]!.end;
      j++;
    }
    if (j - i === 1) out.push(all[i]!);
    else resolveCluster(all, i, j, out);
    i = j;
  }
  return out;
}

/** A full-width digit, letter or `＠` (or, second test, an ideographic space between digits). */
const WIDE_VALUE = /[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a\uff20]/;
const SPACED_DIGITS = /[0-9]\u3000[0-9]/;
const WIDE = /[\uff01-\uff5e\u3000]/g;
const narrow = (c: string): string =>
  c === '\u3000' ? ' ' : String.fromCharCode(c.charCodeAt(0) - 0xfee0);

/**
 * Full-width ASCII (U+FF01–U+FF5E, typed by Chinese input methods: `１３８ １２３４ ５６７８`)
 * and the ideographic space become their ASCII forms, so every detector sees one alphabet.
 * Each of these is one UTF-16 unit and so is its replacement: offsets into the folded text are
 * offsets into the original.
 *
 * Chinese text is full of full-width punctuation (，：（）) that no value is made of: the
 * detectors accept `（` beside `(` where it matters. So the text is folded only when it holds
 * something a value can be written with — a full-width digit, letter or `＠`, or an ideographic
 * space between digits — and is otherwise returned as it is, after one native regex test.
 */
export function foldWidth(text: string): string {
  const wide = WIDE_VALUE.test(text) || (text.indexOf('\u3000') >= 0 && SPACED_DIGITS.test(text));
  return wide ? text.replace(WIDE, narrow) : text;
}

/** Builds a reusable detector. Compile once (at policy load), call `detect` per paste. */
export function createDetector(options: DetectorOptions = {}): Detector {
  const defs = options.detectors ?? DETECTORS;
  const maxChars = options.maxChars ?? 8 * 1024 * 1024;
  const matchers: Matcher[] = [];
  if (options.clients) matchers.push(createClientListMatcher(options.clients));
  if (options.keywords && options.keywords.length > 0)
    matchers.push(createKeywordMatcher(options.keywords));
  matchers.push(...(options.matchers ?? []));

  const contexts: (Context | null)[] = defs.map((d) =>
    d.contextWords && d.contextWords.length > 0
      ? { words: d.contextWords, anyEmpty: d.contextWords.includes('') }
      : null,
  );

  // Planned detectors go through the one-pass scanner; the others run their global regex.
  const infos: { index: number; def: DetectorDef; info: PatternInfo }[] = [];
  const plain: { index: number; re: RegExp }[] = [];
  defs.forEach((def, index) => {
    const info = analyzePattern(def.pattern);
    if (info) infos.push({ index, def, info });
    else {
      const flags = def.pattern.flags.replace(/[gy]/g, '');
      plain.push({ index, re: new RegExp(def.pattern.source, `${flags}g`) });
    }
  });
  const plan = buildPlan(infos);
  const state: ScanState = {
    done: new Int32Array(plan.count),
    listDone: new Int32Array(plan.lists.length),
    starts: new Int32Array(256),
  };

  // Per-call state shared with `found` (assigned at the start of each `detect`).
  let text = '';
  let hits: Hit[] = [];
  const seqs = new Float64Array(defs.length);

  /** Validates one regex match of detector `index` and records the claim. */
  const found = (index: number, start: number, end: number): void => {
    const def = defs[index]!;
    const v = def.validate({ text, match: text.slice(start, end), start, end });
    if (!v) return;
    const confidence: Confidence =
      v.confidence === 'validated' && hasContext(text, start, contexts[index] ?? null)
        ? 'context'
        : v.confidence;
    const k = seqs[index]!;
    seqs[index] = k + 1;
    hits.push({
      type: v.type ?? def.type,
      start,
      end,
      confidence,
      rank: RANK[confidence],
      compact: v.compact,
      priority: def.priority,
      ord: index * ORD_STRIDE + k,
      rule: undefined,
    });
  };

  return {
    detect(input: string): DetectResult {
      const truncated = input.length > maxChars;
      text = foldWidth(truncated ? input.slice(0, maxChars) : input);
      hits = [];
      seqs.fill(0);
      try {
        if (plan.count > 0) scan(plan, state, text, found);
        for (const { index, re } of plain) {
          re.lastIndex = 0;
          for (let m = re.exec(text); m !== null; m = re.exec(text)) {
            const start = m.index;
            const end = start + m[0].length;
            if (end === start) re.lastIndex++;
            found(index, start, end);
          }
        }
        let ord = defs.length * ORD_STRIDE;
        for (const matcher of matchers) {
          matcher.scan(text, (h) => {
            hits.push({
              type: h.type,
              start: h.start,
              end: h.end,
              confidence: h.confidence,
              rank: RANK[h.confidence],
              compact: h.compact,
              priority: h.priority,
              ord: ord++,
              rule: h.rule,
            });
          });
        }
        return finish(resolveOverlaps(hits), truncated);
      } finally {
        // Do not keep the caller's text alive between calls (nor let the context helpers).
        text = '';
        hits = [];
        forgetCachedText();
      }
    },
  };
}

/** Order of claims in the reference loop: detector order, then match order, then matchers. */
const ORD_STRIDE = 2 ** 32;

/** Masks the kept claims and counts distinct values per type. */
function finish(kept: Hit[], truncated: boolean): DetectResult {
  const distinct = new Set<string>();
  const counts: Partial<Record<FindingType, number>> = {};
  const findings: Finding[] = [];
  for (const h of kept) {
    const finding: Finding = {
      type: h.type,
      start: h.start,
      end: h.end,
      confidence: h.confidence,
      masked: maskValue(h.type, h.compact),
    };
    if (h.rule !== undefined) finding.rule = h.rule;
    findings.push(finding);
    const key = `${h.type}\u0000${h.compact}`;
    if (distinct.has(key)) continue;
    distinct.add(key);
    counts[h.type] = (counts[h.type] ?? 0) + 1;
  }
  return { findings, counts, truncated };
}
