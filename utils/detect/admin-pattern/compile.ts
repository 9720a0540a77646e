/**
 * Compiles a parsed pattern (./parse.ts) into a Thompson NFA program over UTF-16 code units,
 * in typed arrays, plus the reverse edges the matcher (./search.ts) walks.
 *
 * ## Program
 * Instruction `pc` is `op[pc]` with arguments `arg[pc]`, `arg2[pc]`:
 * - CHAR: consume one code unit in class `arg` and go to `pc + 1`;
 * - SPLIT: go to `arg` (preferred) and to `arg2` (the order gives JavaScript's priority:
 *   greedy loops prefer another iteration, lazy ones prefer to leave);
 * - JMP: go to `arg`;  ASSERT: go to `pc + 1` if assertion `arg` holds here;  MATCH.
 * Execution starts at pc 0. A code-point set becomes up to three exclusive alternatives: one
 * unit outside the surrogates; a lone surrogate followed by a code-point-boundary assertion; a
 * high then a low surrogate (an astral code point). So `.` never splits a surrogate pair.
 * Counted repetitions are expanded (`x{2,4}` = `x x (x (x)?)?`), which is why the program
 * size is capped. JavaScript rejects an iteration beyond the minimum that matches empty (so
 * `(?:a??)?` takes the `a`); when the body can match empty, its optional iterations use a
 * non-empty version of it (two copies: before and after the first consumed unit), so the
 * program has no ε-cycle and the priority of paths is exactly that of backtracking.
 *
 * ## Classes
 * Class `k`: a 128-bit ASCII bitmap at `ascii[4k .. 4k+4)` and sorted inclusive ranges of the
 * units ≥ 128 at `ranges[rangeStart[k] .. rangeStart[k+1])` (pairs), found by binary search.
 * The `alphabet` class is the union of all of them: a unit outside it cannot be consumed.
 *
 * ## Reverse edges
 * `revEps[revEpsStart[t] .. revEpsStart[t+1])` lists the SPLIT, JMP and ASSERT instructions
 * with an ε-edge to `t`; `revChar[revCharStart[t] .. revCharStart[t+1])` lists the CHAR
 * instructions (by their dense index `ci`, pc `charPc[ci]`) whose successor is `t`.
 */
import { ASSERT_CODE_POINT, normalizeRanges, nullable, type Ast } from './parse';

export const OP_CHAR = 0;
export const OP_SPLIT = 1;
export const OP_JMP = 2;
export const OP_ASSERT = 3;
export const OP_MATCH = 4;

export interface CharClasses {
  ascii: Uint32Array;
  rangeStart: Int32Array;
  ranges: Uint16Array;
}

export interface Program {
  /** Number of instructions (the "states" that bound the work per character). */
  size: number;
  op: Uint8Array;
  arg: Int32Array;
  arg2: Int32Array;
  /** Number of CHAR instructions, their pcs, and pc → dense index (or -1). */
  chars: number;
  charPc: Int32Array;
  charIndex: Int32Array;
  classes: CharClasses;
  /** Class index of each CHAR instruction (by dense index). */
  charClass: Int32Array;
  alphabet: CharClasses;
  revEpsStart: Int32Array;
  revEps: Int32Array;
  revCharStart: Int32Array;
  revChar: Int32Array;
}

/** Thrown when the program would exceed the state limit. */
export class ProgramTooLarge extends Error {}

function buildClasses(list: number[][]): CharClasses {
  const ascii = new Uint32Array(list.length * 4);
  const rangeStart = new Int32Array(list.length + 1);
  const high: number[] = [];
  list.forEach((r, k) => {
    rangeStart[k] = high.length;
    for (let i = 0; i < r.length; i += 2) {
      const lo = r[i]!;
      const hi = r[i + 1]!;
      for (let c = lo; c <= Math.min(hi, 127); c++) ascii[4 * k + (c >> 5)]! |= 1 << (c & 31);
      if (hi >= 128) high.push(Math.max(lo, 128), hi);
    }
  });
  rangeStart[list.length] = high.length;
  return { ascii, rangeStart, ranges: Uint16Array.from(high) };
}

