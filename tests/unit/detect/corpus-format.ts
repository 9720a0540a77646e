/**
 * Loader and scorer of the labeled corpus (tests/fixtures/corpus/*.txt).
 *
 * ## File format
 * One file per document kind (emails, chat, spreadsheets…). Lines before the first document
 * header are the file's own comments. A document starts at a header line `=== <id> ===` and runs
 * to the next header; blank lines at its start and end are dropped.
 *
 * Inside a document, every sensitive value is written inline between ⟦ and ⟧ (U+27E6 / U+27E7,
 * mathematical brackets that business text never holds):
 * - `⟦CN_MOBILE:13912345678⟧` labels a value of a type;
 * - `⟦!ORDER:2026112512345678⟧` marks a hard negative of a kind (it must not be reported);
 * - `⟦TYPE~hint:value⟧` keeps the hint the value was generated with (`~dash`, `~g`, `~DE`…);
 * - `⟦TYPE~hint⟧` without a value is a request to tests/fixtures/corpus/fill.mjs, which writes
 *   a generated value in; the corpus test fails while one is left.
 * The loader strips the brackets and records each value's [start, end) in the stripped text,
 * so an offset can never be counted wrong by hand. Everything outside brackets is plain,
 * unlabeled text: anything the engine reports there is a false positive.
 *
 * ## Scoring
 * A finding of the labeled type whose span overlaps the label is a true positive (`exact` when
 * the spans are equal); each label and each finding is matched at most once. A finding with no
 * matching label is a false positive, a label with no matching finding a false negative. Reports
 * carry masked forms only (the finding's own `masked`, or the label cut to its first and last two
 * characters), never a raw value.
 */

import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Opening and closing marker characters. */
export const OPEN = '⟦';
export const CLOSE = '⟧';

const HEADER = /^=== ([a-z0-9][a-z0-9-]*) ===$/;
const MARKER = /⟦(!?)([A-Z][A-Z0-9_]*)(?:~([^:⟦⟧]*))?(?::([^⟦⟧]*))?⟧/g;

/** A labeled value (positive) in a document. */
export interface CorpusLabel {
  type: string;
  hint: string;
  /** Offsets in the document's stripped text, [start, end) in UTF-16 code units. */
  start: number;
  end: number;
  value: string;
}

/** A hard negative: a value that looks sensitive and must not be reported. */
export interface CorpusNegative {
  kind: string;
  hint: string;
  start: number;
  end: number;
  value: string;
}

export interface CorpusDocument {
  /** Unique id across the corpus (the header's id). */
  id: string;
  /** Name of the file it came from (the document kind), e.g. `emails`. */
  file: string;
  /** The text as the engine sees it: markers stripped. */
  text: string;
  labels: CorpusLabel[];
  negatives: CorpusNegative[];
  /** Markers still waiting for fill.mjs (`⟦TYPE~hint⟧`), as `TYPE~hint`. */
  unfilled: string[];
}

/** A raw document: its id and its marked-up body. */
export interface RawDocument {
  id: string;
  body: string;
}

/** Splits a corpus file into documents (throws on a malformed header or stray text). */
export function splitDocuments(source: string): RawDocument[] {
  const docs: RawDocument[] = [];
  let current: { id: string; lines: string[] } | null = null;
  const flush = () => {
    if (!current) return;
    const lines = current.lines;
    while (lines.length > 0 && lines[0]!.trim() === '') lines.shift();
    while (lines.length > 0 && lines[lines.length - 1]!.trim() === '') lines.pop();
    docs.push({ id: current.id, body: lines.join('\n') });
  };
  for (const line of source.replace(/\r\n/g, '\n').split('\n')) {
    const h = HEADER.exec(line);
    if (h) {
      flush();
      current = { id: h[1]!, lines: [] };
    } else if (current) current.lines.push(line);
    else if (line.startsWith('===')) throw new Error(`malformed document header: ${line}`);
  }
  flush();
  return docs;
}

