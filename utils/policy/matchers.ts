/**
 * From a compiled policy to the detector a frame runs: the registered detectors plus the
 * policy's own matchers (admin keywords, admin patterns, the client list). Pure; built once
 * per policy (and client list) in each frame, then reused for every paste.
 */
import { createAdminPatternMatcher } from '../detect/admin-pattern';
import type { ClientList } from '../detect/client-list';
import { createDetector, type Matcher } from '../detect/engine';
import { CLASSIFICATION_MARKS, type KeywordGroup } from '../detect/keywords';
import type { Detector } from '../detect/types';
import type { CompiledPolicy } from './compile';
import type { ClientListSpec, KeywordGroupSpec } from './types';

/** Keyword groups with their built-in lists expanded (the admin's own words after them). */
export function keywordGroups(specs: readonly KeywordGroupSpec[]): KeywordGroup[] {
  return specs.map((g) => ({
    id: g.id,
    words: [
      ...(g.builtin === 'classification-marks' ? CLASSIFICATION_MARKS.words : []),
      ...(g.words ?? []),
    ],
  }));
}

/** The client-list file as text, whether the policy holds it as text or as an object. */
export function clientListText(spec: ClientListSpec): string {
  return typeof spec.list === 'string' ? spec.list : JSON.stringify(spec.list);
}

/**
 * The detector for a compiled policy. `clientList` is the loaded list when the policy has one
 * and the frame has loaded it. Throws only on a policy that validation would have rejected.
 */
export function createPolicyDetector(
  policy: CompiledPolicy,
  clientList: ClientList | null = null,
): Detector {
  const matchers: Matcher[] = policy.patterns.map(createAdminPatternMatcher);
  return createDetector({ clients: clientList, keywords: policy.keywords, matchers });
}
