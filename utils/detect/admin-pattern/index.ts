/**
 * Admin regular expressions as engine matchers (CUSTOM_PATTERN findings).
 *
 * Admin patterns come from a policy file and run in every frame, inside the paste handler, so
 * they must not be able to hang the page. They are not run by the browser's backtracking
 * RegExp engine: ./parse.ts reads a documented subset of JavaScript syntax, ./compile.ts turns
 * it into an NFA program of at most MAX_STATES instructions, and ./search.ts matches it in
 * O(text length × states) time for every pattern and every text: no backtracking, so the
 * classic exponential patterns `(a+)+$`, `(a|a)+$`, `(.*a){20}`, `^(\w+\s?)+$` are accepted
 * and run in linear time (their `*` forms `(a|a)*$`, `^(\w+\s?)*$` are refused, but only
 * because they can match the empty string). Work per paste is bounded by that product and by
 * `maxMatches`; no static analysis of "dangerous" shapes is needed.
 *
 * ## Accepted syntax (JavaScript's, with the `u` flag's view of characters)
 * literals, `\t \n \v \f \r \0 \xHH \uHHHH \u{H…} \cX`, escaped punctuation; `.`; classes
 * `[…]` `[^…]` with ranges and `\d \D \w \W \s \S` (also outside classes); groups `(…)`,
 * `(?:…)`, `(?<name>…)` (none captures); alternation `|`; quantifiers `* + ? {m} {m,} {m,n}`
 * and their lazy forms, counts up to 1000; anchors `^ $ \b \B`. Flags: `i` (ASCII letters
 * only), `m`, `s`; `g` is accepted and ignored (every match is reported anyway).
 * Refused with a message: back-references, look-around, `\p{…}`, octal escapes, unknown
 * escapes, unescaped `{ } ]`, a quantifier on nothing or on a quantifier, characters above
 * U+FFFF inside a class, groups nested more than 100 deep, unknown flags, patterns that can
 * match the empty string (they would flag every paste), and patterns above MAX_SOURCE
 * characters or MAX_STATES instructions.
 *
 * ## Semantics
 * Matches are those of `RegExp.prototype.exec` with flags `gu` plus the given ones, looping
 * over the text: leftmost-first (the alternative written first wins, greedy quantifiers take
 * as much as they can, lazy ones as little), non-overlapping, offsets in UTF-16 code units;
 * `.` and `[^…]` take a surrogate pair as one character and a match never starts or ends
 * inside a pair. tests/unit/detect/admin-pattern.test.ts checks this against the native
 * engine on random patterns. Known differences: `i` folds only ASCII letters (JavaScript
 * also folds é/É, and with `u` maps `ſ` to s and the Kelvin sign to k). The text is matched as
 * pasted (no NFKC folding, unlike keywords: `\d` does not match a full-width digit).
 */
import type { Matcher, MatcherHit } from '../engine';
import type { Confidence } from '../types';
import { CONFIDENCES } from '../types';
import { ProgramTooLarge, compileProgram } from './compile';
import { PatternSyntaxError, nullable, parsePattern } from './parse';
import { Searcher } from './search';
import { loadProgram, storeProgram, type StoredProgram } from './stored';

/** Longest pattern source (UTF-16 code units). */
export const MAX_SOURCE = 1000;
/** Largest compiled program (instructions). */
export const MAX_STATES = 2000;
/** Default cap on hits per paste. */
export const DEFAULT_MAX_MATCHES = 1000;
/** Default overlap priority of CUSTOM_PATTERN hits: below every detector, above keywords. */
export const PATTERN_PRIORITY = 20;

export interface AdminPatternOptions {
  /** The admin rule id, reported as the hits' `rule`. */
  id: string;
  /** Any of `i`, `m`, `s` (and `g`, ignored). */
  flags?: string;
  /** Hits reported per paste at most (default 1000). */
  maxMatches?: number;
  /** Confidence of the hits (default `validated`). */
  confidence?: Confidence;
  /** Overlap priority (default PATTERN_PRIORITY). */
  priority?: number;
}

/** A compiled admin pattern; `states` and `lastSteps` are there for tests and the bench. */
export interface AdminPatternMatcher extends Matcher {
  /** Instructions of the compiled program. */
  readonly states: number;
  /** Work units spent by the last `scan` (at most about 10 × (length + 1) × states). */
  readonly lastSteps: number;
}