/** Whether class `k` holds code unit `c`. */
export function classHas(cls: CharClasses, k: number, c: number): boolean {
  if (c < 128) return ((cls.ascii[4 * k + (c >> 5)]! >>> (c & 31)) & 1) === 1;
  const r = cls.ranges;
  let lo = cls.rangeStart[k]! >> 1;
  let hi = (cls.rangeStart[k + 1]! >> 1) - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (c < r[2 * mid]!) hi = mid - 1;
    else if (c > r[2 * mid + 1]!) lo = mid + 1;
    else return true;
  }
  return false;
}

function intersect(r: number[], lo: number, hi: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < r.length; i += 2) {
    const a = Math.max(r[i]!, lo);
    const b = Math.min(r[i + 1]!, hi);
    if (a <= b) out.push(a, b);
  }
  return out;
}

class Emitter {
  op: number[] = [];
  arg: number[] = [];
  arg2: number[] = [];
  constructor(
    private readonly maxStates: number,
    readonly classList: number[][] = [],
    private readonly classKeys = new Map<string, number>(),
  ) {}

  get pc(): number {
    return this.op.length;
  }

  push(op: number, arg = 0, arg2 = 0): number {
    if (this.op.length >= this.maxStates) throw new ProgramTooLarge();
    this.op.push(op);
    this.arg.push(arg);
    this.arg2.push(arg2);
    return this.op.length - 1;
  }

  classOf(r: number[]): number {
    const key = r.join(',');
    let k = this.classKeys.get(key);
    if (k === undefined) {
      k = this.classList.length;
      this.classList.push(r);
      this.classKeys.set(key, k);
    }
    return k;
  }

  emit(a: Ast): void {
    switch (a.t) {
      case 'unit':
        this.push(OP_CHAR, this.classOf(a.r));
        return;
      case 'set':
        return this.emitSet(a.r, a.astral);
      case 'assert':
        this.push(OP_ASSERT, a.k);
        return;
      case 'seq':
        for (const x of a.a) this.emit(x);
        return;
      case 'alt':
        return this.emitAlt(a.a.map((x) => () => this.emit(x)));
      case 'rep':
        return this.emitRep(a.a, a.min, a.max, a.lazy);
    }
  }

  private emitSet(r: number[], astral: boolean): void {
    const bmp = normalizeRanges([...intersect(r, 0, 0xd7ff), ...intersect(r, 0xe000, 0xffff)]);
    const sur = intersect(r, 0xd800, 0xdfff);
    const branches: (() => void)[] = [];
    if (bmp.length) branches.push(() => this.push(OP_CHAR, this.classOf(bmp)));
    if (sur.length)
      branches.push(() => {
        this.push(OP_CHAR, this.classOf(sur));
        this.push(OP_ASSERT, ASSERT_CODE_POINT);
      });
    if (astral)
      branches.push(() => {
        this.push(OP_CHAR, this.classOf([0xd800, 0xdbff]));
        this.push(OP_CHAR, this.classOf([0xdc00, 0xdfff]));
      });
    // An empty set (`[]`) can never match: a CHAR of the empty class.
    if (branches.length === 0) branches.push(() => this.push(OP_CHAR, this.classOf([])));
    this.emitAlt(branches);
  }

  private emitAlt(branches: (() => void)[]): void {
    const jumps: number[] = [];
    for (let i = 0; i < branches.length - 1; i++) {
      const split = this.push(OP_SPLIT, this.pc + 1, 0);
      branches[i]!();
      jumps.push(this.push(OP_JMP));
      this.arg2[split] = this.pc;
    }
    branches[branches.length - 1]!();
    for (const j of jumps) this.arg[j] = this.pc;
  }

  /**
   * The paths of `a` that consume at least one unit, in the same priority order: two copies of
   * its program, one before anything is consumed (ending in a dead end) and one after; every
   * CHAR of the first copy continues in the second.
   */
  private emitNonEmpty(a: Ast): void {
    const sub = new Emitter(this.maxStates, this.classList, this.classKeys);
    sub.emit(a);
    const len = sub.op.length;
    const f0 = new Int32Array(len + 1);
    const f1 = new Int32Array(len + 1);
    let at = this.pc;
    for (let i = 0; i < len; i++) {
      f0[i] = at;
      at += sub.op[i] === OP_CHAR ? 2 : 1;
    }
    f0[len] = at++;
    for (let i = 0; i <= len; i++) f1[i] = at + i;
    for (const f of [f0, f1]) {
      for (let i = 0; i < len; i++) {
        const o = sub.op[i]!;
        if (o === OP_CHAR) {
          this.push(OP_CHAR, sub.arg[i]);
          if (f === f0) this.push(OP_JMP, f1[i + 1]);
        } else if (o === OP_SPLIT) this.push(OP_SPLIT, f[sub.arg[i]!], f[sub.arg2[i]!]);
        else if (o === OP_JMP) this.push(OP_JMP, f[sub.arg[i]!]);
        else this.push(o, sub.arg[i]);
      }
      // The end of the first copy: the path consumed nothing, a dead end (empty class).
      if (f === f0) this.push(OP_CHAR, this.classOf([]));
    }
  }

