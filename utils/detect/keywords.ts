/**
 * Admin keywords: classification marks (机密, CONFIDENTIAL…), project code names and other
 * words the admin lists, found in one pass over the pasted text.
 *
 * ## Matching
 * Words and text go through the same normalisation as the client list
 * (./client-list/normalise.ts: NFKC, lower case, zero-width characters dropped, white space
 * folded to one space and dropped between CJK characters), so `Ｃｏｎｆｉｄｅｎｔｉａｌ`,
 * `confidential` and `CONFIDENTIAL` are one word, and `商业 秘密` in the text is `商业秘密`.
 * - Chinese (and any other non-Latin) edges match anywhere: Chinese has no word boundaries,
 *   `这是机密文件` holds 机密.
 * - An edge of a word that is a Latin word character (`isWordUnit`: letters, digits, `_`,
 *   Latin-1/Extended, Greek, Cyrillic) must stand next to a non-word character or the end of
 *   the text. `CONFIDENTIAL` is not found in `nonconfidentiality` or `confidential2`, `internal`
 *   is not found in `internals`, but both are found in `non-confidential`, `(internal)` and
 *   `内部internal文件`. A mixed word such as `项目X` checks only its Latin edge.
 * - Overlaps are resolved leftmost-longest: of the words that match, the one starting first
 *   wins, and of those the longest (`STRICTLY CONFIDENTIAL` over `CONFIDENTIAL`, `商业秘密`
 *   over `秘密`); hits never overlap. A word listed in several groups reports the first group.
 * Offsets are those of the original text (the normalised units map back through
 * srcStart/srcEnd), so a hit covers any zero-width or full-width characters inside the word.
 *
 * ## Automaton (built once per policy; compact typed arrays)
 * An Aho-Corasick automaton over the normalised UTF-16 units of every word of every group:
 * - trie nodes are numbered in breadth-first order; the children of node `s` are the edges
 *   `edgeStart[s] .. edgeStart[s + 1]`, sorted by unit (`edgeUnit`, target in `edgeNext`) and
 *   found by binary search; the root also has a direct table for ASCII units;
 * - `fail[s]` is the node of the longest proper suffix of `s`'s string that is in the trie;
 * - `word[s]` is the keyword that ends at `s` (or -1) and `dict[s]` the nearest node on the
 *   fail chain where a keyword ends (or -1), so the keywords ending at a text position are
 *   `word[s]`, then `word[dict[s]]`, `word[dict[dict[s]]]`… (longest first).
 * Scanning is one pass over the normalised text: amortised O(1) transitions per unit, plus one
 * step per keyword that ends at the position (at most one per distinct length, so at most
 * MAX_KEYWORD_LENGTH). For each start the longest word passing the boundary checks is kept;
 * a last pass picks the leftmost-longest non-overlapping hits.
 *
 * ## Overlaps with other findings
 * KEYWORD hits have priority 10 by default, below every detector and the client list, so a
 * keyword never hides an ID, a card or a client name that overlaps it when both are equally
 * confident (the engine compares confidence, then priority, then length). Latin edges need a
 * word boundary, so a code name like `2024` is not found inside an ID number at all.
 */
import type { Matcher, MatcherHit } from './engine';
import { isWordUnit, normaliseText } from './client-list/normalise';
import { CONFIDENCES, type Confidence } from './types';

/** A list of words that one admin rule names; `id` is reported as the hit's `rule`. */
export interface KeywordGroup {
  id: string;
  words: readonly string[];
  /** Confidence of its hits (default `validated`: a listed word is an exact match). */
  confidence?: Confidence;
}

export interface KeywordMatcherOptions {
  /** Overlap priority of KEYWORD hits (default KEYWORD_PRIORITY). */
  priority?: number;
}

/** Default overlap priority: below every detector (IPv4 is 40) and the client list (40). */
export const KEYWORD_PRIORITY = 10;
/** Longest word, in characters as written and after normalisation. */
export const MAX_KEYWORD_LENGTH = 200;
/** Most words over all groups of one matcher. */
export const MAX_KEYWORDS = 10_000;
/** Most normalised characters over all words (bounds the automaton to a few MB). */
export const MAX_KEYWORD_CHARS = 200_000;

/** The classification marks most policies enable (group id `classification`). */
export const CLASSIFICATION_MARKS: KeywordGroup = Object.freeze({
  id: 'classification',
  words: Object.freeze([
    '机密',
    '绝密',
    '秘密',
    '内部',
    '商业秘密',
    'CONFIDENTIAL',
    'STRICTLY CONFIDENTIAL',
  ]),
});

/** A keyword list that cannot be used; the message names the group and the word. */
export class KeywordError extends Error {
  override name = 'KeywordError';
}

