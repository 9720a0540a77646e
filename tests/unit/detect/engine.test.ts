/**
 * The engine against its promise (utils/detect/engine.ts header): the one-pass scanner returns
 * exactly the findings of the simple reference loop "for each detector, exec its global regex
 * over the whole text, validate, grade by context, resolve overlaps". The reference is written
 * here from that sentence and the contract in types.ts, not from the engine's code, and the two
 * are compared on the fixtures, the bench corpus and thousands of random strings.
 *
 * Then the rules the engine owns: non-overlapping sorted findings, the better claim wins an
 * overlap, distinct counts, truncation, the empty string, a large text, and the fallback for
 * patterns the analyser does not model.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { defineDetector, type DetectorDef } from '../../../utils/detect/detector-def';
import { analyzePattern, foldWidth } from '../../../utils/detect/engine';
import {
  createDetector,
  DETECTORS,
  type Confidence,
  type DetectResult,
  type Finding,
  type FindingType,
} from '../../../utils/detect';
import { maskValue } from '../../../utils/mask';
import { createRandom, generateCorpus } from '../../bench/corpus';

// ---- the reference loop -------------------------------------------------------------------

/** The engine's context window (types.ts / context.ts: 24 characters before the finding). */
const WINDOW = 24;

const RANK: Record<Confidence, number> = { format: 0, validated: 1, context: 2 };

interface Claim {
  type: FindingType;
  start: number;
  end: number;
  confidence: Confidence;
  compact: string;
  priority: number;
  /** Detector order, then match order. */
  order: number;
}

/**
 * Full-width forms folded to ASCII first. For each detector in order: every match of its global regex over the whole text, validated;
 * a validated claim with a context word in the 24 characters before it becomes `context`.
 * Overlaps: best claim first (confidence, then priority, then length, then position, then
 * order), each kept unless it overlaps one already kept. Then masks and distinct counts.
 */
function reference(defs: readonly DetectorDef[], input: string): DetectResult {
  // The engine first folds full-width ASCII and the ideographic space (one unit for one unit),
  // when the text holds a full-width digit, letter or ＠, or an ideographic space between digits.
  const wide = /[０-９Ａ-Ｚａ-ｚ＠]|[0-9]\u3000[0-9]/.test(input);
  const text = !wide
    ? input
    : input
        .replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
        .replace(/\u3000/g, ' ');
  const claims: Claim[] = [];
  for (const def of defs) {
    const re = new RegExp(def.pattern.source, def.pattern.flags.replace('g', '') + 'g');
    for (let m = re.exec(text); m !== null; m = re.exec(text)) {
      if (m[0] === '') re.lastIndex++;
      const start = m.index;
      const end = start + m[0].length;
      const v = def.validate({ text, match: m[0], start, end });
      if (!v) continue;
      // A word counts when it ends within the window before the value; ASCII case-blind, and
      // a space in a word also matches `_`.
      const labeled = (def.contextWords ?? []).some((w) => {
        const head = text.slice(Math.max(0, start - WINDOW - w.length + 1), start);
        const source = w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '[ _]');
        return new RegExp(source, 'i').test(head);
      });
      claims.push({
        type: v.type ?? def.type,
        start,
        end,
        confidence: v.confidence === 'validated' && labeled ? 'context' : v.confidence,
        compact: v.compact,
        priority: def.priority,
        order: claims.length,
      });
    }
  }
  const best = [...claims].sort(
    (a, b) =>
      RANK[b.confidence] - RANK[a.confidence] ||
      b.priority - a.priority ||
      b.end - b.start - (a.end - a.start) ||
      a.start - b.start ||
      b.end - a.end ||
      a.order - b.order,
  );
  // Kept claims are disjoint; `taken` marks their code units for an O(length) overlap test.
  const taken = new Uint8Array(text.length);
  const kept: Claim[] = [];
  for (const c of best) {
    let free = true;
    for (let i = c.start; i < c.end && free; i++) free = taken[i] === 0;
    if (!free) continue;
    taken.fill(1, c.start, c.end);
    kept.push(c);
  }
  kept.sort((a, b) => a.start - b.start);
  const findings: Finding[] = kept.map((c) => ({
    type: c.type,
    start: c.start,
    end: c.end,
    confidence: c.confidence,
    masked: maskValue(c.type, c.compact),
  }));
  const seen = new Set<string>();
  const counts: Partial<Record<FindingType, number>> = {};
  for (const c of kept) {
    const key = `${c.type} ${c.compact}`;
    if (seen.has(key)) continue;
    seen.add(key);
    counts[c.type] = (counts[c.type] ?? 0) + 1;
  }
  return { findings, counts, truncated: false };
}

