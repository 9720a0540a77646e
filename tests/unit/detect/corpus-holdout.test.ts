/**
 * Precision and recall of the engine per type over the HELD-OUT corpus
 * (tests/fixtures/corpus-holdout): documents written without reading the detector sources and
 * never used to tune them, so its figures are a measurement on unseen text, unlike the tuning
 * corpus's (tests/unit/detect/corpus.test.ts), which are an upper bound. Same file format and
 * scoring (./corpus-format.ts), same value checkers (tests/fixtures/corpus/values.ts).
 *
 * ## Rules for this corpus (read before touching it)
 * - Do NOT use it to tune detectors: do not read its misses and then adjust a rule, a context
 *   word or a threshold until they pass. When it shows a real error, write the case (a new,
 *   different example of the same kind) as a fixture in tests/fixtures/detectors, fix the
 *   detector against that fixture, and note the holdout document that revealed it in the commit.
 * - Never edit a holdout document to make the engine pass, and never relabel a value because the
 *   engine disagrees. Change a label only when it is wrong by the product spec's definitions
 *   (say why in the commit).
 * - New documents are welcome as long as they are written blind (without looking at the detector
 *   sources or at what the engine does with them first).
 * - Floors are what the engine achieved when they were set, rounded DOWN to 0.05. Raise them when
 *   a detector fix (made on fixtures, above) moves the figure; never lower one to let a change
 *   pass.
 *
 * `QUALITY_REPORT=1 npx vitest run --project unit tests/unit/detect/corpus-holdout.test.ts`
 * prints the per-type table and every false positive and false negative, masked.
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createDetector } from '../../../utils/detect';
import {
  CORPUS_TYPES,
  NEGATIVE_KINDS,
  checkNegative,
  checkValue,
  isCorpusType,
  isNegativeKind,
  type CorpusType,
} from '../../fixtures/corpus/values';
import {
  floorTo05,
  formatReport,
  loadCorpusDir,
  maskLabel,
  precision,
  recall,
  scoreCorpus,
} from './corpus-format';
import { SENTINEL, spansFromRedaction } from '../../bench/quality-libraries';

const DIR = fileURLToPath(new URL('../../fixtures/corpus-holdout/', import.meta.url));
const TUNING_DIR = fileURLToPath(new URL('../../fixtures/corpus/', import.meta.url));

/** The document kinds of the held-out corpus, one file each. */
const KINDS = [
  'chat',
  'emails',
  'spreadsheets',
  'crm-notes',
  'contracts',
  'transactions',
  'hr-forms',
  'logistics',
  'it-tickets',
  'invoices',
  'english',
  'support',
] as const;

/**
 * Floors per type: what the engine achieved on this corpus when they were set (166 documents),
 * rounded down to 0.05. See the header: raise them after a fixture-driven fix, never lower them.
 * First run: overall precision 0.990, recall 0.994 (3 misses, 5 false positives); raised after
 * the fixes of tests/fixtures/detectors (written without reading this corpus): 0.996 / 1.000.
 */
const FLOORS: Record<CorpusType, { precision: number; recall: number }> = {
  CN_ID: { precision: 1, recall: 1 },
  CN_USCC: { precision: 1, recall: 1 },
  CN_MOBILE: { precision: 1, recall: 1 },
  CN_LANDLINE: { precision: 1, recall: 1 },
  BANK_CARD: { precision: 1, recall: 1 },
  CREDIT_CARD: { precision: 1, recall: 1 },
  IBAN: { precision: 1, recall: 1 },
  EMAIL: { precision: 1, recall: 1 },
  CN_PASSPORT: { precision: 1, recall: 1 },
  HK_MACAU_PERMIT: { precision: 1, recall: 1 },
  TW_PERMIT: { precision: 1, recall: 1 },
  HK_ID: { precision: 1, recall: 1 },
  US_SSN: { precision: 1, recall: 1 },
  IPV4: { precision: 0.95, recall: 1 },
  AWS_ACCESS_KEY: { precision: 1, recall: 1 },
  GITHUB_TOKEN: { precision: 1, recall: 1 },
  PRIVATE_KEY: { precision: 1, recall: 1 },
  JWT: { precision: 1, recall: 1 },
};

/** Floors over all types together. */
const OVERALL_FLOOR = { precision: 0.95, recall: 1 };

/** Size the holdout must keep, at least. */
const MIN_DOCUMENTS = 120;
const MIN_CHARS = 50_000;
const MIN_LABELS_PER_TYPE = 8;
const MIN_NEGATIVES_PER_KIND = 2;

const docs = loadCorpusDir(DIR);

