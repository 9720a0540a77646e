/**
 * Masked forms of sensitive values. A masked form keeps just enough to let a reviewer tell two
 * findings apart (`3301**********1234`, `138****5678`, `z***@example.cn`) and never enough to
 * rebuild the value. Pure: used by the engine, the log and the CLI.
 */
import type { FindingType } from './detect/types';

const STAR = '*';

/**
 * Keep `head` leading and `tail` trailing characters and star the rest. Whatever the caller
 * asks, at least a third of the value and at least four characters (or all of a shorter value)
 * are starred, so the usual `138****5678` survives and short values are not exposed.
 */
export function maskMiddle(value: string, head: number, tail: number): string {
  const n = value.length;
  const minStars = Math.min(n, Math.max(4, Math.ceil(n / 3)));
  while (n - head - tail < minStars && (head > 0 || tail > 0)) {
    if (head >= tail && head > 0) head--;
    else tail--;
  }
  return value.slice(0, head) + STAR.repeat(n - head - tail) + value.slice(n - tail);
}

/**
 * Mask an e-mail address: the domain kept, the local part starred but for its first character.
 * A local part of one or two characters is starred whole (keeping its first character would
 * show half of it or all of it). At least three stars, so short local parts look alike.
 */
export function maskEmail(value: string): string {
  const at = value.lastIndexOf('@');
  if (at <= 0) return maskMiddle(value, 1, 0);
  const keep = at >= 3 ? 1 : 0;
  return value.slice(0, keep) + STAR.repeat(Math.max(3, at - keep)) + value.slice(at);
}

/**
 * The masked form of a value of the given type. `compact` is the value without separators
 * (spaces, hyphens) so that masked forms of the same value written two ways are identical.
 */
export function maskValue(type: FindingType, compact: string): string {
  switch (type) {
    case 'EMAIL':
      return maskEmail(compact);
    case 'CN_MOBILE':
      return maskMiddle(compact.slice(-11), 3, 4);
    case 'CN_LANDLINE':
      return maskMiddle(compact, 4, 2);
    case 'PRIVATE_KEY':
      return '-----BEGIN PRIVATE KEY-----…';
    case 'JWT':
      return maskMiddle(compact.slice(0, 24), 6, 0) + '…';
    case 'CLIENT_NAME':
    case 'KEYWORD':
    case 'CUSTOM_PATTERN':
      // Names and admin matches can be long (an admin `.+` can take a whole paste): past nine
      // characters the masked form stops growing, so it tells neither the length nor more.
      return compact.length > 9 ? compact[0] + STAR.repeat(8) : maskMiddle(compact, 1, 0);
    case 'IPV4': {
      const parts = compact.split('.');
      return `${parts[0] ?? '*'}.*.*.${parts[3] ?? '*'}`;
    }
    default:
      return maskMiddle(compact, 4, 4);
  }
}