  private split(at: number, body: number, out: number, lazy: boolean): void {
    this.arg[at] = lazy ? out : body;
    this.arg2[at] = lazy ? body : out;
  }

  private emitRep(a: Ast, min: number, max: number, lazy: boolean): void {
    // JavaScript rejects an iteration beyond the minimum that matches the empty string; the
    // optional iterations of a body that can match empty use its non-empty version.
    const empty = nullable(a);
    const optional = () => (empty ? this.emitNonEmpty(a) : this.emit(a));
    if (max === Infinity) {
      if (min === 0 || empty) {
        for (let i = 0; i < min; i++) this.emit(a);
        const loop = this.push(OP_SPLIT);
        optional();
        this.push(OP_JMP, loop);
        this.split(loop, loop + 1, this.pc, lazy);
        return;
      }
      for (let i = 0; i < min - 1; i++) this.emit(a);
      const body = this.pc;
      this.emit(a);
      const at = this.push(OP_SPLIT);
      this.split(at, body, this.pc, lazy);
      return;
    }
    for (let i = 0; i < min; i++) this.emit(a);
    // x{0,k} as nested optionals (x(x(x)?)?)?: every skip leaves the whole repetition.
    const splits: number[] = [];
    for (let i = 0; i < max - min; i++) {
      splits.push(this.push(OP_SPLIT));
      optional();
    }
    for (const s of splits) this.split(s, s + 1, this.pc, lazy);
  }
}

/** Compiles the tree. Throws ProgramTooLarge above `maxStates` instructions. */
export function compileProgram(ast: Ast, maxStates: number): Program {
  const e = new Emitter(maxStates);
  e.emit(ast);
  e.push(OP_MATCH);
  const size = e.pc;
  const op = Uint8Array.from(e.op);
  const arg = Int32Array.from(e.arg);
  const arg2 = Int32Array.from(e.arg2);

  const charIndex = new Int32Array(size).fill(-1);
  const pcs: number[] = [];
  const charClassList: number[] = [];
  for (let pc = 0; pc < size; pc++) {
    if (op[pc] === OP_CHAR) {
      charIndex[pc] = pcs.length;
      pcs.push(pc);
      charClassList.push(arg[pc]!);
    }
  }

  // Reverse edges in CSR form: count, prefix-sum, fill.
  const epsFrom: number[] = [];
  const epsTo: number[] = [];
  for (let pc = 0; pc < size; pc++) {
    const o = op[pc];
    if (o === OP_SPLIT) {
      epsFrom.push(pc, pc);
      epsTo.push(arg[pc]!, arg2[pc]!);
    } else if (o === OP_JMP) {
      epsFrom.push(pc);
      epsTo.push(arg[pc]!);
    } else if (o === OP_ASSERT) {
      epsFrom.push(pc);
      epsTo.push(pc + 1);
    }
  }
  const csr = (from: number[], to: number[]): [Int32Array, Int32Array] => {
    const start = new Int32Array(size + 1);
    for (const t of to) start[t + 1]!++;
    for (let t = 0; t < size; t++) start[t + 1]! += start[t]!;
    const fill = start.slice(0, size);
    const list = new Int32Array(to.length);
    to.forEach((t, i) => (list[fill[t]!++] = from[i]!));
    return [start, list];
  };
  const [revEpsStart, revEps] = csr(epsFrom, epsTo);
  const [revCharStart, revChar] = csr(
    pcs.map((_, ci) => ci),
    pcs.map((pc) => pc + 1),
  );

  const alphabet = buildClasses([normalizeRanges(e.classList.flat())]);
  return {
    size,
    op,
    arg,
    arg2,
    chars: pcs.length,
    charPc: Int32Array.from(pcs),
    charIndex,
    classes: buildClasses(e.classList),
    charClass: Int32Array.from(charClassList),
    alphabet,
    revEpsStart,
    revEps,
    revCharStart,
    revChar,
  };
}
