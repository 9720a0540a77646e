/**
 * The organisation's client list, held only as keyed hashes: build a file (CLI), load it with
 * the admin key (extension, CLI), match it in text. See ./format.ts for the file and its
 * privacy argument, ./matcher.ts for the matching.
 */
export { buildClientList, type BuildOptions, type BuildStats, type BuiltClientList } from './build';
export {
  ClientListError,
  MAX_ENTRY_LENGTH,
  MIN_ENTRY_LENGTH,
  MIN_KEY_BYTES,
  type ClientListHeader,
} from './format';
export { keyIdOf } from './keys';
export {
  createClientListMatcher,
  keyFromHex,
  loadClientList,
  type ClientList,
  type ClientListMatcherOptions,
} from './matcher';
export { normaliseEntry, normaliseText, type NormalisedText } from './normalise';
