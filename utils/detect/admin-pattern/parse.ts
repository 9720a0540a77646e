/**
 * Parser of the admin regular-expression subset into a small syntax tree. The syntax is that of
 * JavaScript regular expressions; what needs backtracking (back-references, look-around) or a
 * big table (Unicode property escapes) is refused with a message an admin can act on.
 *
 * Characters are code points, as with JavaScript's `u` flag: `😀` is one character, `.` and
 * `[^…]` match a whole surrogate pair. Sets hold UTF-16 ranges of the Basic Multilingual Plane
 * plus an `astral` flag (every code point above U+FFFF); ./compile.ts turns a set into code-unit
 * instructions. Case-insensitive matching (`i`) folds ASCII letters only.
 */

/** Zero-width assertions (the `k` of an `assert` node). */
export const ASSERT_START = 0; // `^`: start of text
export const ASSERT_START_LINE = 1; // `^` with `m`: start of a line
export const ASSERT_END = 2; // `$`: end of text
export const ASSERT_END_LINE = 3; // `$` with `m`: end of a line
export const ASSERT_WORD = 4; // `\b` (ASCII word characters, as in JavaScript)
export const ASSERT_NOT_WORD = 5; // `\B`
/** Not between the two halves of a surrogate pair (inserted by the compiler). */
export const ASSERT_CODE_POINT = 6;

export type Ast =
  /** A set of code points: BMP ranges, plus every astral code point when `astral`. */
  | { t: 'set'; r: number[]; astral: boolean }
  /** One UTF-16 code unit from the ranges (the halves of an astral literal). */
  | { t: 'unit'; r: number[] }
  | { t: 'seq'; a: Ast[] }
  | { t: 'alt'; a: Ast[] }
  | { t: 'rep'; a: Ast; min: number; max: number; lazy: boolean }
  | { t: 'assert'; k: number };

export interface Flags {
  ignoreCase: boolean;
  multiline: boolean;
  dotAll: boolean;
}

/** A pattern the subset does not accept; `message` is written for the admin. */
export class PatternSyntaxError extends Error {
  override name = 'PatternSyntaxError';
}

/** Longest counted repetition, `{m,n}` with n at most this. */
export const MAX_REPEAT = 1000;
/** Deepest group nesting. */
const MAX_DEPTH = 100;

// ---- sets (sorted, disjoint, inclusive ranges of UTF-16 code units) ----------------------

export function normalizeRanges(r: number[]): number[] {
  const pairs: [number, number][] = [];
  for (let i = 0; i < r.length; i += 2) pairs.push([r[i]!, r[i + 1]!]);
  pairs.sort((a, b) => a[0] - b[0]);
  const out: number[] = [];
  for (const [lo, hi] of pairs) {
    const k = out.length;
    if (k > 0 && lo <= out[k - 1]! + 1) out[k - 1] = Math.max(out[k - 1]!, hi);
    else out.push(lo, hi);
  }
  return out;
}

function complement(r: number[]): number[] {
  const out: number[] = [];
  let next = 0;
  for (let i = 0; i < r.length; i += 2) {
    if (r[i]! > next) out.push(next, r[i]! - 1);
    next = r[i + 1]! + 1;
  }
  if (next <= 0xffff) out.push(next, 0xffff);
  return out;
}

const DIGIT = [0x30, 0x39];
const WORD = [0x30, 0x39, 0x41, 0x5a, 0x5f, 0x5f, 0x61, 0x7a];
const SPACE = normalizeRanges([
  9, 13, 32, 32, 0xa0, 0xa0, 0x1680, 0x1680, 0x2000, 0x200a, 0x2028, 0x2029, 0x202f, 0x202f, 0x205f,
  0x205f, 0x3000, 0x3000, 0xfeff, 0xfeff,
]);
const LINE_TERMINATORS = [0x0a, 0x0a, 0x0d, 0x0d, 0x2028, 0x2029];

/** Adds the other case of every ASCII letter in the set. */
function foldAscii(r: number[]): number[] {
  const extra: number[] = [];
  for (let i = 0; i < r.length; i += 2) {
    const lo = r[i]!;
    const hi = r[i + 1]!;
    const a = Math.max(lo, 0x41);
    const b = Math.min(hi, 0x5a);
    if (a <= b) extra.push(a + 32, b + 32);
    const c = Math.max(lo, 0x61);
    const d = Math.min(hi, 0x7a);
    if (c <= d) extra.push(c - 32, d - 32);
  }
  return extra.length ? normalizeRanges([...r, ...extra]) : r;
}

/** A class atom: one character (a BMP unit or an astral code point) or a set escape. */
type ClassAtom = { char: number } | { set: number[]; negated: boolean };