export type AdminPatternResult =
  { ok: true; matcher: AdminPatternMatcher } | { ok: false; error: string };

/** A pattern compiled once (in the background), as JSON: what a frame builds its matcher from. */
export interface CompiledAdminPattern {
  id: string;
  confidence: Confidence;
  maxMatches: number;
  priority: number;
  program: StoredProgram;
}

export type CompiledAdminPatternResult =
  { ok: true; compiled: CompiledAdminPattern } | { ok: false; error: string };

/**
 * Compiles an admin regular expression into a CUSTOM_PATTERN matcher, or returns a readable
 * error (without the policy path, which the caller prefixes), e.g. "back-references (\1) are
 * not supported: … at character 5". Never throws for a bad pattern.
 */
export function compileAdminPattern(
  source: string,
  options: AdminPatternOptions,
): AdminPatternResult {
  const r = compileAdminProgram(source, options);
  return r.ok ? { ok: true, matcher: createAdminPatternMatcher(r.compiled) } : r;
}

/**
 * Compiles an admin regular expression into its JSON form (see ./stored.ts), or returns a
 * readable error as `compileAdminPattern` does. Never throws for a bad pattern.
 */
export function compileAdminProgram(
  source: string,
  options: AdminPatternOptions,
): CompiledAdminPatternResult {
  const fail = (error: string): CompiledAdminPatternResult => ({ ok: false, error });
  if (typeof options?.id !== 'string' || options.id.trim() === '')
    return fail('the pattern needs a non-empty id');
  if (typeof source !== 'string') return fail('the pattern must be a string');
  if (source === '') return fail('the pattern is empty');
  if (source.length > MAX_SOURCE)
    return fail(`the pattern is ${source.length} characters long; the limit is ${MAX_SOURCE}`);
  const flagText = options.flags ?? '';
  if (typeof flagText !== 'string') return fail('flags must be a string such as "i"');
  for (let i = 0; i < flagText.length; i++) {
    const f = flagText[i]!;
    if (!'gims'.includes(f)) return fail(`unsupported flag '${f}' (supported: i, m, s)`);
    if (flagText.indexOf(f) !== i) return fail(`flag '${f}' is given twice`);
  }
  const maxMatches = options.maxMatches ?? DEFAULT_MAX_MATCHES;
  if (!Number.isInteger(maxMatches) || maxMatches < 1)
    return fail('maxMatches must be a whole number of at least 1');
  const confidence = options.confidence ?? 'validated';
  if (!CONFIDENCES.includes(confidence))
    return fail(`confidence must be one of ${CONFIDENCES.join(', ')}`);
  const priority = options.priority ?? PATTERN_PRIORITY;

  let ast;
  try {
    ast = parsePattern(source, {
      ignoreCase: flagText.includes('i'),
      multiline: flagText.includes('m'),
      dotAll: flagText.includes('s'),
    });
  } catch (e) {
    if (e instanceof PatternSyntaxError) return fail(e.message);
    throw e;
  }
  if (nullable(ast))
    return fail(
      'the pattern can match an empty string, so it would flag every paste; make at least one part required (for example + instead of *)',
    );
  let program;
  try {
    program = compileProgram(ast, MAX_STATES);
  } catch (e) {
    if (e instanceof ProgramTooLarge)
      return fail(
        `the pattern compiles to more than ${MAX_STATES} states; large counted repetitions such as {1,500} or a repeated group multiply its size`,
      );
    throw e;
  }
  return {
    ok: true,
    compiled: { id: options.id, confidence, maxMatches, priority, program: storeProgram(program) },
  };
}

/** The CUSTOM_PATTERN matcher of a compiled pattern (no parsing: the program is ready). */
export function createAdminPatternMatcher(compiled: CompiledAdminPattern): AdminPatternMatcher {
  const program = loadProgram(compiled.program);
  const searcher = new Searcher(program);
  const { id: rule, confidence, maxMatches, priority } = compiled;
  return {
    states: program.size,
    get lastSteps() {
      return searcher.steps;
    },
    scan(text: string, emit: (hit: MatcherHit) => void): void {
      searcher.run(text, maxMatches, (start, end) => {
        emit({
          type: 'CUSTOM_PATTERN',
          start,
          end,
          confidence,
          compact: text.slice(start, end),
          rule,
          priority,
        });
      });
    },
  };
}
