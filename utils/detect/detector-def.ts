/**
 * The shape of one detector. Each file in ./detectors exports one `defineDetector(...)`, and
 * ./registry lists them all; a meta-test checks that every detector is registered, documented
 * and has positive and negative fixtures under tests/fixtures/detectors.
 */
import type { Confidence, FindingType } from './types';

export interface Candidate {
  /** The whole text being scanned (for context look-around). */
  text: string;
  /** The matched substring. */
  match: string;
  start: number;
  end: number;
}

export interface Validated {
  confidence: Confidence;
  /** The canonical value (separators removed) used for masking and distinct counts. */
  compact: string;
  /**
   * Overrides the detector's type (e.g. a card detector that tells bank from credit cards); it
   * must be one of the detector's `emits`.
   */
  type?: FindingType;
}

export interface DetectorDef {
  /** The type of its findings, unless `validate` overrides it (see `emits`). */
  type: FindingType;
  /**
   * Every type the detector can report, when `validate` overrides `type` for some candidates
   * (the payment-card detector reports BANK_CARD and CREDIT_CARD). Omitted: `[type]`. The
   * registry meta-test checks it against what the detector reports over the fixtures.
   */
  emits?: readonly FindingType[];
  /** One line for the README and the meta-test. */
  description: string;
  /**
   * A global (`g`) regular expression that finds candidates. It must be linear in the text:
   * bounded repetitions only, anchored by look-behind on token boundaries.
   */
  pattern: RegExp;
  /** Confirms a candidate and grades it; null rejects it. */
  validate(candidate: Candidate): Validated | null;
  /** Words that raise a validated finding to `context` when they stand just before it. */
  contextWords?: readonly string[];
  /** Wins overlaps against detectors with a lower priority (more specific = higher). */
  priority: number;
}

/** Every type `def` can report: its `emits`, or its `type` alone. */
export function emittedTypes(def: DetectorDef): readonly FindingType[] {
  return def.emits ?? [def.type];
}

/** Declares a detector (identity function that keeps the literal type). */
export function defineDetector(def: DetectorDef): DetectorDef {
  return def;
}
