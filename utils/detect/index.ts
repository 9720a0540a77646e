/**
 * Public entry of the detection core (`clientguard/detect` for Node users, the CLI, the bench
 * and the extension). Pure: no browser, DOM or wxt import below this folder.
 */
export { createDetector, type DetectorOptions, type Matcher, type MatcherHit } from './engine';
export { DETECTORS } from './registry';
export * from './types';
export {
  buildClientList,
  ClientListError,
  createClientListMatcher,
  keyFromHex,
  loadClientList,
  normaliseText,
  type BuildStats,
  type BuiltClientList,
  type ClientList,
} from './client-list';
export {
  CLASSIFICATION_MARKS,
  createKeywordMatcher,
  KeywordError,
  type KeywordGroup,
} from './keywords';
export {
  compileAdminPattern,
  DEFAULT_MAX_MATCHES,
  MAX_SOURCE,
  MAX_STATES,
  type AdminPatternMatcher,
  type AdminPatternOptions,
} from './admin-pattern';
