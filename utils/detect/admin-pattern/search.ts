/**
 * Finds the non-overlapping leftmost-first matches of a compiled program (./compile.ts) in
 * O(text length × program size) time, whatever the pattern and the text, without
 * backtracking.
 *
 * ## Why two passes
 * A forward simulation (Pike VM) finds the first match in one pass, but to learn where a
 * greedy match ends it may read far past that end (`a(?:.*z)?` reads to the end of the text
 * looking for a `z`), and the next search starts again at the end of the match: quadratic in
 * the worst case. Instead:
 * 1. A backward pass computes, for every position p, the set Alive(p) of instructions from
 *    which MATCH is reachable reading the text from p (assertions evaluated where they
 *    stand). Alive(p) follows from Alive(p + 1): the CHAR instructions that accept text[p]
 *    and whose successor is in Alive(p + 1) (`live(p)`), plus MATCH, closed backwards over
 *    ε-edges. A match starts at p exactly when pc 0 ∈ Alive(p).
 * 2. A forward pass walks the text. At a start it follows the one path JavaScript's
 *    backtracking would take: at each position, the instructions reachable by ε-edges from the
 *    current one in priority order (depth first, preferred branch first, each instruction
 *    once per position, as a Pike VM orders its threads); the first that is MATCH or a CHAR
 *    in live(p) wins. A live CHAR is known to lead to a match, so nothing is undone and the
 *    walk never reads past the end of the match it reports.
 *
 * ## A lazy DFA for the backward pass
 * Computing Alive(p) costs O(size), but what the next step reads of it is only which CHAR
 * successors it holds, and the step depends only on that, on the class of text[p] and on a
 * context of a few bits (is p the start, is text[p - 1] a word character, a line terminator,
 * a high surrogate) that the assertions read. So Alive restricted to the CHAR successors is
 * interned as a DFA state, and each (state, class, context) transition is computed once and
 * cached with its live set and whether pc 0 was in Alive: the usual cost per character is a
 * class lookup and a table read. Classes are the intervals of code units that every CHAR
 * class (and the assertions' character tests) treat alike. The cache is bounded (MAX_TABLE
 * words, dense tables for small patterns, a hash table for patterns with many classes);
 * when it is full it is emptied and refilled, so the worst case stays one O(size)
 * computation per character.
 *
 * ## Memory
 * live(p) is a bit set over the CHAR instructions (`words` 32-bit words per position). The
 * text is cut into blocks of `block` positions; one block of live sets is held at a time, and
 * the backward pass keeps the DFA state at each block edge (as a bit set), from which the
 * forward pass recomputes a later block when it gets there (at most once per block, only for
 * blocks where a match starts or runs). Per run: n + 1 bytes of start marks, at most 64 KiB of
 * live sets and a few words per block.
 */
import { OP_ASSERT, OP_CHAR, OP_JMP, OP_MATCH, OP_SPLIT, classHas, type Program } from './compile';
import {
  ASSERT_CODE_POINT,
  ASSERT_END,
  ASSERT_END_LINE,
  ASSERT_NOT_WORD,
  ASSERT_START,
  ASSERT_START_LINE,
  ASSERT_WORD,
  normalizeRanges,
} from './parse';

/** Live-set words held per block (64 KiB). */
const BLOCK_WORDS = 16384;
/** Largest DFA cache, in 4-byte words (256 KiB): states, live sets and transition tables. */
const MAX_TABLE = 1 << 16;

// Context bits of a position p, read by the assertions.
const CTX_START = 1; // p === 0
const CTX_PREV_WORD = 2; // text[p - 1] is an ASCII word character
const CTX_PREV_LINE = 4; // text[p - 1] is a line terminator
const CTX_PREV_HIGH = 8; // text[p - 1] is a high surrogate

function isLineTerminator(c: number): boolean {
  return c === 10 || c === 13 || c === 0x2028 || c === 0x2029;
}

function isWordChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