describe('held-out corpus', () => {
  it('has one file per document kind and nothing else', () => {
    const files = readdirSync(DIR).filter((f) => f.endsWith('.txt'));
    expect(files.sort()).toEqual(KINDS.map((k) => `${k}.txt`).sort());
    for (const kind of KINDS) expect(docs.filter((d) => d.file === kind).length).toBeGreaterThan(0);
  });

  it(`holds at least ${MIN_DOCUMENTS} documents and ${MIN_CHARS} characters`, () => {
    expect(docs.length).toBeGreaterThanOrEqual(MIN_DOCUMENTS);
    expect(docs.reduce((n, d) => n + d.text.length, 0)).toBeGreaterThanOrEqual(MIN_CHARS);
  });

  it('has unique ho- document ids and every marker filled', () => {
    const ids = docs.map((d) => d.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.filter((id) => !id.startsWith('ho-'))).toEqual([]);
    expect(docs.flatMap((d) => d.unfilled.map((u) => `${d.id}: ${u}`))).toEqual([]);
  });

  it('shares no labeled value with the tuning corpus', () => {
    // A value the detectors were tuned on would make this a partial re-test of the tuning set.
    const tuning = new Set(loadCorpusDir(TUNING_DIR).flatMap((d) => d.labels.map((l) => l.value)));
    const shared = docs.flatMap((d) =>
      d.labels
        .filter((l) => tuning.has(l.value))
        .map((l) => `${d.id} ${l.type} ${maskLabel(l.value)}`),
    );
    expect(shared).toEqual([]);
  });

  it('labels only valid values of known types, marks only true negatives of known kinds', () => {
    const bad = docs.flatMap((d) => [
      ...d.labels.flatMap((l) => {
        const problem = isCorpusType(l.type) ? checkValue(l.type, l.value) : 'unknown type';
        return problem ? [`${d.id} ${l.type} ${maskLabel(l.value)}: ${problem}`] : [];
      }),
      ...d.negatives.flatMap((n) => {
        const problem = isNegativeKind(n.kind)
          ? checkNegative(n.kind, n.hint, n.value)
          : 'unknown kind';
        return problem ? [`${d.id} !${n.kind}~${n.hint} ${maskLabel(n.value)}: ${problem}`] : [];
      }),
    ]);
    expect(bad).toEqual([]);
  });

  it(`has at least ${MIN_LABELS_PER_TYPE} labels of every type and ${MIN_NEGATIVES_PER_KIND} negatives of every kind`, () => {
    const labels = Object.fromEntries(CORPUS_TYPES.map((t) => [t, 0]));
    const negatives = Object.fromEntries(NEGATIVE_KINDS.map((k) => [k, 0]));
    for (const d of docs) {
      for (const l of d.labels) labels[l.type] = (labels[l.type] ?? 0) + 1;
      for (const n of d.negatives) negatives[n.kind] = (negatives[n.kind] ?? 0) + 1;
    }
    expect(
      CORPUS_TYPES.filter((t) => labels[t]! < MIN_LABELS_PER_TYPE).map((t) => `${t}: ${labels[t]}`),
    ).toEqual([]);
    expect(
      NEGATIVE_KINDS.filter((k) => negatives[k]! < MIN_NEGATIVES_PER_KIND).map(
        (k) => `${k}: ${negatives[k]}`,
      ),
    ).toEqual([]);
  });

  it('never lets a label and a hard negative overlap', () => {
    const bad = docs.flatMap((d) =>
      d.labels.flatMap((l) =>
        d.negatives
          .filter((n) => n.start < l.end && l.start < n.end)
          .map((n) => `${d.id}: ${l.type} / !${n.kind}`),
      ),
    );
    expect(bad).toEqual([]);
  });
});

describe('engine on the held-out corpus', () => {
  const detector = createDetector();
  const score = scoreCorpus(docs, CORPUS_TYPES, (d) => detector.detect(d.text).findings);

  if (process.env.QUALITY_REPORT) {
    console.log(`<!-- quality:start -->\n${formatReport(score, docs)}\n<!-- quality:end -->`);
  }

  it('sets every floor on the 0.05 grid', () => {
    // A floor off the grid was typed by hand instead of being rounded down from a measurement.
    const floors = [...Object.values(FLOORS), OVERALL_FLOOR].flatMap((f) => [
      f.precision,
      f.recall,
    ]);
    expect(floors.filter((f) => floorTo05(f) !== f)).toEqual([]);
  });

  it.each(CORPUS_TYPES.map((t) => [t]))('%s meets its precision and recall floors', (type) => {
    const s = score.types[type]!;
    const floor = FLOORS[type];
    expect(precision(s), `${type} precision (floor ${floor.precision})`).toBeGreaterThanOrEqual(
      floor.precision,
    );
    expect(recall(s), `${type} recall (floor ${floor.recall})`).toBeGreaterThanOrEqual(
      floor.recall,
    );
  });

  it('meets the overall floors and reports no type outside the corpus', () => {
    expect(precision(score.overall)).toBeGreaterThanOrEqual(OVERALL_FLOOR.precision);
    expect(recall(score.overall)).toBeGreaterThanOrEqual(OVERALL_FLOOR.recall);
    expect(Object.keys(score.types).filter((t) => !isCorpusType(t))).toEqual([]);
  });
});

describe('redaction diff of scripts/quality-libraries.mjs', () => {
  // The libraries that only redact are scored from their output; the spans must come back right.
  const S = SENTINEL;
  it.each([
    ['one span', 'call 13912874560 now', `call ${S} now`, [[5, 16]], 0],
    [
      'two spans',
      'a 139 b 138 c',
      `a ${S} b ${S} c`,
      [
        [2, 5],
        [8, 11],
      ],
      0,
    ],
    [
      'spans at both ends',
      'x1y',
      `${S}1${S}`,
      [
        [0, 1],
        [2, 3],
      ],
      0,
    ],
    ['nothing redacted', 'plain text', 'plain text', [], 0],
    // Two redactions split by a space that also occurs inside the first: placed earliest, and
    // counted as ambiguous so the report says the boundary may be off.
    [
      'ambiguous split',
      '138 1234 139 5678',
      `${S} ${S}`,
      [
        [0, 3],
        [4, 17],
      ],
      1,
    ],
  ] as const)('%s', (_name, input, output, spans, ambiguous) => {
    const r = spansFromRedaction(input, output);
    expect(r.spans.map((x) => [x.start, x.end])).toEqual(spans);
    expect(r.ambiguous).toBe(ambiguous);
  });

  it.each([
    ['a changed prefix', 'hello 139', `Hello ${S}`],
    ['a changed piece', 'a 1 b 2 c', `a ${S} B ${S} c`],
    ['a change without the sentinel', 'abc', 'abd'],
  ])('rejects output with %s', (_name, input, output) => {
    expect(() => spansFromRedaction(input, output)).toThrow();
  });
});
