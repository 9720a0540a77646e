/**
 * The compiled form of an admin pattern as plain JSON, so the background compiles each pattern
 * once (parser and compiler stay out of the content script) and every frame gets a ready
 * program from extension storage, which keeps only JSON (typed arrays would not survive it).
 */
import type { CharClasses, Program } from './compile';

/** A Program with every typed array as a plain number array. */
export interface StoredProgram {
  size: number;
  chars: number;
  op: number[];
  arg: number[];
  arg2: number[];
  charPc: number[];
  charIndex: number[];
  charClass: number[];
  classes: StoredClasses;
  alphabet: StoredClasses;
  revEpsStart: number[];
  revEps: number[];
  revCharStart: number[];
  revChar: number[];
}

interface StoredClasses {
  ascii: number[];
  rangeStart: number[];
  ranges: number[];
}

const list = (a: ArrayLike<number>): number[] => Array.from(a);

function storeClasses(c: CharClasses): StoredClasses {
  return { ascii: list(c.ascii), rangeStart: list(c.rangeStart), ranges: list(c.ranges) };
}

function loadClasses(c: StoredClasses): CharClasses {
  return {
    ascii: Uint32Array.from(c.ascii),
    rangeStart: Int32Array.from(c.rangeStart),
    ranges: Uint16Array.from(c.ranges),
  };
}

/** The JSON form of a compiled program. */
export function storeProgram(p: Program): StoredProgram {
  return {
    size: p.size,
    chars: p.chars,
    op: list(p.op),
    arg: list(p.arg),
    arg2: list(p.arg2),
    charPc: list(p.charPc),
    charIndex: list(p.charIndex),
    charClass: list(p.charClass),
    classes: storeClasses(p.classes),
    alphabet: storeClasses(p.alphabet),
    revEpsStart: list(p.revEpsStart),
    revEps: list(p.revEps),
    revCharStart: list(p.revCharStart),
    revChar: list(p.revChar),
  };
}

/** The program back from its JSON form (as stored by `storeProgram`). */
export function loadProgram(s: StoredProgram): Program {
  return {
    size: s.size,
    chars: s.chars,
    op: Uint8Array.from(s.op),
    arg: Int32Array.from(s.arg),
    arg2: Int32Array.from(s.arg2),
    charPc: Int32Array.from(s.charPc),
    charIndex: Int32Array.from(s.charIndex),
    charClass: Int32Array.from(s.charClass),
    classes: loadClasses(s.classes),
    alphabet: loadClasses(s.alphabet),
    revEpsStart: Int32Array.from(s.revEpsStart),
    revEps: Int32Array.from(s.revEps),
    revCharStart: Int32Array.from(s.revCharStart),
    revChar: Int32Array.from(s.revChar),
  };
}
