/**
 * Public entry of the detection core (`clientguard/detect` for Node users, the CLI, the bench
 * and the extension). Pure: no browser, DOM or wxt import below this folder.
 */
export { createDetector, type DetectorOptions, type Matcher, type MatcherHit } from './engine';
export { DETECTORS } from './registry';
export * from './types';
// Everything the rest of the product uses from the core comes from here, so the CLI can load
// the very bundle Node users import (scripts/build-lib.mjs).
export * from './client-list';
export * from './keywords';
export * from './admin-pattern';