// ---- inputs -------------------------------------------------------------------------------

const FIXTURE_DIR = fileURLToPath(new URL('../../fixtures/detectors/', import.meta.url));

interface Fixture {
  positive: { text: string; value: string }[];
  negative: string[];
}

const fixtureFiles = readdirSync(FIXTURE_DIR)
  .filter((f) => f.endsWith('.json'))
  .sort();
const fixtureTypes = fixtureFiles.map((f) => f.slice(0, -'.json'.length)).sort();
const fixtures = fixtureFiles.map(
  (f) => JSON.parse(readFileSync(FIXTURE_DIR + f, 'utf8')) as Fixture,
);
const fixtureTexts = fixtures.flatMap((fx) => [...fx.positive.map((p) => p.text), ...fx.negative]);
const fixtureValues = fixtures.flatMap((fx) => fx.positive.map((p) => p.value));

/** Pieces the random strings are made of: digits, separators, letters, CJK and labels. */
const PIECES = [
  ...'0123456789'.split(''),
  ...'0123456789'.split(''),
  ...' -.,()（）+@_/:\t\n|=*#xX'.split(''),
  ...'ABCEGHKMPVWXYZabcdefghijklmnopqrstuvwxyz'.split(''),
  '身份证',
  '卡号',
  '手机',
  '电话',
  '台胞证',
  '护照',
  '回乡证',
  '香港身份证',
  '信用卡',
  '借记卡',
  '订单号',
  '发票',
  '版本',
  '转',
  '号',
  '的',
  '客户',
  '，',
  '。',
  'passport',
  'SSN',
  'IBAN',
  'HKID',
  'tel',
  'ext.',
  'credit',
  'debit',
  'version',
  'eyJ',
  'ghp_',
  'AKIA',
  '+86',
  '0086',
  '(+86)',
  '010-',
  '0755-',
  '138',
  '62',
  '4',
  '-----BEGIN PRIVATE KEY-----\n',
  '-----END PRIVATE KEY-----',
];

/** A deterministic random string rich in near-misses, with real values mixed in. */
function randomText(r: () => number): string {
  const parts: string[] = [];
  const n = 1 + Math.floor(r() * 40);
  for (let i = 0; i < n; i++) {
    const x = r();
    if (x < 0.2) {
      const v = fixtureValues[Math.floor(r() * fixtureValues.length)]!;
      // Whole values, or a cut piece of one (a near-miss of the same shape).
      if (r() < 0.5) parts.push(v);
      else {
        const a = Math.floor(r() * v.length);
        parts.push(v.slice(a, a + 1 + Math.floor(r() * (v.length - a))));
      }
    } else if (x < 0.25) {
      let run = '';
      const len = 4 + Math.floor(r() * 17);
      for (let k = 0; k < len; k++) run += String(Math.floor(r() * 10));
      parts.push(run);
    } else parts.push(PIECES[Math.floor(r() * PIECES.length)]!);
  }
  return parts.join('');
}

function randomTexts(count: number, seed: number): string[] {
  const r = createRandom(seed);
  return Array.from({ length: count }, () => randomText(r));
}

/** Compares the engine with the reference on each text; returns the texts that differ. */
function mismatches(defs: readonly DetectorDef[], texts: readonly string[]): string[] {
  const engine = createDetector({ detectors: defs });
  const bad: string[] = [];
  for (const t of texts) {
    const a = engine.detect(t);
    const b = reference(defs, t);
    if (JSON.stringify(a) !== JSON.stringify(b)) bad.push(t);
  }
  return bad;
}