/** Compiled keywords (see the header comment for the layout). */
interface Automaton {
  rootAscii: Int32Array;
  edgeStart: Int32Array;
  edgeUnit: Uint16Array;
  edgeNext: Int32Array;
  fail: Int32Array;
  word: Int32Array;
  dict: Int32Array;
  /** Per keyword: normalised length, group index, boundary flags (1 start, 2 end). */
  wordLen: Uint16Array;
  wordGroup: Int32Array;
  wordEdges: Uint8Array;
  /** Per keyword: the normalised form (the hit's `compact`). */
  wordText: string[];
}

function describe(group: unknown, gi: number): string {
  const id = (group as { id?: unknown } | null)?.id;
  return typeof id === 'string' && id !== '' ? `keyword group '${id}'` : `keyword group ${gi}`;
}

interface Word {
  text: string;
  group: number;
}

/** Checks the groups and returns the distinct normalised words (first group wins). */
function collectWords(groups: readonly KeywordGroup[]): Word[] {
  if (!Array.isArray(groups)) throw new KeywordError('keyword groups must be a list');
  const seen = new Map<string, number>();
  const words: Word[] = [];
  let total = 0;
  let chars = 0;
  groups.forEach((group, gi) => {
    const name = describe(group, gi);
    if (typeof group !== 'object' || group === null)
      throw new KeywordError(`${name}: must be an object with an id and words`);
    if (typeof group.id !== 'string' || group.id.trim() === '')
      throw new KeywordError(`${name}: needs a non-empty id`);
    if (group.confidence !== undefined && !CONFIDENCES.includes(group.confidence))
      throw new KeywordError(`${name}: confidence must be one of ${CONFIDENCES.join(', ')}`);
    if (!Array.isArray(group.words)) throw new KeywordError(`${name}: words must be a list`);
    group.words.forEach((w: unknown, wi: number) => {
      const at = `${name} words[${wi}]`;
      total++;
      if (total > MAX_KEYWORDS)
        throw new KeywordError(
          `${at}: too many keywords (more than ${MAX_KEYWORDS} over all groups)`,
        );
      if (typeof w !== 'string') throw new KeywordError(`${at}: must be a string`);
      if (w.length > MAX_KEYWORD_LENGTH)
        throw new KeywordError(
          `${at}: is ${w.length} characters long; the limit is ${MAX_KEYWORD_LENGTH}`,
        );
      const norm = normalisedString(w);
      if (norm === '')
        throw new KeywordError(
          w.trim() === ''
            ? `${at}: is empty`
            : `${at}: is empty once white space and invisible characters are removed`,
        );
      if (norm.length > MAX_KEYWORD_LENGTH)
        throw new KeywordError(
          `${at}: is ${norm.length} characters long after normalisation; the limit is ${MAX_KEYWORD_LENGTH}`,
        );
      if (seen.has(norm)) return;
      chars += norm.length;
      if (chars > MAX_KEYWORD_CHARS)
        throw new KeywordError(
          `${at}: the keywords add up to more than ${MAX_KEYWORD_CHARS} characters`,
        );
      seen.set(norm, gi);
      words.push({ text: norm, group: gi });
    });
  });
  return words;
}

function normalisedString(s: string): string {
  const r = normaliseText(s);
  let out = '';
  for (let i = 0; i < r.length; i++) out += String.fromCharCode(r.units[i]!);
  return out;
}

/** Builds the trie (breadth-first numbering), fail links and dictionary links. */
function buildAutomaton(words: Word[]): Automaton {
  // Trie with one Map keyed by node * 65536 + unit; nodes numbered in insertion order.
  const child = new Map<number, number>();
  const endWord: number[] = [-1];
  const parents: number[] = [-1];
  const units: number[] = [0];
  for (let k = 0; k < words.length; k++) {
    const w = words[k]!.text;
    let s = 0;
    for (let i = 0; i < w.length; i++) {
      const key = s * 65536 + w.charCodeAt(i);
      let t = child.get(key);
      if (t === undefined) {
        t = endWord.length;
        child.set(key, t);
        endWord.push(-1);
        parents.push(s);
        units.push(w.charCodeAt(i));
      }
      s = t;
    }
    endWord[s] = k;
  }
  const n = endWord.length;

  // Renumber breadth-first with children sorted by unit: edges of a node are then contiguous.
  const byParent: number[][] = Array.from({ length: n }, () => []);
  for (let t = 1; t < n; t++) byParent[parents[t]!]!.push(t);
  const order = new Int32Array(n);
  let head = 0;
  let tail = 1;
  const edgeStart = new Int32Array(n + 1);
  const edgeUnit = new Uint16Array(Math.max(n - 1, 0));
  const edgeNext = new Int32Array(Math.max(n - 1, 0));
  while (head < tail) {
    const old = order[head]!;
    edgeStart[head] = tail - 1;
    const kids = byParent[old]!.sort((a, b) => units[a]! - units[b]!);
    for (const kid of kids) {
      order[tail] = kid;
      edgeUnit[tail - 1] = units[kid]!;
      edgeNext[tail - 1] = tail;
      tail++;
    }
    head++;
  }
  edgeStart[n] = n - 1;

  const word = new Int32Array(n);
  for (let s = 0; s < n; s++) word[s] = endWord[order[s]!]!;
  const rootAscii = new Int32Array(128).fill(-1);
  for (let e = edgeStart[0]!; e < edgeStart[1]!; e++) {
    if (edgeUnit[e]! < 128) rootAscii[edgeUnit[e]!] = edgeNext[e]!;
  }
  const a = {
    rootAscii,
    edgeStart,
    edgeUnit,
    edgeNext,
    fail: new Int32Array(n),
    word,
    dict: new Int32Array(n).fill(-1),
  };
  // Breadth-first order means a node's fail target is numbered before it.
  for (let s = 0; s < n; s++) {
    for (let e = edgeStart[s]!; e < edgeStart[s + 1]!; e++) {
      const t = edgeNext[e]!;
      let f = 0;
      if (s !== 0) {
        f = a.fail[s]!;
        for (;;) {
          const g = step(a, f, edgeUnit[e]!);
          if (g >= 0) {
            f = g;
            break;
          }
          if (f === 0) break;
          f = a.fail[f]!;
        }
      }
      a.fail[t] = f;
      a.dict[t] = word[f]! >= 0 ? f : a.dict[f]!;
    }
  }

  const wordLen = new Uint16Array(words.length);
  const wordGroup = new Int32Array(words.length);
  const wordEdges = new Uint8Array(words.length);
  const wordText: string[] = [];
  words.forEach((w, k) => {
    wordLen[k] = w.text.length;
    wordGroup[k] = w.group;
    wordEdges[k] =
      (isWordUnit(w.text.charCodeAt(0)) ? 1 : 0) |
      (isWordUnit(w.text.charCodeAt(w.text.length - 1)) ? 2 : 0);
    wordText.push(w.text);
  });
  return { ...a, wordLen, wordGroup, wordEdges, wordText };
}