const HEX = /^[0-9A-Fa-f]+$/;

function isHigh(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}
function isLow(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

class Parser {
  private pos = 0;
  private depth = 0;

  constructor(
    private readonly src: string,
    private readonly flags: Flags,
  ) {}

  parse(): Ast {
    const ast = this.disjunction();
    if (this.pos < this.src.length) {
      // Only an unmatched ')' stops the top-level disjunction early.
      throw this.fail("unmatched ')'", this.pos);
    }
    return ast;
  }

  private fail(what: string, at: number): PatternSyntaxError {
    return new PatternSyntaxError(`${what} at character ${at + 1}`);
  }

  private disjunction(): Ast {
    const alts = [this.alternative()];
    while (this.src[this.pos] === '|') {
      this.pos++;
      alts.push(this.alternative());
    }
    return alts.length === 1 ? alts[0]! : { t: 'alt', a: alts };
  }

  private alternative(): Ast {
    const items: Ast[] = [];
    while (this.pos < this.src.length) {
      const c = this.src[this.pos];
      if (c === '|' || c === ')') break;
      items.push(this.term());
    }
    return items.length === 1 ? items[0]! : { t: 'seq', a: items };
  }

  private term(): Ast {
    const at = this.pos;
    const c = this.src[this.pos]!;
    let assertion: number | null = null;
    if (c === '^') assertion = this.flags.multiline ? ASSERT_START_LINE : ASSERT_START;
    else if (c === '$') assertion = this.flags.multiline ? ASSERT_END_LINE : ASSERT_END;
    else if (c === '\\' && this.src[this.pos + 1] === 'b') assertion = ASSERT_WORD;
    else if (c === '\\' && this.src[this.pos + 1] === 'B') assertion = ASSERT_NOT_WORD;
    if (assertion !== null) {
      this.pos += c === '\\' ? 2 : 1;
      if (this.quantifierAhead())
        throw this.fail(
          `nothing to repeat: '${this.src.slice(at, this.pos)}' matches no character`,
          this.pos,
        );
      return { t: 'assert', k: assertion };
    }
    const atom = this.atom();
    return this.quantified(atom);
  }

  private quantifierAhead(): boolean {
    const c = this.src[this.pos];
    return (
      c === '*' || c === '+' || c === '?' || (c === '{' && /^\{\d+(,\d*)?\}/.test(this.rest()))
    );
  }

  private rest(): string {
    return this.src.slice(this.pos, this.pos + 24);
  }

  private quantified(atom: Ast): Ast {
    const at = this.pos;
    const c = this.src[this.pos];
    let min: number;
    let max: number;
    if (c === '*') [min, max] = [0, Infinity];
    else if (c === '+') [min, max] = [1, Infinity];
    else if (c === '?') [min, max] = [0, 1];
    else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(this.src.slice(this.pos));
      if (!m)
        throw this.fail(
          "'{' must start a repetition like {2} or {2,5}; write \\{ for a literal brace",
          at,
        );
      min = Number(m[1]);
      max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
      if (min > MAX_REPEAT || (max !== Infinity && max > MAX_REPEAT))
        throw this.fail(`repetition ${m[0]} is above the limit of ${MAX_REPEAT}`, at);
      if (max < min) throw this.fail(`repetition ${m[0]} has its numbers out of order`, at);
      this.pos += m[0].length - 1;
    } else return atom;
    this.pos++;
    let lazy = false;
    if (this.src[this.pos] === '?') {
      lazy = true;
      this.pos++;
    }
    if (this.quantifierAhead())
      throw this.fail(
        'a quantifier cannot follow another one (write (?:a+)* rather than a+*)',
        this.pos,
      );
    return { t: 'rep', a: atom, min, max, lazy };
  }

  private atom(): Ast {
    const at = this.pos;
    const c = this.src[this.pos]!;
    switch (c) {
      case '(':
        return this.group();
      case '[':
        return this.charClass();
      case '.': {
        this.pos++;
        const r = this.flags.dotAll ? [] : LINE_TERMINATORS;
        return { t: 'set', r: complement(r), astral: true };
      }
      case '\\': {
        const a = this.escape(false);
        if ('char' in a) return this.charNode(a.char);
        return this.setNode(a.set, a.negated);
      }
      case '*':
      case '+':
      case '?':
        throw this.fail(`nothing to repeat before '${c}'`, at);
      case '{':
        if (/^\{\d+(,\d*)?\}/.test(this.rest()))
          throw this.fail("nothing to repeat before '{'", at);
        throw this.fail("unescaped '{': write \\{ for a literal brace", at);
      case '}':
        throw this.fail("unescaped '}': write \\} for a literal brace", at);
      case ']':
        throw this.fail("unescaped ']': write \\] for a literal bracket", at);
      default: {
        const cp = this.src.codePointAt(this.pos)!;
        this.pos += cp > 0xffff ? 2 : 1;
        return this.charNode(cp);
      }
    }
  }

  /** One code point; an astral one is the sequence of its two surrogates. */
  private charNode(cp: number): Ast {
    if (cp > 0xffff) {
      const hi = 0xd800 + ((cp - 0x10000) >> 10);
      const lo = 0xdc00 + ((cp - 0x10000) & 0x3ff);
      return {
        t: 'seq',
        a: [
          { t: 'unit', r: [hi, hi] },
          { t: 'unit', r: [lo, lo] },
        ],
      };
    }
    const r = this.flags.ignoreCase ? foldAscii([cp, cp]) : [cp, cp];
    return { t: 'set', r, astral: false };
  }

  /** A set node; `astral` says whether the set itself holds the code points above U+FFFF. */
  private setNode(set: number[], negated: boolean, astral = false): Ast {
    const r = this.flags.ignoreCase ? foldAscii(set) : set;
    return negated ? { t: 'set', r: complement(r), astral: !astral } : { t: 'set', r, astral };
  }

  private group(): Ast {
    const at = this.pos;
    this.pos++;
    if (this.src[this.pos] === '?') {
      const two = this.src.slice(this.pos, this.pos + 3);
      if (two.startsWith('?:')) this.pos += 2;
      else if (two.startsWith('?=') || two.startsWith('?!') || two === '?<=' || two === '?<!')
        throw this.fail(
          'look-ahead and look-behind ((?=…), (?!…), (?<=…), (?<!…)) are not supported',
          at,
        );
      else if (two.startsWith('?<')) {
        const m = /^\?<([A-Za-z_$][\w$]*)>/.exec(this.src.slice(this.pos));
        if (!m) throw this.fail('a named group must look like (?<name>…)', at);
        this.pos += m[0].length;
      } else throw this.fail(`unknown group syntax '(${two.slice(0, 2)}'`, at);
    }
    if (++this.depth > MAX_DEPTH)
      throw this.fail(`groups are nested more than ${MAX_DEPTH} deep`, at);
    const inner = this.disjunction();
    this.depth--;
    if (this.src[this.pos] !== ')') throw this.fail("missing ')' for the group opened", at);
    this.pos++;
    return inner;
  }

  private charClass(): Ast {
    const at = this.pos;
    this.pos++;
    let negated = false;
    if (this.src[this.pos] === '^') {
      negated = true;
      this.pos++;
    }
    const ranges: number[] = [];
    let astral = false;
    for (;;) {
      if (this.pos >= this.src.length) throw this.fail("missing ']' for the class opened", at);
      if (this.src[this.pos] === ']') {
        this.pos++;
        break;
      }
      const aAt = this.pos;
      const a = this.classAtom(at);
      if (
        this.src[this.pos] === '-' &&
        this.pos + 1 < this.src.length &&
        this.src[this.pos + 1] !== ']'
      ) {
        this.pos++;
        const bAt = this.pos;
        const b = this.classAtom(at);
        if (!('char' in a) || !('char' in b))
          throw this.fail('a range cannot start or end with a class escape such as \\d', aAt);
        if (a.char > b.char)
          throw this.fail(`range out of order: ${this.src.slice(aAt, this.pos)}`, bAt);
        ranges.push(a.char, b.char);
      } else if ('char' in a) ranges.push(a.char, a.char);
      else if (a.negated) {
        // \D, \W, \S hold every astral code point too: [\D] matches 😀, [^\D] does not.
        ranges.push(...complement(a.set));
        astral = true;
      } else ranges.push(...a.set);
    }
    return this.setNode(normalizeRanges(ranges), negated, astral);
  }

  private classAtom(classAt: number): ClassAtom {
    const at = this.pos;
    let a: ClassAtom;
    if (this.src[this.pos] === '\\') a = this.escape(true);
    else {
      const cp = this.src.codePointAt(this.pos)!;
      this.pos += cp > 0xffff ? 2 : 1;
      a = { char: cp };
    }
    if ('char' in a) {
      if (a.char > 0xffff)
        throw this.fail(
          `the class opened at character ${classAt + 1} holds a character outside the Basic Multilingual Plane (such as an emoji); write it outside the class, e.g. (?:😀|[abc])`,
          at,
        );
      return a;
    }
    return a;
  }

  /** An escape after a backslash (at this.pos). Outside a class, \b and \B are handled by term. */
  private escape(inClass: boolean): ClassAtom {
    const at = this.pos;
    this.pos++;
    const c = this.src[this.pos];
    if (c === undefined) throw this.fail('the pattern ends with a lone backslash', at);
    this.pos++;
    switch (c) {
      case 'd':
        return { set: DIGIT, negated: false };
      case 'D':
        return { set: DIGIT, negated: true };
      case 'w':
        return { set: WORD, negated: false };
      case 'W':
        return { set: WORD, negated: true };
      case 's':
        return { set: SPACE, negated: false };
      case 'S':
        return { set: SPACE, negated: true };
      case 't':
        return { char: 9 };
      case 'n':
        return { char: 10 };
      case 'v':
        return { char: 11 };
      case 'f':
        return { char: 12 };
      case 'r':
        return { char: 13 };
      case 'b':
        if (inClass) return { char: 8 };
        break;
      case 'B':
        if (inClass) throw this.fail('\\B has no meaning inside a class', at);
        break;
      case '0':
        if (/[0-9]/.test(this.src[this.pos] ?? ''))
          throw this.fail('octal escapes are not supported (write \\x41 or \\u0041)', at);
        return { char: 0 };
      case 'x': {
        const h = this.src.slice(this.pos, this.pos + 2);
        if (h.length !== 2 || !HEX.test(h))
          throw this.fail('\\x must be followed by two hex digits', at);
        this.pos += 2;
        return { char: parseInt(h, 16) };
      }
      case 'u':
        return { char: this.unicodeEscape(at) };
      case 'c': {
        const l = this.src[this.pos] ?? '';
        if (!/^[A-Za-z]$/.test(l)) throw this.fail('\\c must be followed by a letter', at);
        this.pos++;
        return { char: l.charCodeAt(0) % 32 };
      }
      case 'p':
      case 'P':
        throw this.fail(
          'Unicode property escapes (\\p{…}) are not supported; list the characters in a class such as [\\u4e00-\\u9fff]',
          at,
        );
      case 'k':
        throw this.fail(
          'back-references (\\k<name>) are not supported: matching them needs backtracking, which can take exponential time',
          at,
        );
      default:
        if (c >= '1' && c <= '9')
          throw this.fail(
            `back-references (\\${c}) are not supported: matching them needs backtracking, which can take exponential time`,
            at,
          );
        if (/[A-Za-z0-9_]/.test(c)) throw this.fail(`unknown escape \\${c}`, at);
        // Any other character stands for itself (\. \* \/ \- \中 …).
        this.pos--;
        {
          const cp = this.src.codePointAt(this.pos)!;
          this.pos += cp > 0xffff ? 2 : 1;
          return { char: cp };
        }
    }
    throw this.fail(`unexpected \\${c}`, at);
  }

  /** After `\u`: four hex digits (a pair of them for a surrogate pair) or `{hex}`. */
  private unicodeEscape(at: number): number {
    if (this.src[this.pos] === '{') {
      const m = /^\{([0-9A-Fa-f]{1,6})\}/.exec(this.src.slice(this.pos));
      const cp = m ? parseInt(m[1]!, 16) : -1;
      if (!m || cp > 0x10ffff)
        throw this.fail('\\u{…} must hold a code point of at most 6 hex digits (≤ 10FFFF)', at);
      this.pos += m[0].length;
      return cp;
    }
    const h = this.src.slice(this.pos, this.pos + 4);
    if (h.length !== 4 || !HEX.test(h))
      throw this.fail('\\u must be followed by four hex digits or {code point}', at);
    this.pos += 4;
    const v = parseInt(h, 16);
    // \uD83D\uDE00 names one code point, as in JavaScript with the u flag.
    if (isHigh(v) && this.src.startsWith('\\u', this.pos)) {
      const l = this.src.slice(this.pos + 2, this.pos + 6);
      if (l.length === 4 && HEX.test(l) && isLow(parseInt(l, 16))) {
        this.pos += 6;
        return 0x10000 + ((v - 0xd800) << 10) + (parseInt(l, 16) - 0xdc00);
      }
    }
    return v;
  }
}

/** Parses `src` under `flags`. Throws PatternSyntaxError with a message for the admin. */
export function parsePattern(src: string, flags: Flags): Ast {
  return new Parser(src, flags).parse();
}

/** Whether the tree can match without consuming a character (assertions assumed to hold). */
export function nullable(a: Ast): boolean {
  switch (a.t) {
    case 'set':
    case 'unit':
      return false;
    case 'assert':
      return true;
    case 'seq':
      return a.a.every(nullable);
    case 'alt':
      return a.a.some(nullable);
    case 'rep':
      return a.min === 0 || nullable(a.a);
  }
}
