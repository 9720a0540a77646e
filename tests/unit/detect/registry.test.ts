/**
 * The meta-test of the detector registry (house style: one file per detector, one registry, one
 * meta-test). Every file under utils/detect/detectors exports one detector and is listed once in
 * DETECTORS; every detector is documented, has a global regex and a priority, and has fixtures
 * (at least 3 positives and 5 negatives) for every type it can emit; every finding type a regex
 * detector can report has a fixture file.
 *
 * Which types a detector can emit is declared (`emits`, default `[type]`; the payment-card
 * detector overrides its type per card). The declaration is checked against what the detector
 * does: it runs alone over every fixture text and the bench corpus, and it must report every
 * declared type and nothing else.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { emittedTypes, type DetectorDef } from '../../../utils/detect/detector-def';
import { createDetector, DETECTORS, FINDING_TYPES, type FindingType } from '../../../utils/detect';
import { generateCorpus } from '../../bench/corpus';

const DETECTOR_DIR = fileURLToPath(new URL('../../../utils/detect/detectors/', import.meta.url));
const FIXTURE_DIR = fileURLToPath(new URL('../../fixtures/detectors/', import.meta.url));
const README = fileURLToPath(new URL('../../../README.md', import.meta.url));

/** Types reported by matchers other than the regex detectors (client list, admin rules). */
const NOT_REGEX: readonly FindingType[] = ['CLIENT_NAME', 'KEYWORD', 'CUSTOM_PATTERN'];

interface Fixture {
  positive: { text: string }[];
  negative: string[];
}

const detectorFiles = readdirSync(DETECTOR_DIR)
  .filter((f) => f.endsWith('.ts'))
  .sort();

const fixtures = new Map<string, Fixture>(
  readdirSync(FIXTURE_DIR)
    .filter((f) => f.endsWith('.json'))
    .map((f) => [
      f.slice(0, -'.json'.length),
      JSON.parse(readFileSync(FIXTURE_DIR + f, 'utf8')) as Fixture,
    ]),
);

function isDetectorDef(x: unknown): x is DetectorDef {
  return (
    typeof x === 'object' &&
    x !== null &&
    'pattern' in x &&
    'validate' in x &&
    typeof (x as DetectorDef).validate === 'function'
  );
}

/** Every text the observation of emitted types runs over. */
const probeTexts: string[] = [
  ...[...fixtures.values()].flatMap((fx) => [...fx.positive.map((p) => p.text), ...fx.negative]),
  generateCorpus(50_000, 7).text,
];

const observed = new Map<DetectorDef, FindingType[]>();

/** The types `def` reports when it runs alone over the probe texts. */
function observedTypes(def: DetectorDef): FindingType[] {
  let types = observed.get(def);
  if (!types) {
    const alone = createDetector({ detectors: [def] });
    const seen = new Set<FindingType>();
    for (const text of probeTexts) for (const f of alone.detect(text).findings) seen.add(f.type);
    types = [...seen].sort();
    observed.set(def, types);
  }
  return types;
}

describe('detector files and the registry', () => {
  it('has one registered detector per file', () => {
    expect(detectorFiles.length).toBeGreaterThan(0);
    expect(DETECTORS).toHaveLength(detectorFiles.length);
  });

  it.each(detectorFiles)(
    '%s exports exactly one detector, listed once in DETECTORS',
    async (file) => {
      expect(file).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*\.ts$/);
      const mod = (await import(`${DETECTOR_DIR}${file}`)) as Record<string, unknown>;
      const defs = Object.values(mod).filter(isDetectorDef);
      expect(defs).toHaveLength(1);
      expect(DETECTORS.filter((d) => d === defs[0])).toHaveLength(1);
    },
  );

  it('gives every detector its own priority, so overlaps never depend on the list order', () => {
    const priorities = DETECTORS.map((d) => d.priority);
    expect(new Set(priorities).size).toBe(priorities.length);
  });
});

describe.each(DETECTORS.map((def) => ({ name: def.type, def })))('detector $name', ({ def }) => {
  it('has a one-line description under 160 characters', () => {
    expect(typeof def.description).toBe('string');
    expect(def.description.trim().length).toBeGreaterThan(10);
    expect(def.description.length).toBeLessThan(160);
    expect(def.description).not.toMatch(/[\r\n]/);
  });

  it('has a global regex that cannot match the empty string', () => {
    expect(def.pattern).toBeInstanceOf(RegExp);
    expect(def.pattern.flags).toContain('g');
    expect(def.pattern.flags).not.toContain('y');
    expect(new RegExp(def.pattern.source, def.pattern.flags).exec('')).toBeNull();
  });

  it('has a numeric priority and a regex finding type', () => {
    expect(Number.isFinite(def.priority)).toBe(true);
    expect(FINDING_TYPES).toContain(def.type);
    expect(NOT_REGEX).not.toContain(def.type);
  });

  it('has lower-case context words (the engine compares them with lower-cased text)', () => {
    for (const w of def.contextWords ?? []) {
      expect(w.length).toBeGreaterThan(0);
      expect(w).toBe(w.toLowerCase());
    }
  });

  it('declares the types it emits: its own type first, each once, none for other matchers', () => {
    const declared = emittedTypes(def);
    expect(declared[0]).toBe(def.type);
    expect(new Set(declared).size).toBe(declared.length);
    for (const t of declared) {
      expect(FINDING_TYPES).toContain(t);
      expect(NOT_REGEX).not.toContain(t);
    }
  });

  it('reports exactly the types it declares over the fixtures and the bench corpus', () => {
    expect(observedTypes(def)).toEqual([...emittedTypes(def)].sort());
  });

  it('has fixtures (3+ positives, 5+ negatives) for every type it emits', () => {
    for (const t of emittedTypes(def)) {
      const fx = fixtures.get(t);
      expect(fx, `tests/fixtures/detectors/${t}.json`).toBeDefined();
      expect(fx!.positive.length, `${t} positives`).toBeGreaterThanOrEqual(3);
      expect(fx!.negative.length, `${t} negatives`).toBeGreaterThanOrEqual(5);
    }
  });
});

describe('finding types and fixture files', () => {
  it.each(FINDING_TYPES.filter((t) => !NOT_REGEX.includes(t)))('%s has a fixture file', (t) => {
    expect(fixtures.has(t)).toBe(true);
  });

  it('has no fixture file for a type no detector emits', () => {
    const all = new Set(DETECTORS.flatMap((d) => emittedTypes(d)));
    expect([...fixtures.keys()].filter((t) => !all.has(t as FindingType))).toEqual([]);
  });
});

describe('README', () => {
  const rows = readFileSync(README, 'utf8')
    .split('\n')
    .filter((line) => line.trimStart().startsWith('|'));

  it('names every finding type in its table of what is detected', () => {
    const missing = FINDING_TYPES.filter((t) => !rows.some((r) => r.includes(`\`${t}\``)));
    expect(missing).toEqual([]);
  });
});