function expectSame(defs: readonly DetectorDef[], text: string): void {
  expect(createDetector({ detectors: defs }).detect(text)).toEqual(reference(defs, text));
}

function expectWellFormed(r: DetectResult, text: string): void {
  // One assertion per result (not per finding): a 5 MB text has tens of thousands.
  const bad = r.findings.filter(
    (f, i) =>
      !(f.start >= 0 && f.end > f.start && f.end <= text.length) ||
      (i > 0 && f.start < r.findings[i - 1]!.end),
  );
  expect(bad).toEqual([]);
}

// ---- equivalence --------------------------------------------------------------------------

describe('one-pass scanner = reference loop', () => {
  it('plans every detector but the private-key block (whose back-reference it does not model)', () => {
    // Otherwise the comparisons below would only compare the fallback with itself.
    const fallback = DETECTORS.filter((d) => analyzePattern(d.pattern) === null).map((d) => d.type);
    expect(fallback).toEqual(['PRIVATE_KEY']);
  });

  it('agrees on every fixture text', () => {
    expect(fixtureTexts.length).toBeGreaterThan(300);
    expect(mismatches(DETECTORS, fixtureTexts)).toEqual([]);
  });

  it('agrees on the fixture texts joined into one paste', () => {
    expectSame(DETECTORS, fixtureTexts.join('\n'));
    expectSame(DETECTORS, fixtureTexts.join(''));
  });

  it('agrees on the bench corpus', () => {
    const { text } = generateCorpus(300_000);
    const r = createDetector().detect(text);
    expect(r.findings.length).toBeGreaterThan(1000);
    expect(r).toEqual(reference(DETECTORS, text));
  });

  it('agrees on 4000 random strings of digits, separators, letters, CJK and labels', () => {
    const texts = randomTexts(4000, 20261125);
    const engine = createDetector();
    // The strings must exercise the detectors, not only the empty path.
    const results = texts.map((t) => engine.detect(t));
    expect(results.filter((r) => r.findings.length > 0).length).toBeGreaterThan(1000);
    // …and every detector: each type with a fixture file is reported somewhere.
    const types = new Set(results.flatMap((r) => r.findings.map((f) => f.type)));
    expect([...types].sort()).toEqual(fixtureTypes);
    expect(mismatches(DETECTORS, texts)).toEqual([]);
  });

  it('agrees with each detector alone on random strings', () => {
    const texts = randomTexts(400, 7);
    for (const def of DETECTORS) expect(mismatches([def], texts), def.type).toEqual([]);
  });

  it('agrees on the random strings joined into long pastes', () => {
    const texts = randomTexts(2000, 99);
    for (let i = 0; i < texts.length; i += 250)
      expectSame(DETECTORS, texts.slice(i, i + 250).join(''));
  });
});

describe('planned test detectors with non-ASCII triggers', () => {
  // The registered detectors all wake on ASCII characters; these wake on CJK and circled
  // digits, so the scanner's non-ASCII trigger table is compared too. (Full-width digits would
  // not do: the engine folds them to ASCII before any detector runs.)
  const marks = defineDetector({
    type: 'KEYWORD',
    description: 'test: a classification mark, optionally bracketed and numbered',
    pattern: /(?<![机绝])[（(]?(?:机密|绝密|内部)[)）]?(?:第\d{1,3}号)?/g,
    validate: ({ match }) =>
      match.includes('内部') ? null : { confidence: 'validated', compact: match },
    contextWords: ['文件'],
    priority: 95,
  });
  const circled = defineDetector({
    type: 'CUSTOM_PATTERN',
    description: 'test: circled digits',
    pattern: /[①-⑨]{4,8}/g,
    validate: ({ match }) => ({ confidence: 'format', compact: match }),
    priority: 30,
  });
  const texts = [
    ...randomTexts(1000, 13),
    ...randomTexts(300, 14).map((t) =>
      t.replace(/[1-9]/g, (d) => String.fromCharCode(0x245f + Number(d))),
    ),
    '文件（机密）第12号 绝密 绝绝密 内部 机机密 ①②③④⑤⑥ ①②③ １２３４５６',
  ];
  const defs = [...DETECTORS, marks, circled];

  it('are planned, not run as plain regexes', () => {
    expect(analyzePattern(marks.pattern)).not.toBeNull();
    expect(analyzePattern(circled.pattern)).not.toBeNull();
  });

  it('give the reference result', () => {
    const withMarks = texts.map((t, i) => (i % 3 === 0 ? `${t}机密${t}` : t));
    expect(mismatches(defs, withMarks)).toEqual([]);
    const engine = createDetector({ detectors: [marks, circled] });
    const types = new Set(withMarks.flatMap((t) => engine.detect(t).findings.map((f) => f.type)));
    expect([...types].sort()).toEqual(['CUSTOM_PATTERN', 'KEYWORD']);
  });
});

