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
