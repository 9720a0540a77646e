/**
 * The detection contract shared by every consumer of the engine: content script, background,
 * CLI, tests and benchmark. Pure: no browser, DOM or wxt import may appear under utils/detect.
 *
 * Offsets are JavaScript string indices (UTF-16 code units) into the text given to `detect`.
 * A Finding never carries the raw value: only its type, position, confidence and masked form.
 */

/** Every kind of client data the engine can report. */
export const FINDING_TYPES = [
  'CN_ID',
  'CN_USCC',
  'CN_MOBILE',
  'CN_LANDLINE',
  'BANK_CARD',
  'CREDIT_CARD',
  'IBAN',
  'EMAIL',
  'CN_PASSPORT',
  'HK_MACAU_PERMIT',
  'TW_PERMIT',
  'HK_ID',
  'US_SSN',
  'IPV4',
  'AWS_ACCESS_KEY',
  'GITHUB_TOKEN',
  'PRIVATE_KEY',
  'JWT',
  'CLIENT_NAME',
  'KEYWORD',
  'CUSTOM_PATTERN',
] as const;

export type FindingType = (typeof FINDING_TYPES)[number];

/**
 * How sure the engine is, weakest first:
 * - `format`: the shape matches but there is no check to run (or it is a weak form);
 * - `validated`: a checksum, date or structural rule passed;
 * - `context`: validated, and a context word (身份证, 卡号, passport…) stands nearby.
 */
export const CONFIDENCES = ['format', 'validated', 'context'] as const;
export type Confidence = (typeof CONFIDENCES)[number];

/** Rank of a confidence, for comparisons (`format` = 0). */
export function confidenceRank(c: Confidence): number {
  return CONFIDENCES.indexOf(c);
}

export interface Finding {
  type: FindingType;
  /** Inclusive start offset (UTF-16 code units). */
  start: number;
  /** Exclusive end offset (UTF-16 code units). */
  end: number;
  confidence: Confidence;
  /** Masked form safe to show and log, e.g. `3301**********1234`. */
  masked: string;
  /** For KEYWORD / CUSTOM_PATTERN findings: the admin's rule id (never the matched text). */
  rule?: string;
}

export interface DetectResult {
  /** Non-overlapping findings, sorted by start offset. */
  findings: Finding[];
  /** Number of distinct values per type (the same phone twice counts once). */
  counts: Partial<Record<FindingType, number>>;
  /** True when the text was longer than the engine's work bound and only a prefix was scanned. */
  truncated: boolean;
}

/** What a compiled detector does; create one with `createDetector` and reuse it. */
export interface Detector {
  detect(text: string): DetectResult;
}