function isHigh(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

function isLow(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

function ctxOfPrev(prev: number): number {
  return (
    (isWordChar(prev) ? CTX_PREV_WORD : 0) |
    (isLineTerminator(prev) ? CTX_PREV_LINE : 0) |
    (isHigh(prev) ? CTX_PREV_HIGH : 0)
  );
}

const EMPTY_U32 = new Uint32Array(0);
const EMPTY_U8 = new Uint8Array(0);

/**
 * A reusable searcher for one program. Scratch arrays sized by the program and the DFA cache
 * live as long as the searcher; those sized by the text only during `run`. A class rather
 * than closures so that optimised code survives from one paste to the next.
 */
export class Searcher {
  /** Work units (table reads, char tests, edge visits) spent by the last `run`. */
  steps = 0;

  private readonly prog: Program;
  private readonly words: number;
  private readonly aliveWords: number;
  private readonly block: number;
  private readonly matchPc: number;

  // Character classes: ASCII by table, the rest by binary search over interval starts.
  private readonly classCount: number;
  private readonly asciiClass: Uint16Array;
  private readonly highStart: Uint16Array;
  private readonly highClass: Uint16Array;
  /** A code unit of each class (all of a class behave alike). */
  private readonly repr: Int32Array;
  /** Which context bits the program reads, and the number of distinct contexts. */
  private readonly ctxMask: number;
  private readonly ctxCount: number;

  // DFA cache. State s has the pcs `sets[s]`: Alive restricted to the successors of CHAR
  // instructions, all a transition reads (so `(?:一|丁|…)+` needs one state, not one per
  // ideograph). Transition (s, k, x) leads to state T; its live set has id L in `livePool`
  // (`words` words each, id 0 the empty set), stored as 2L + (1 if pc 0 ∈ Alive). Dense mode,
  // when K × X is small: T and L at index (s·K + k)·X + x of `tNext` / `tLive`. Sparse mode
  // (patterns with many classes, whose tables would be mostly empty): an open-addressing hash
  // table from that index + 1 (`hKey`, 0 = free) to T and L (`hNext`, `hLive`).
  private readonly dense: boolean;
  private readonly maxStates: number;
  private capacity = 0;
  private sets: Int32Array[] = [];
  private setIds = new Map<string, number>();
  /** 1 for the pcs that follow a CHAR instruction. */
  private readonly isSucc: Uint8Array;
  private tNext = new Int32Array(0);
  private tLive = new Int32Array(0);
  private hKey = new Float64Array(0);
  private hNext = new Int32Array(0);
  private hLive = new Int32Array(0);
  private hShift = 32;
  private hCount = 0;
  private livePool = EMPTY_U32;
  private liveCount = 0;
  private liveIds = new Map<string, number>();
  /** Flushes of the DFA cache so far (a state id from before a flush is stale). */
  generation = 0;
  /** Words held by the cache (bounded by MAX_TABLE). */
  private stored = 0;
  /** Whether pc 0 was in Alive after the last computed transition. */
  private lastStart = 0;

  // Scratch.
  private readonly mark: Uint32Array;
  private stamp = 0;
  private readonly list: Int32Array;
  private readonly bits: Uint32Array;
  private readonly liveScratch: Uint32Array;
  private readonly stack: Int32Array;

  // Per run.
  private text = '';
  private n = 0;
  private live = EMPTY_U32;
  private startAlive = EMPTY_U8;
  private edges = EMPTY_U32;
  private blocks = 0;
  private loaded = 0;

  constructor(prog: Program) {
    this.prog = prog;
    const size = prog.size;
    this.matchPc = size - 1;
    this.words = Math.max(1, Math.ceil(prog.chars / 32));
    this.aliveWords = Math.ceil(size / 32);
    this.block = Math.max(64, Math.floor(BLOCK_WORDS / this.words));
    this.mark = new Uint32Array(size);
    this.list = new Int32Array(size);
    this.bits = new Uint32Array(this.aliveWords);
    this.liveScratch = new Uint32Array(this.words);
    this.isSucc = new Uint8Array(size);
    for (let ci = 0; ci < prog.chars; ci++) this.isSucc[prog.charPc[ci]! + 1] = 1;
    this.stack = new Int32Array(2 * size + 2);

    // Contexts the assertions need.
    let mask = 0;
    for (let pc = 0; pc < size; pc++) {
      if (prog.op[pc] !== OP_ASSERT) continue;
      const k = prog.arg[pc];
      if (k === ASSERT_START) mask |= CTX_START;
      else if (k === ASSERT_START_LINE) mask |= CTX_START | CTX_PREV_LINE;
      else if (k === ASSERT_WORD || k === ASSERT_NOT_WORD) mask |= CTX_PREV_WORD;
      else if (k === ASSERT_CODE_POINT) mask |= CTX_PREV_HIGH;
    }
    this.ctxMask = mask;
    this.ctxCount = mask + 1;

    // Equivalence classes: cut the code units at every range edge of every CHAR class, and
    // at the edges of the sets the assertions test (word characters, line terminators, low
    // surrogates) so that a class's representative answers for all of it.
    const { classes } = prog;
    const cuts = new Set<number>([0, 128]);
    const addRanges = (r: ArrayLike<number>) => {
      for (let i = 0; i < r.length; i += 2) {
        cuts.add(r[i]!);
        if (r[i + 1]! < 0xffff) cuts.add(r[i + 1]! + 1);
      }
    };
    for (let k = 0; k * 4 < classes.ascii.length; k++) {
      const ascii: number[] = [];
      for (let c = 0; c < 128; c++) if (classHas(classes, k, c)) ascii.push(c, c);
      addRanges(normalizeRanges(ascii));
    }
    addRanges(classes.ranges);
    addRanges([0x30, 0x39, 0x41, 0x5a, 0x5f, 0x5f, 0x61, 0x7a, 10, 10, 13, 13, 0x2028, 0x2029]);
    addRanges([0xdc00, 0xdfff]);
    const starts = [...cuts].sort((a, b) => a - b);
    this.classCount = starts.length;
    this.repr = Int32Array.from(starts);
    this.asciiClass = new Uint16Array(128);
    let k = 0;
    for (let c = 0; c < 128; c++) {
      while (k + 1 < starts.length && starts[k + 1]! <= c) k++;
      this.asciiClass[c] = k;
    }
    const high = starts.map((s, i) => [s, i] as const).filter(([s]) => s >= 128);
    this.highStart = Uint16Array.from(high.map(([s]) => s));
    this.highClass = Uint16Array.from(high.map(([, i]) => i));

    const perState = this.classCount * this.ctxCount;
    this.dense = perState <= 512;
    this.maxStates = this.dense
      ? Math.min(4096, Math.max(8, Math.floor(MAX_TABLE / (2 * perState + this.aliveWords))))
      : 4096;
    this.flush();
    this.generation = 0;
  }

  /** Calls `found` for each match, left to right, at most `max` times. */
  run(text: string, max: number, found: (start: number, end: number) => void): void {
    this.steps = 0;
    const n = text.length;
    if (n === 0 || max <= 0) return;
    const { block, words, aliveWords } = this;
    this.text = text;
    this.n = n;
    const blocks = Math.ceil(n / block);
    this.blocks = blocks;
    this.live = new Uint32Array(Math.min(block, n) * words);
    this.startAlive = new Uint8Array(n + 1);
    // Alive at the right edge of block k (position (k + 1) × block), for k < blocks - 1.
    this.edges = new Uint32Array(Math.max(0, blocks - 1) * aliveWords);
    try {
      this.backward();
      this.forward(max, found);
    } finally {
      this.text = '';
      this.live = EMPTY_U32;
      this.startAlive = EMPTY_U8;
      this.edges = EMPTY_U32;
    }
  }

  // ---- classes, contexts, assertions ----------------------------------------------------

  private classOf(c: number): number {
    if (c < 128) return this.asciiClass[c]!;
    const s = this.highStart;
    let lo = 0;
    let hi = s.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (s[mid]! <= c) lo = mid;
      else hi = mid - 1;
    }
    return this.highClass[lo]!;
  }

  /** Assertion `k` at a position p < n whose context is `x` and where text[p] is `c`. */
  private assertCtx(k: number, c: number, x: number): boolean {
    switch (k) {
      case ASSERT_START:
        return (x & CTX_START) !== 0;
      case ASSERT_START_LINE:
        return (x & (CTX_START | CTX_PREV_LINE)) !== 0;
      case ASSERT_END:
        return false;
      case ASSERT_END_LINE:
        return isLineTerminator(c);
      case ASSERT_WORD:
        return ((x & CTX_PREV_WORD) !== 0) !== isWordChar(c);
      case ASSERT_NOT_WORD:
        return ((x & CTX_PREV_WORD) !== 0) === isWordChar(c);
      case ASSERT_CODE_POINT:
        return !((x & CTX_PREV_HIGH) !== 0 && isLow(c));
    }
    return false;
  }

  /** Assertion `k` at position p of the current text (any p, including n). */
  private assertAt(k: number, p: number): boolean {
    const { text, n } = this;
    if (p < n) {
      const x = p === 0 ? CTX_START : ctxOfPrev(text.charCodeAt(p - 1));
      return this.assertCtx(k, text.charCodeAt(p), x);
    }
    switch (k) {
      case ASSERT_START:
      case ASSERT_START_LINE:
        return p === 0 || (k === ASSERT_START_LINE && isLineTerminator(text.charCodeAt(p - 1)));
      case ASSERT_END:
      case ASSERT_END_LINE:
      case ASSERT_CODE_POINT:
        return true;
      case ASSERT_WORD:
        return p > 0 && isWordChar(text.charCodeAt(p - 1));
      case ASSERT_NOT_WORD:
        return !(p > 0 && isWordChar(text.charCodeAt(p - 1)));
    }
    return false;
  }

  // ---- DFA cache --------------------------------------------------------------------------

  private flush(): void {
    this.sets = [];
    this.setIds.clear();
    this.capacity = 0;
    this.tNext = new Int32Array(0);
    this.tLive = new Int32Array(0);
    this.hKey = new Float64Array(0);
    this.hNext = new Int32Array(0);
    this.hLive = new Int32Array(0);
    this.hShift = 32;
    this.hCount = 0;
    this.liveIds.clear();
    this.livePool = new Uint32Array(8 * this.words);
    this.liveCount = 1; // id 0: the empty set
    this.liveIds.set(this.livePool.subarray(0, this.words).join(','), 0);
    this.stored = 0;
    this.generation++;
  }

  /** Room for more states (dense tables grow with them). */
  private grow(): void {
    const cap = Math.min(this.maxStates, Math.max(8, this.capacity * 2));
    if (this.dense) {
      const per = this.classCount * this.ctxCount;
      const next = new Int32Array(cap * per).fill(-1);
      next.set(this.tNext);
      const live = new Int32Array(cap * per);
      live.set(this.tLive);
      this.stored += 2 * (cap - this.capacity) * per;
      this.tNext = next;
      this.tLive = live;
    }
    this.capacity = cap;
  }

  /** Index of `key` in the hash table, or -1 - (the free slot where it would go). */
  private find(key: number): number {
    const keys = this.hKey;
    if (keys.length === 0) return -1;
    const mask = keys.length - 1;
    const h = Math.imul(
      (key >>> 0) ^ Math.imul(Math.floor(key / 4294967296), 0x27d4eb2d),
      0x9e3779b1,
    );
    let i = h >>> this.hShift;
    for (;;) {
      const k = keys[i]!;
      if (k === key) return i;
      if (k === 0) return -1 - i;
      i = (i + 1) & mask;
    }
  }

  private hashPut(key: number, next: number, live: number): void {
    if (2 * (this.hCount + 1) > this.hKey.length) {
      const old = this.hKey;
      const oldNext = this.hNext;
      const oldLive = this.hLive;
      const size = Math.max(256, old.length * 2);
      this.hKey = new Float64Array(size);
      this.hNext = new Int32Array(size);
      this.hLive = new Int32Array(size);
      this.hShift = 32 - Math.log2(size);
      this.stored += 2 * (size - old.length);
      for (let i = 0; i < old.length; i++) {
        if (old[i] === 0) continue;
        const j = -1 - this.find(old[i]!);
        this.hKey[j] = old[i]!;
        this.hNext[j] = oldNext[i]!;
        this.hLive[j] = oldLive[i]!;
      }
    }
    const j = this.find(key);
    const at = j >= 0 ? j : -1 - j;
    if (j < 0) this.hCount++;
    this.hKey[at] = key;
    this.hNext[at] = next;
    this.hLive[at] = live;
  }

  /** Whether adding `words` more would overflow the cache; if so, empties it first. */
  private reserve(words: number): void {
    if (this.stored + words > MAX_TABLE) this.flush();
    this.stored += words;
  }

  /** The state of the set `list[0 .. len)` (all pcs distinct) restricted to the CHAR
   * successors, added if new. */
  private intern(len: number): number {
    const { bits, list, isSucc } = this;
    bits.fill(0);
    let kept = 0;
    for (let i = 0; i < len; i++) {
      const pc = list[i]!;
      if (isSucc[pc] === 0) continue;
      bits[pc >>> 5]! |= 1 << (pc & 31);
      kept++;
    }
    this.steps += len + bits.length;
    len = kept;
    const key = bits.join(',');
    const known = this.setIds.get(key);
    if (known !== undefined) return known;
    if (this.sets.length >= this.maxStates) this.flush();
    this.reserve(len + 2 * bits.length);
    if (this.sets.length >= this.capacity) this.grow();
    const id = this.sets.length;
    const pcs = new Int32Array(len);
    let j = 0;
    for (let w = 0; w < bits.length; w++) {
      let b = bits[w]!;
      while (b !== 0) {
        const t = 31 - Math.clz32(b);
        b &= ~(1 << t);
        pcs[j++] = w * 32 + t;
      }
    }
    this.sets.push(pcs);
    this.setIds.set(key, id);
    return id;
  }

  /** The id of the live set in `liveScratch`, added to the pool if new. */
  private internLive(): number {
    const { words, liveScratch } = this;
    const key = liveScratch.join(',');
    const known = this.liveIds.get(key);
    if (known !== undefined) return known;
    this.reserve(3 * words);
    let pool = this.livePool;
    if ((this.liveCount + 1) * words > pool.length) {
      pool = new Uint32Array(pool.length * 2);
      pool.set(this.livePool);
      this.livePool = pool;
    }
    const id = this.liveCount++;
    pool.set(liveScratch, id * words);
    this.liveIds.set(key, id);
    return id;
  }

  private nextStamp(): number {
    if (this.stamp === 0xffffffff) {
      this.mark.fill(0);
      this.stamp = 0;
    }
    return ++this.stamp;
  }

  /**
   * Closes `list[0 .. len)` (all marked with the current stamp) backwards over ε-edges. An
   * assertion is evaluated at position p of the text when p ≥ 0, else from the class
   * representative `c` of text[p] and the context bits `x`.
   */
  private closeBack(len: number, p: number, c: number, x: number): number {
    const { revEpsStart, revEps, op, arg } = this.prog;
    const { mark, list } = this;
    const stamp = this.stamp;
    let steps = 0;
    for (let i = 0; i < len; i++) {
      const t = list[i]!;
      for (let e = revEpsStart[t]!; e < revEpsStart[t + 1]!; e++) {
        steps++;
        const y = revEps[e]!;
        if (mark[y] === stamp) continue;
        if (op[y] === OP_ASSERT) {
          const ok = p >= 0 ? this.assertAt(arg[y]!, p) : this.assertCtx(arg[y]!, c, x);
          if (!ok) continue;
        }
        mark[y] = stamp;
        list[len++] = y;
      }
    }
    this.steps += steps;
    return len;
  }

  /** The state of Alive(p) for a p where no CHAR is taken (p = n): the closure of MATCH. */
  private matchClosureAt(p: number): number {
    this.nextStamp();
    this.mark[this.matchPc] = this.stamp;
    this.list[0] = this.matchPc;
    return this.intern(this.closeBack(1, p, 0, 0));
  }

  /**
   * Computes and caches the transition from state s on class k in context x, writing the
   * live set of (s, k) at `row` of the block buffer. Returns the next state.
   */
  private transition(s: number, k: number, x: number, row: number): number {
    const gen = this.generation;
    const { words, mark, list, liveScratch, live } = this;
    const { revCharStart, revChar, classes, charClass, charPc } = this.prog;
    const c = this.repr[k]!;
    liveScratch.fill(0);
    const stamp = this.nextStamp();
    let len = 0;
    let steps = words;
    const set = this.sets[s]!;
    for (let i = 0; i < set.length; i++) {
      const t = set[i]!;
      for (let e = revCharStart[t]!; e < revCharStart[t + 1]!; e++) {
        steps++;
        const ci = revChar[e]!;
        if (!classHas(classes, charClass[ci]!, c)) continue;
        liveScratch[ci >>> 5]! |= 1 << (ci & 31);
        const pc = charPc[ci]!;
        if (mark[pc] !== stamp) {
          mark[pc] = stamp;
          list[len++] = pc;
        }
      }
    }
    this.steps += steps;
    live.set(liveScratch, row);
    if (mark[this.matchPc] !== stamp) {
      mark[this.matchPc] = stamp;
      list[len++] = this.matchPc;
    }
    len = this.closeBack(len, -1, c, x);
    this.lastStart = mark[0] === stamp ? 1 : 0;
    // Both may empty the cache; a state from before that (s) must not be cached from.
    const lid = this.internLive() * 2 + this.lastStart;
    const t = this.intern(len);
    if (gen === this.generation) {
      const key = (s * this.classCount + k) * this.ctxCount + x;
      if (this.dense) {
        this.tNext[key] = t;
        this.tLive[key] = lid;
      } else if (this.stored + 8 <= MAX_TABLE) {
        // (Never flush here: t must stay valid for the caller.)
        this.stored += 4;
        this.hashPut(key + 1, t, lid);
      }
    }
    return t;
  }

  /**
   * Runs the DFA backwards over [lo, hi) from state `s` (Alive(hi)), writing live sets into
   * the block buffer (row of p at (p - lo) × words) and, when `starts`, the start marks.
   * Returns the state of Alive(lo).
   */
  private scanBack(lo: number, hi: number, s: number, starts: boolean): number {
    const { text, words, live, ctxMask, ctxCount, classCount, startAlive, dense } = this;
    let steps = 0;
    let c = hi > lo ? text.charCodeAt(hi - 1) : 0;
    for (let p = hi - 1; p >= lo; p--) {
      const prev = p > 0 ? text.charCodeAt(p - 1) : 0;
      const k = this.classOf(c);
      const x = ctxMask === 0 ? 0 : (p === 0 ? CTX_START : ctxOfPrev(prev)) & ctxMask;
      const key = (s * classCount + k) * ctxCount + x;
      let t: number;
      let code = 0;
      if (dense) {
        t = this.tNext[key]!;
        if (t >= 0) code = this.tLive[key]!;
      } else {
        const j = this.find(key + 1);
        t = j >= 0 ? this.hNext[j]! : -1;
        if (t >= 0) code = this.hLive[j]!;
      }
      const row = (p - lo) * words;
      let start: number;
      if (t < 0) {
        t = this.transition(s, k, x, row);
        start = this.lastStart;
      } else {
        steps++;
        start = code & 1;
        const lid = code >>> 1;
        if (words === 1) live[row] = this.livePool[lid]!;
        else for (let w = 0; w < words; w++) live[row + w] = this.livePool[lid * words + w]!;
      }
      if (starts && start === 1) startAlive[p] = 1;
      s = t;
      c = prev;
    }
    this.steps += steps;
    return s;
  }

  // ---- the two passes ---------------------------------------------------------------------

  /** Pass 1: right to left over the whole text; keeps Alive at block edges. */
  private backward(): void {
    const { n, block } = this;
    let s = this.matchClosureAt(n);
    for (let k = this.blocks - 1; k >= 0; k--) {
      const lo = k * block;
      s = this.scanBack(lo, Math.min(lo + block, n), s, true);
      if (k > 0) this.saveEdge(k - 1, s);
    }
    this.loaded = 0;
  }

  private saveEdge(k: number, s: number): void {
    const { edges } = this;
    const set = this.sets[s]!;
    const base = k * this.aliveWords;
    for (let i = 0; i < set.length; i++) edges[base + (set[i]! >>> 5)]! |= 1 << (set[i]! & 31);
    this.steps += set.length;
  }

  /** Recomputes the live sets of block k from Alive at its right edge. */
  private loadBlock(k: number): void {
    const { block, edges, aliveWords, list } = this;
    let s: number;
    if (k >= this.blocks - 1) s = this.matchClosureAt(this.n);
    else {
      let len = 0;
      const base = k * aliveWords;
      this.nextStamp();
      for (let w = 0; w < aliveWords; w++) {
        let b = edges[base + w]!;
        while (b !== 0) {
          const t = 31 - Math.clz32(b);
          b &= ~(1 << t);
          list[len++] = w * 32 + t;
          this.mark[w * 32 + t] = this.stamp;
        }
      }
      s = this.intern(len);
    }
    const lo = k * block;
    this.scanBack(lo, Math.min(lo + block, this.n), s, false);
    this.loaded = k;
  }

  /** Pass 2: left to right, following each match. */
  private forward(max: number, found: (start: number, end: number) => void): void {
    const { n, text, startAlive, block } = this;
    let count = 0;
    let p = 0;
    while (p < n && count < max) {
      if (startAlive[p] === 0) {
        p = startAlive.indexOf(1, p);
        if (p < 0) break;
      }
      // Never start between the halves of a surrogate pair.
      if (p > 0 && isLow(text.charCodeAt(p)) && isHigh(text.charCodeAt(p - 1))) {
        p++;
        continue;
      }
      let pc = 0;
      let q = p;
      for (;;) {
        if (q < n && Math.floor(q / block) !== this.loaded) this.loadBlock(Math.floor(q / block));
        const next = this.follow(pc, q);
        if (next < 0) break;
        pc = next;
        q++;
      }
      found(p, q);
      count++;
      p = q > p ? q : p + 1;
    }
  }

  /**
   * From instruction `pc` at position q: the first MATCH (returns -1) or live CHAR (returns
   * its successor) in priority order: depth first, SPLIT's preferred branch first, each
   * instruction once.
   */
  private follow(pc: number, q: number): number {
    const { op, arg, arg2, charIndex } = this.prog;
    const { stack, mark, live } = this;
    const row = q < this.n ? (q - this.loaded * this.block) * this.words : -1;
    const s = this.nextStamp();
    let top = 0;
    let steps = 0;
    let result = -1;
    stack[top++] = pc;
    while (top > 0) {
      const x = stack[--top]!;
      if (mark[x] === s) continue;
      mark[x] = s;
      steps++;
      const o = op[x];
      if (o === OP_MATCH) break;
      if (o === OP_CHAR) {
        if (row < 0) continue;
        const ci = charIndex[x]!;
        if ((live[row + (ci >>> 5)]! >>> (ci & 31)) & 1) {
          result = x + 1;
          break;
        }
      } else if (o === OP_SPLIT) {
        stack[top++] = arg2[x]!;
        stack[top++] = arg[x]!;
      } else if (o === OP_JMP) stack[top++] = arg[x]!;
      else if (this.assertAt(arg[x]!, q)) stack[top++] = x + 1;
    }
    // Without MATCH or a live CHAR (impossible when pc is alive at q) the match ends here.
    this.steps += steps;
    return result;
  }
}
