/**
 * Table test over every detector fixture (tests/fixtures/detectors/<TYPE>.json):
 * - each positive `text` yields exactly one finding of the file's type, whose [start, end)
 *   slice is `value` (the value as written), whose masked form is `masked` and, when the fixture
 *   says, whose confidence is `confidence`;
 * - each negative yields no finding of any type the same detector can emit (a bad BANK_CARD
 *   must not come back as a CREDIT_CARD either);
 * - each text of `NOTHING` yields no finding at all: references that have the shape of several
 *   kinds of client data and are none of them.
 * The fixture data is synthetic, so test names show the text.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  CONFIDENCES,
  createDetector,
  DETECTORS,
  FINDING_TYPES,
  type Confidence,
  type FindingType,
} from '../../../utils/detect';
import { emittedTypes } from '../../../utils/detect/detector-def';

interface Positive {
  text: string;
  value: string;
  masked: string;
  confidence?: Confidence;
}

interface Fixture {
  positive: Positive[];
  negative: string[];
}

const FIXTURE_DIR = fileURLToPath(new URL('../../fixtures/detectors/', import.meta.url));

const fixtures: [FindingType, Fixture][] = readdirSync(FIXTURE_DIR)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => {
    const type = f.slice(0, -'.json'.length) as FindingType;
    return [type, JSON.parse(readFileSync(FIXTURE_DIR + f, 'utf8')) as Fixture];
  });

/** A fixture text on one line (newlines escaped), short enough for a test name. */
function label(text: string): string {
  const s = JSON.stringify(text).slice(1, -1);
  return s.length > 90 ? `${s.slice(0, 89)}…` : s;
}

const engine = createDetector();

/**
 * Texts in which no detector may report anything. ISO 6346 container numbers (owner code of
 * three letters + U/J/Z, six-digit serial, check digit; the check digits here are computed) are
 * printed bare, with spaces or with the check digit boxed; none is client data, and their
 * digits must not come back as a permit, passport, phone or card.
 */
const NOTHING: readonly string[] = [
  'Container CSQU3054383 loaded at Yangshan',
  '箱号 MSKU8826144，已进港',
  'CSQU 305438 3',
  'TGHU 730518 5 / CAIU 229047 2',
  'MSCU6612099 (40HQ)',
  '集装箱号：TGHU7305185 铅封号：CN7305182',
];

/**
 * Types each fixture type shares a detector with: the detector's declared `emits` (the
 * payment-card detector emits both BANK_CARD and CREDIT_CARD; registry.test.ts checks the
 * declarations against what the detectors report).
 */
const family = new Map<FindingType, Set<FindingType>>();
for (const def of DETECTORS) {
  const emitted = emittedTypes(def);
  for (const t of emitted) {
    const set = family.get(t) ?? new Set<FindingType>();
    for (const u of emitted) set.add(u);
    family.set(t, set);
  }
}

describe('fixture files', () => {
  it.each(fixtures.map(([type, fx]) => ({ file: `${type}.json`, type, fx })))(
    '$file is well formed',
    ({ type, fx }) => {
      expect(FINDING_TYPES).toContain(type);
      expect(Array.isArray(fx.positive) && Array.isArray(fx.negative)).toBe(true);
      for (const p of fx.positive) {
        expect(typeof p.text).toBe('string');
        expect(typeof p.masked).toBe('string');
        expect(p.text).toContain(p.value);
        if (p.confidence !== undefined) expect(CONFIDENCES).toContain(p.confidence);
      }
      for (const n of fx.negative) expect(typeof n).toBe('string');
      const texts = [...fx.positive.map((p) => p.text), ...fx.negative];
      expect(new Set(texts).size).toBe(texts.length);
    },
  );
});

describe('any type', () => {
  it.each(NOTHING.map((text) => ({ text, name: label(text) })))(
    'reports nothing in $name',
    ({ text }) => {
      expect(engine.detect(text).findings.map((f) => `${f.type} ${f.masked}`)).toEqual([]);
    },
  );
});

for (const [type, fx] of fixtures) {
  describe(type, () => {
    it.each(fx.positive.map((p) => ({ ...p, name: label(p.text) })))(
      'finds $masked in $name',
      (p) => {
        const found = engine
          .detect(p.text)
          .findings.filter((f) => f.type === type)
          .map((f) => ({
            value: p.text.slice(f.start, f.end),
            masked: f.masked,
            ...(p.confidence !== undefined ? { confidence: f.confidence } : {}),
          }));
        expect(found).toEqual([
          {
            value: p.value,
            masked: p.masked,
            ...(p.confidence !== undefined ? { confidence: p.confidence } : {}),
          },
        ]);
      },
    );

    const types = [...(family.get(type) ?? [type])].sort();
    it.each(fx.negative.map((text) => ({ text, name: label(text) })))(
      `reports no ${types.join(' / ')} in $name`,
      ({ text }) => {
        const found = engine
          .detect(text)
          .findings.filter((f) => types.includes(f.type))
          .map((f) => `${f.type} ${f.masked}`);
        expect(found).toEqual([]);
      },
    );
  });
}