describe('analyzePattern fallback', () => {
  // Patterns with constructs the analyser does not model: `.`, \p{…}, back-references.
  const dotted = defineDetector({
    type: 'CUSTOM_PATTERN',
    description: 'test: an order-like code with any one character between',
    pattern: /(?<![0-9A-Za-z])DD.\d{6}(?!\d)/g,
    validate: ({ match }) => ({ confidence: 'validated', compact: match }),
    contextWords: ['订单'],
    priority: 50,
  });
  const unicode = defineDetector({
    type: 'KEYWORD',
    description: 'test: a run of letters of any script followed by digits',
    pattern: /\p{L}{2,4}\d{3,12}/gu,
    validate: ({ match }) =>
      match.length % 3 === 0 ? null : { confidence: 'format', compact: match },
    priority: 71,
  });
  const backref = defineDetector({
    type: 'CUSTOM_PATTERN',
    description: 'test: a digit pair repeated',
    pattern: /(\d\d)\1/g,
    validate: ({ match }) => ({ confidence: 'validated', compact: match }),
    priority: 91,
  });

  it('does not model them', () => {
    expect(analyzePattern(dotted.pattern)).toBeNull();
    expect(analyzePattern(unicode.pattern)).toBeNull();
    expect(analyzePattern(backref.pattern)).toBeNull();
  });

  it('still gives the reference result beside the planned detectors', () => {
    const defs = [...DETECTORS, dotted, unicode, backref];
    const texts = [
      ...fixtureTexts,
      ...randomTexts(1000, 5),
      'DD-123456 订单DDx654321 абв12345 1212',
    ];
    expect(mismatches(defs, texts)).toEqual([]);
    // The fallbacks really report something in those texts.
    const engine = createDetector({ detectors: [dotted, unicode, backref] });
    const types = new Set(texts.flatMap((t) => engine.detect(t).findings.map((f) => f.type)));
    expect([...types].sort()).toEqual(['CUSTOM_PATTERN', 'KEYWORD']);
  });
});

// ---- rules the engine owns ----------------------------------------------------------------

describe('findings', () => {
  it('never overlap and are sorted by start, on the corpus and random strings', () => {
    const engine = createDetector();
    const texts = [generateCorpus(100_000, 3).text, ...randomTexts(1000, 11)];
    for (const t of texts) expectWellFormed(engine.detect(t), t);
  });

  it('are found for every value the corpus generator labeled, with its type', () => {
    const { text, labels } = generateCorpus(100_000, 17);
    const found = createDetector().detect(text).findings;
    const byStart = new Map(found.map((f) => [f.start, f]));
    expect(labels.some((l) => l.type === 'CN_LANDLINE')).toBe(true);
    const missed = labels.filter((l) => {
      const f = byStart.get(l.start);
      return !f || f.end !== l.end || f.type !== l.type;
    });
    expect(labels.length).toBeGreaterThan(100);
    expect(missed).toEqual([]);
  });
});