/** Strips the markers of one document body and records labels and negatives. */
export function parseDocument(file: string, raw: RawDocument): CorpusDocument {
  const doc: CorpusDocument = {
    id: raw.id,
    file,
    text: '',
    labels: [],
    negatives: [],
    unfilled: [],
  };
  let out = '';
  let last = 0;
  for (const m of raw.body.matchAll(MARKER)) {
    out += raw.body.slice(last, m.index);
    last = m.index + m[0].length;
    const [, neg, name, hint = '', value] = m;
    if (value === undefined) {
      doc.unfilled.push(`${neg}${name}~${hint}`);
      continue;
    }
    const start = out.length;
    out += value;
    if (neg) doc.negatives.push({ kind: name!, hint, start, end: out.length, value });
    else doc.labels.push({ type: name!, hint, start, end: out.length, value });
  }
  out += raw.body.slice(last);
  if (out.includes(OPEN) || out.includes(CLOSE)) {
    throw new Error(`${raw.id}: a ${OPEN}…${CLOSE} marker is malformed or nested`);
  }
  doc.text = out;
  return doc;
}

/** Parses a whole corpus file. */
export function parseCorpusFile(file: string, source: string): CorpusDocument[] {
  return splitDocuments(source).map((raw) => parseDocument(file, raw));
}

/**
 * Loads every `*.txt` file of a corpus folder, in file-name order; each document's `file` is its
 * file name without `.txt` (the document kind). Used by the held-out corpus test and the
 * libraries' benchmark, so both read a folder the same way.
 */
export function loadCorpusDir(dir: string): CorpusDocument[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .flatMap((f) => parseCorpusFile(f.replace(/\.txt$/, ''), readFileSync(join(dir, f), 'utf8')));
}

// ---- scoring ------------------------------------------------------------------------------

/** What the scorer needs of a finding (a subset of utils/detect's Finding). */
export interface ScoredFinding {
  type: string;
  start: number;
  end: number;
  masked: string;
}

export interface TypeScore {
  labeled: number;
  tp: number;
  /** True positives whose span equals the label's. */
  exact: number;
  fp: number;
  fn: number;
}

/**
 * One false positive, false negative or inexact span (a true positive whose span differs from
 * the label's), printable: masked values only.
 */
export interface ScoreError {
  kind: 'FP' | 'FN' | 'SPAN';
  doc: string;
  type: string;
  start: number;
  end: number;
  masked: string;
  /** What stood there: the hard negative's kind, a label of another type, or a finding. */
  note: string;
}

export interface CorpusScore {
  types: Record<string, TypeScore>;
  overall: TypeScore;
  errors: ScoreError[];
}

/** A label's value cut to its first and last two characters (never the raw value). */
export function maskLabel(value: string): string {
  const v = value.replace(/\s+/g, ' ');
  if (v.length <= 6) return '*'.repeat(v.length);
  const stars = v.length - 4;
  return `${v.slice(0, 2)}${'*'.repeat(Math.min(stars, 12))}${stars > 12 ? `…(${v.length})` : ''}${v.slice(-2)}`;
}

function overlaps(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  return a.start < b.end && b.start < a.end;
}

function emptyScore(): TypeScore {
  return { labeled: 0, tp: 0, exact: 0, fp: 0, fn: 0 };
}

/**
 * Scores findings against the labels of each document. `findingsOf` runs the engine (or a fake
 * in the scorer's own tests) over a document's text.
 */