/** The trie child of `s` on `unit`, or -1. */
function step(
  a: Pick<Automaton, 'rootAscii' | 'edgeStart' | 'edgeUnit' | 'edgeNext'>,
  s: number,
  unit: number,
): number {
  if (s === 0 && unit < 128) return a.rootAscii[unit]!;
  let lo = a.edgeStart[s]!;
  let hi = a.edgeStart[s + 1]! - 1;
  const eu = a.edgeUnit;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const u = eu[mid]!;
    if (u === unit) return a.edgeNext[mid]!;
    if (u < unit) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/**
 * Builds a Matcher that reports a KEYWORD hit (rule = the group id) for every listed word in
 * the text: one automaton for all groups, one pass per paste, leftmost-longest, Latin words on
 * word boundaries only (see the module comment). Throws KeywordError naming the group and the
 * word index for an empty word, a word longer than 200 characters, more than 10,000 words or
 * more than 200,000 characters in all.
 */
export function createKeywordMatcher(
  groups: readonly KeywordGroup[],
  options: KeywordMatcherOptions = {},
): Matcher {
  const words = collectWords(groups);
  const priority = options.priority ?? KEYWORD_PRIORITY;
  const ids = groups.map((g) => g.id);
  const confidence = groups.map((g) => g.confidence ?? 'validated');
  if (words.length === 0) return { scan() {} };
  const a = buildAutomaton(words);
  const { fail, word, dict, wordLen, wordGroup, wordEdges, wordText } = a;

  return {
    scan(text: string, emit: (hit: MatcherHit) => void): void {
      const norm = normaliseText(text);
      const u = norm.units;
      const m = norm.length;
      if (m === 0) return;
      // best[s] = 1 + the longest keyword that starts at s and passes the boundary checks.
      const best = new Int32Array(m);
      let any = false;
      let s = 0;
      for (let i = 0; i < m; i++) {
        const c = u[i]!;
        for (;;) {
          const t = step(a, s, c);
          if (t >= 0) {
            s = t;
            break;
          }
          if (s === 0) break;
          s = fail[s]!;
        }
        if (s === 0) continue;
        let o = word[s]! >= 0 ? s : dict[s]!;
        const endOk = i + 1 === m || !isWordUnit(u[i + 1]!);
        for (; o >= 0; o = dict[o]!) {
          const k = word[o]!;
          const edges = wordEdges[k]!;
          if (edges & 2 && !endOk) continue;
          const start = i + 1 - wordLen[k]!;
          if (edges & 1 && start > 0 && isWordUnit(u[start - 1]!)) continue;
          // Later ends are longer: overwrite.
          best[start] = k + 1;
          any = true;
        }
      }
      if (!any) return;
      for (let i = 0; i < m;) {
        const b = best[i]!;
        if (b === 0) {
          i++;
          continue;
        }
        const k = b - 1;
        const end = i + wordLen[k]!;
        const g = wordGroup[k]!;
        emit({
          type: 'KEYWORD',
          start: norm.srcStart[i]!,
          end: norm.srcEnd[end - 1]!,
          confidence: confidence[g]!,
          compact: wordText[k]!,
          rule: ids[g]!,
          priority,
        });
        i = end;
      }
    },
  };
}