describe('overlaps', () => {
  const engine = createDetector();

  // 620102198001011554 is a valid resident ID (Gansu, 1980-01-01) that also passes Luhn and
  // starts with 62, like a UnionPay card.
  const ID_AND_CARD = '620102198001011554';

  it('gives an ID number that also passes Luhn to the more specific CN_ID', () => {
    const r = engine.detect(`档案 ${ID_AND_CARD}`);
    expect(r.findings.map((f) => [f.type, f.confidence])).toEqual([['CN_ID', 'validated']]);
    // Both claims exist: the card detector alone reports it.
    const cards = createDetector({ detectors: DETECTORS.filter((d) => d.type === 'BANK_CARD') });
    expect(cards.detect(`档案 ${ID_AND_CARD}`).findings.map((f) => f.type)).toEqual(['BANK_CARD']);
  });

  it('lets a labeled (context) claim beat a merely validated one of higher priority', () => {
    const r = engine.detect(`卡号 ${ID_AND_CARD}`);
    expect(r.findings.map((f) => [f.type, f.confidence])).toEqual([['BANK_CARD', 'context']]);
  });

  it('keeps an ID labeled as such an ID', () => {
    const r = engine.detect(`身份证 ${ID_AND_CARD}`);
    expect(r.findings.map((f) => [f.type, f.confidence])).toEqual([['CN_ID', 'context']]);
  });

  // Test detectors over the same text: which claim wins is the engine's rule alone.
  const claim = (
    name: string,
    pattern: RegExp,
    confidence: Confidence,
    priority: number,
    type: FindingType = 'CUSTOM_PATTERN',
  ): DetectorDef =>
    defineDetector({
      type,
      description: `test: ${name}`,
      pattern,
      validate: ({ match }) => ({ confidence, compact: match }),
      priority,
    });

  it('prefers higher confidence, then higher priority, then the longer claim', () => {
    const text = 'ref 12345678 end';
    const wide = claim('eight digits', /\d{8}/g, 'format', 99, 'KEYWORD');
    const narrow = claim('four digits', /\d{4}/g, 'validated', 1);
    expect(
      createDetector({ detectors: [wide, narrow] })
        .detect(text)
        .findings.map((f) => [f.type, text.slice(f.start, f.end)]),
    ).toEqual([
      ['CUSTOM_PATTERN', '1234'],
      ['CUSTOM_PATTERN', '5678'],
    ]);
    const low = claim('eight digits', /\d{8}/g, 'validated', 10, 'KEYWORD');
    const high = claim('six digits', /\d{6}/g, 'validated', 20);
    expect(
      createDetector({ detectors: [low, high] })
        .detect(text)
        .findings.map((f) => text.slice(f.start, f.end)),
    ).toEqual(['123456']);
    const long = claim('eight digits', /\d{8}/g, 'validated', 20, 'KEYWORD');
    expect(
      createDetector({ detectors: [high, long] })
        .detect(text)
        .findings.map((f) => [f.type, text.slice(f.start, f.end)]),
    ).toEqual([['KEYWORD', '12345678']]);
    for (const defs of [
      [wide, narrow],
      [low, high],
      [high, long],
    ])
      expectSame(defs, text);
  });

  it('keeps both claims when they only touch', () => {
    const text = 'AAAABBBB';
    const a = claim('A run', /A{4}/g, 'validated', 1);
    const b = claim('B run', /B{4}/g, 'validated', 2, 'KEYWORD');
    expect(
      createDetector({ detectors: [a, b] })
        .detect(text)
        .findings.map((f) => [f.start, f.end]),
    ).toEqual([
      [0, 4],
      [4, 8],
    ]);
  });

  it('resolves a large cluster of overlapping claims like the reference', () => {
    // Many overlapping claims in one cluster (more than the engine's small-cluster path).
    const text = Array.from({ length: 60 }, (_, i) => String(i % 10).repeat(3)).join('');
    const defs = [
      claim('three', /\d{3}/g, 'validated', 5),
      claim('five', /(?<=\d)\d{5}/g, 'validated', 5, 'KEYWORD'),
      claim('seven', /\d{7}/g, 'format', 9),
    ];
    expectSame(defs, text);
    expectWellFormed(createDetector({ detectors: defs }).detect(text), text);
  });
});