export function scoreCorpus(
  docs: readonly CorpusDocument[],
  types: readonly string[],
  findingsOf: (doc: CorpusDocument) => readonly ScoredFinding[],
): CorpusScore {
  const score: CorpusScore = { types: {}, overall: emptyScore(), errors: [] };
  const row = (t: string): TypeScore => (score.types[t] ??= emptyScore());
  for (const t of types) row(t);
  for (const doc of docs) {
    const findings = findingsOf(doc);
    const used = new Set<number>();
    const matched = new Set<number>();
    doc.labels.forEach((label, li) => {
      row(label.type).labeled++;
      let best = -1;
      findings.forEach((f, fi) => {
        if (best >= 0 || used.has(fi) || f.type !== label.type || !overlaps(f, label)) return;
        best = fi;
      });
      if (best < 0) return;
      used.add(best);
      matched.add(li);
      const f = findings[best]!;
      row(label.type).tp++;
      if (f.start === label.start && f.end === label.end) row(label.type).exact++;
      else {
        score.errors.push({
          kind: 'SPAN',
          doc: doc.id,
          type: label.type,
          start: f.start,
          end: f.end,
          masked: f.masked,
          note: `found [${f.start},${f.end}), labeled [${label.start},${label.end})`,
        });
      }
    });
    doc.labels.forEach((label, li) => {
      if (matched.has(li)) return;
      row(label.type).fn++;
      const other = findings.find((f) => overlaps(f, label));
      score.errors.push({
        kind: 'FN',
        doc: doc.id,
        type: label.type,
        start: label.start,
        end: label.end,
        masked: maskLabel(label.value),
        note: other
          ? `found as ${other.type} [${other.start},${other.end})`
          : `not found${label.hint ? ` (form ~${label.hint})` : ''}`,
      });
    });
    findings.forEach((f, fi) => {
      if (used.has(fi)) return;
      row(f.type).fp++;
      const neg = doc.negatives.find((n) => overlaps(n, f));
      const lab = doc.labels.find((l) => overlaps(l, f));
      score.errors.push({
        kind: 'FP',
        doc: doc.id,
        type: f.type,
        start: f.start,
        end: f.end,
        masked: f.masked,
        note: neg
          ? `hard negative ${neg.kind}${neg.hint ? `~${neg.hint}` : ''}`
          : lab
            ? `overlaps a ${lab.type} label`
            : 'unlabeled text',
      });
    });
  }
  for (const t of Object.values(score.types)) {
    score.overall.labeled += t.labeled;
    score.overall.tp += t.tp;
    score.overall.exact += t.exact;
    score.overall.fp += t.fp;
    score.overall.fn += t.fn;
  }
  return score;
}

/** Precision of a row; 1 when nothing was reported (no claim, no false claim). */
export function precision(s: TypeScore): number {
  return s.tp + s.fp === 0 ? 1 : s.tp / (s.tp + s.fp);
}

/** Recall of a row; 1 when nothing was labeled. */
export function recall(s: TypeScore): number {
  return s.labeled === 0 ? 1 : s.tp / s.labeled;
}

/** `x` rounded down to the nearest 0.05 (the floors' rule), as a two-decimal number. */
export function floorTo05(x: number): number {
  return Math.floor(x * 20 + 1e-9) / 20;
}

function pct(x: number): string {
  return x.toFixed(3);
}

/** The per-type table and the error list, as Markdown (masked values only). */
export function formatReport(score: CorpusScore, docs: readonly CorpusDocument[]): string {
  const chars = docs.reduce((n, d) => n + d.text.length, 0);
  const lines: string[] = [];
  lines.push(
    `Corpus: ${docs.length} documents, ${chars} characters, ${score.overall.labeled} labeled values, ` +
      `${docs.reduce((n, d) => n + d.negatives.length, 0)} marked hard negatives.`,
  );
  lines.push('');
  lines.push('| type | labeled | TP | exact span | FP | FN | precision | recall |');
  lines.push('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  const rowLine = (name: string, s: TypeScore) =>
    `| ${name} | ${s.labeled} | ${s.tp} | ${s.exact} | ${s.fp} | ${s.fn} | ${pct(precision(s))} | ${pct(recall(s))} |`;
  for (const [t, s] of Object.entries(score.types)) lines.push(rowLine(t, s));
  lines.push(rowLine('**overall**', score.overall));
  const list = (title: string, errs: ScoreError[]) => {
    lines.push('');
    lines.push(`${title} (${errs.length}):`);
    for (const e of errs) {
      lines.push(
        `- ${e.kind} ${e.type} \`${e.masked}\` in ${e.doc} [${e.start},${e.end}): ${e.note}`,
      );
    }
  };
  list(
    'False positives',
    score.errors.filter((e) => e.kind === 'FP'),
  );
  list(
    'False negatives',
    score.errors.filter((e) => e.kind === 'FN'),
  );
  list(
    'True positives with an inexact span',
    score.errors.filter((e) => e.kind === 'SPAN'),
  );
  return lines.join('\n');
}