describe('counts', () => {
  const engine = createDetector();

  it('counts distinct values per type: the same phone written twice counts once', () => {
    const r = engine.detect('手机 138-1234-5678，再说一遍 +86 13812345678，另一个 13912345678');
    expect(r.findings.map((f) => [f.type, f.masked])).toEqual([
      ['CN_MOBILE', '138****5678'],
      ['CN_MOBILE', '138****5678'],
      ['CN_MOBILE', '139****5678'],
    ]);
    expect(r.counts).toEqual({ CN_MOBILE: 2 });
  });

  it('counts each type on its own', () => {
    const r = engine.detect(
      '邮箱 a.b@example.cn 手机 13812345678 邮箱 A.B@Example.cn 身份证 11010519491231002X',
    );
    expect(r.counts).toEqual({ EMAIL: 1, CN_MOBILE: 1, CN_ID: 1 });
    expect(r.findings).toHaveLength(4);
  });
});

describe('limits', () => {
  it('returns nothing for the empty string', () => {
    expect(createDetector().detect('')).toEqual({ findings: [], counts: {}, truncated: false });
  });

  it('scans only maxChars characters and says so', () => {
    const engine = createDetector({ maxChars: 40 });
    const head = '手机 13812345678 ';
    const text = `${head}${' '.repeat(40 - head.length)}13912345678`;
    const r = engine.detect(text);
    expect(r.truncated).toBe(true);
    expect(r.findings.map((f) => f.masked)).toEqual(['138****5678']);
    expect(r.counts).toEqual({ CN_MOBILE: 1 });
    // A value cut by the limit is not reported from its prefix.
    const cut = engine.detect(`${' '.repeat(35)}13912345678`);
    expect(cut).toEqual({ findings: [], counts: {}, truncated: true });
    // Exactly maxChars is not truncated.
    expect(engine.detect(text.slice(0, 40)).truncated).toBe(false);
  });

  it('completes on a 5 MB text', () => {
    const { text } = generateCorpus(5 * 1024 * 1024, 42);
    const r = createDetector().detect(text);
    expect(r.truncated).toBe(false);
    expect(r.findings.length).toBeGreaterThan(10_000);
    expectWellFormed(r, text);
  }, 60_000);

  it('keeps no state between calls', () => {
    const engine = createDetector();
    const text = fixtureTexts.join('\n');
    const first = engine.detect(text);
    engine.detect('身份证 11010519491231002X');
    expect(engine.detect(text)).toEqual(first);
  });
});

describe('full-width input (typed with a Chinese input method)', () => {
  it.each([
    ['手机：１８６ １２３４ ５６７８', 'CN_MOBILE', 3, 16, '186****5678'],
    ['身份证号：１１０１０５１９４９１２３１００２Ｘ', 'CN_ID', 5, 23, '1101**********002X'],
    ['邮箱 ｚｈａｎｇ＠ｅｘａｍｐｌｅ．ｃｎ', 'EMAIL', 3, 19, 'z****@example.cn'],
    ['手机　１３９－１２３４－５６７８', 'CN_MOBILE', 3, 16, '139****5678'],
  ])('%s → %s at the original offsets', (text, type, start, end, masked) => {
    const [f, ...rest] = createDetector().detect(text).findings;
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ type, start, end, masked });
  });

  it('leaves text without full-width forms as it is', () => {
    expect(foldWidth('abc 中文 123')).toBe('abc 中文 123');
    expect(foldWidth('ＡＢＣ（１）　x')).toBe('ABC(1) x');
    // Full-width punctuation alone is not folded (no value is made of it).
    expect(foldWidth('手机：（见附件）')).toBe('手机：（见附件）');
    expect(foldWidth('138\u30001234\u30005678')).toBe('138 1234 5678');
  });
});

describe('memory', () => {
  it('keeps no reference to the pasted text after detect returns', async () => {
    const { cachedText, columnHeaderHas } = await import('../../../utils/detect/context');
    const sheet = '姓名,台胞证号\n陈美玲,58203917\n';
    // The column-header lookup caches the text it walked…
    columnHeaderHas(sheet, sheet.indexOf('5820'), ['台胞证']);
    expect(cachedText()).toBe(sheet);
    // …and a detect call, which uses it, leaves nothing behind.
    const findings = createDetector().detect(sheet).findings;
    expect(findings.map((f) => f.type)).toEqual(['TW_PERMIT']);
    expect(cachedText()).toBeUndefined();
  });
});
