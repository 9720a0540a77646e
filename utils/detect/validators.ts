/**
 * Check-digit and structure validators used by the detectors. Each takes the compact value
 * (separators removed, upper-cased where letters matter) and returns whether it is valid.
 * They are cheap and allocate little: the detectors call them for every regex candidate.
 */

/** Luhn (ISO/IEC 7812) over a string of ASCII digits. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return false;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return digits.length > 0 && sum % 10 === 0;
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** The MOD 11-2 check character (GB 11643, ISO 7064) for the first 17 digits of a resident ID. */
export function cnIdCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * ID_WEIGHTS[i]!;
  return ID_CHECK[sum % 11]!;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Whether y-m-d is a real calendar date with `minYear` ≤ y ≤ `maxYear`. */
export function validDate(
  y: number,
  m: number,
  d: number,
  minYear = 1900,
  maxYear = 2099,
): boolean {
  if (y < minYear || y > maxYear || m < 1 || m > 12 || d < 1) return false;
  if (m === 2 && d === 29) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return d <= DAYS_IN_MONTH[m - 1]!;
}

/** Whether `s` holds a real date written yyyymmdd from `from` (19xx or 20xx only). */
export function isCompactDate(s: string, from = 0): boolean {
  const y = num(s, from, 4);
  return y >= 1900 && y <= 2099 && validDate(y, num(s, from + 4, 2), num(s, from + 6, 2));
}

/** Integer value of `len` ASCII digits of `s` at `from`, or -1 if one is not a digit. */
export function num(s: string, from: number, len: number): number {
  let v = 0;
  for (let i = from; i < from + len; i++) {
    const d = s.charCodeAt(i) - 48;
    if (!(d >= 0 && d <= 9)) return -1;
    v = v * 10 + d;
  }
  return v;
}

/** Whether every character of `s` is an ASCII digit. */
export function allDigits(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return s.length > 0;
}

/**
 * Province-level codes (first two digits) of PRC administrative divisions (GB/T 2260),
 * including 71 Taiwan, 81 Hong Kong, 82 Macao and 83 (residence permits for HK/MO/TW).
 */
const CN_PROVINCES = new Set([
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52,
  53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83,
]);

/** Whether the first two digits name a real province-level region. */
export function cnRegionValid(code: string): boolean {
  return CN_PROVINCES.has(num(code, 0, 2));
}

/** Today as yyyymmdd (UTC); resident IDs cannot be born after it. */
function todayNumber(now: Date): number {
  return now.getUTCFullYear() * 10000 + (now.getUTCMonth() + 1) * 100 + now.getUTCDate();
}

/** Computed once: a birth date "in the future" by a day or two of uptime does not matter. */
const TODAY = todayNumber(new Date());

/** Whether y-m-d is a real birth date between 1900 and `today` (yyyymmdd). */
function birthDateValid(y: number, m: number, d: number, today: number): boolean {
  return validDate(y, m, d, 1900, Math.floor(today / 10000)) && y * 10000 + m * 100 + d <= today;
}

/** PRC resident ID (18 chars): region, real birth date (not in the future), MOD 11-2 check. */
export function cnIdValid(id: string, now?: Date): boolean {
  if (id.length !== 18 || !allDigits(id.slice(0, 17))) return false;
  if (!cnRegionValid(id)) return false;
  const today = now ? todayNumber(now) : TODAY;
  if (!birthDateValid(num(id, 6, 4), num(id, 10, 2), num(id, 12, 2), today)) return false;
  return cnIdCheckChar(id) === id[17]!.toUpperCase();
}

/**
 * First-generation resident ID (15 digits, 1984–1999): region and a 19yy birth date. It has no
 * check digit, so the detector only reports it beside a context word.
 */
export function cnId15Valid(id: string): boolean {
  if (id.length !== 15 || !allDigits(id) || !cnRegionValid(id)) return false;
  return birthDateValid(1900 + num(id, 6, 2), num(id, 8, 2), num(id, 10, 2), TODAY);
}

/** Characters of a unified social credit code, in value order (GB 32100-2015; no I O S V Z). */
const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** The MOD 31 check character for the first 17 characters of a USCC, or '' if one is invalid. */
export function usccCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = USCC_CHARS.indexOf(first17[i]!);
    if (v < 0) return '';
    sum += v * USCC_WEIGHTS[i]!;
  }
  return USCC_CHARS[(31 - (sum % 31)) % 31]!;
}

/**
 * Unified social credit code: 18 chars from the allowed set, a registration-authority character,
 * an institution-category digit (1–9), a 6-digit division code (a real province, or 10 for
 * central bodies) and the MOD 31 check character.
 */
export function usccValid(code: string): boolean {
  if (code.length !== 18) return false;
  const cat = code.charCodeAt(1);
  if (cat < 49 || cat > 57) return false;
  if (!allDigits(code.slice(2, 8))) return false;
  const province = num(code, 2, 2);
  if (province !== 10 && !CN_PROVINCES.has(province)) return false;
  const check = usccCheckChar(code);
  return check !== '' && check === code[17];
}

/**
 * IBAN length per country (SWIFT IBAN registry). Territories that use their parent's
 * code (e.g. French overseas departments use FR) need no entry.
 */
const IBAN_LENGTHS: Readonly<Record<string, number>> = {
  AD: 24,
  AE: 23,
  AL: 28,
  AT: 20,
  AZ: 28,
  BA: 20,
  BE: 16,
  BG: 22,
  BH: 22,
  BI: 27,
  BR: 29,
  BY: 28,
  CH: 21,
  CR: 22,
  CY: 28,
  CZ: 24,
  DE: 22,
  DJ: 27,
  DK: 18,
  DO: 28,
  EE: 20,
  EG: 29,
  ES: 24,
  FI: 18,
  FK: 18,
  FO: 18,
  FR: 27,
  GB: 22,
  GE: 22,
  GI: 23,
  GL: 18,
  GR: 27,
  GT: 28,
  HN: 28,
  HR: 21,
  HU: 28,
  IE: 22,
  IL: 23,
  IQ: 23,
  IS: 26,
  IT: 27,
  JO: 30,
  KW: 30,
  KZ: 20,
  LB: 28,
  LC: 32,
  LI: 21,
  LT: 20,
  LU: 20,
  LV: 21,
  LY: 25,
  MC: 27,
  MD: 24,
  ME: 22,
  MK: 19,
  MN: 20,
  MR: 27,
  MT: 31,
  MU: 30,
  NI: 28,
  NL: 18,
  NO: 15,
  OM: 23,
  PK: 24,
  PL: 28,
  PS: 29,
  PT: 25,
  QA: 29,
  RO: 24,
  RS: 22,
  RU: 33,
  SA: 24,
  SC: 31,
  SD: 18,
  SE: 24,
  SI: 19,
  SK: 24,
  SM: 27,
  SO: 23,
  ST: 25,
  SV: 28,
  TL: 23,
  TN: 24,
  TR: 26,
  UA: 29,
  VA: 22,
  VG: 24,
  XK: 20,
  YE: 30,
};

/** ISO 7064 MOD 97-10 remainder of an alphanumeric string (letters count A=10 … Z=35). */
export function mod97(s: string): number {
  let r = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) r = (r * 10 + (c - 48)) % 97;
    else if (c >= 65 && c <= 90) r = (r * 100 + (c - 55)) % 97;
    else return -1;
  }
  return r;
}

/** IBAN: known country, that country's length, MOD 97-10 of the rearranged value equals 1. */
export function ibanValid(iban: string): boolean {
  const len = IBAN_LENGTHS[iban.slice(0, 2)];
  if (len === undefined || iban.length !== len) return false;
  const check = num(iban, 2, 2);
  if (check < 2 || check > 98) return false;
  return mod97(iban.slice(4) + iban.slice(0, 4)) === 1;
}

/**
 * The check character of a Hong Kong identity card number: `prefix` is one or two letters,
 * `digits` the six digits. Weights 9..2 over [letters padded to two with a space worth 36] and
 * digits; the check makes the sum ≡ 0 (mod 11), with 10 written as `A`.
 */
export function hkIdCheckChar(prefix: string, digits: string): string {
  let sum = 0;
  if (prefix.length === 1) sum += 36 * 9 + (prefix.charCodeAt(0) - 55) * 8;
  else sum += (prefix.charCodeAt(0) - 55) * 9 + (prefix.charCodeAt(1) - 55) * 8;
  for (let i = 0; i < 6; i++) sum += (digits.charCodeAt(i) - 48) * (7 - i);
  const c = (11 - (sum % 11)) % 11;
  return c === 10 ? 'A' : String(c);
}

/** Hong Kong ID in compact form (`A1234563`, `AB9876543`; check `A` allowed). */
export function hkIdValid(id: string): boolean {
  const p = id.length === 8 ? 1 : id.length === 9 ? 2 : 0;
  if (p === 0) return false;
  return hkIdCheckChar(id.slice(0, p), id.slice(p, p + 6)) === id[p + 6];
}

/**
 * US social security number (9 digits): area not 000, 666 or 9xx; group not 00; serial not 0000;
 * and not one of the numbers famously printed in advertising (078-05-1120, 219-09-9999).
 */
export function ssnValid(ssn: string): boolean {
  if (ssn.length !== 9 || !allDigits(ssn)) return false;
  const area = num(ssn, 0, 3);
  if (area === 0 || area === 666 || area >= 900) return false;
  if (num(ssn, 3, 2) === 0 || num(ssn, 5, 4) === 0) return false;
  return ssn !== '078051120' && ssn !== '219099999';
}

let crcTable: Int32Array | undefined;

/** CRC-32 (IEEE 802.3) of an ASCII string. */
export function crc32(s: string): number {
  if (!crcTable) {
    crcTable = new Int32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c;
    }
  }
  let crc = -1;
  for (let i = 0; i < s.length; i++) crc = (crc >>> 8) ^ crcTable[(crc ^ s.charCodeAt(i)) & 0xff]!;
  return (crc ^ -1) >>> 0;
}

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** `n` in base 62 (0-9A-Za-z), left-padded with `0` to `width` characters. */
export function base62(n: number, width: number): string {
  let s = '';
  while (n > 0) {
    s = BASE62[n % 62]! + s;
    n = Math.floor(n / 62);
  }
  return s.padStart(width, '0');
}

/**
 * GitHub's token checksum (2021 token format): the last six characters are the CRC-32 of the
 * 30 random characters, in base 62. `token` is the whole `ghp_…` token (40 characters).
 */
export function githubChecksumValid(token: string): boolean {
  if (token.length !== 40) return false;
  return base62(crc32(token.slice(4, 34)), 6) === token.slice(34);
}

/**
 * Decodes base64url (or base64) text to a string of Latin-1 code units, or null when it is
 * malformed. Pure: does not rely on `atob` or `Buffer`.
 */
export function decodeBase64Url(s: string): string | null {
  let out = '';
  let acc = 0;
  let bits = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let v: number;
    if (c >= 65 && c <= 90) v = c - 65;
    else if (c >= 97 && c <= 122) v = c - 71;
    else if (c >= 48 && c <= 57) v = c + 4;
    else if (c === 45 || c === 43) v = 62;
    else if (c === 95 || c === 47) v = 63;
    else if (c === 61) break;
    else return null;
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += String.fromCharCode((acc >> bits) & 0xff);
    }
  }
  return out;
}

/** Whether the first segment of a JWT decodes to a JSON object with a string `alg`. */
export function jwtHeaderValid(header: string): boolean {
  const json = decodeBase64Url(header);
  if (json === null || json.charCodeAt(0) !== 123 /* { */) return false;
  try {
    const parsed: unknown = JSON.parse(json);
    return (
      typeof parsed === 'object' &&
      parsed !== null &&
      typeof (parsed as { alg?: unknown }).alg === 'string'
    );
  } catch {
    return false;
  }
}

/**
 * Whether a value looks made up rather than issued: one character repeated (`0000…`, `xxxx…`),
 * or a run of consecutive digits up or down (`123456789…`, `987654…`) over the whole `from..`
 * tail. Documentation placeholders and test patterns look like this; real numbers rarely do.
 */
export function looksFake(s: string, from = 0): boolean {
  const n = s.length - from;
  if (n < 4) return false;
  let same = true;
  let up = true;
  let down = true;
  const first = s.charCodeAt(from);
  for (let i = from + 1; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const p = s.charCodeAt(i - 1);
    if (c !== first) same = false;
    const isDigit = c >= 48 && c <= 57 && p >= 48 && p <= 57;
    if (!isDigit || (c - p + 10) % 10 !== 1) up = false;
    if (!isDigit || (p - c + 10) % 10 !== 1) down = false;
    if (!same && !up && !down) return false;
  }
  return true;
}

/** Whether `s` from `from` on is one character repeated (`00000000`, `xxxx…`). */
export function repeated(s: string, from = 0): boolean {
  const first = s.charCodeAt(from);
  for (let i = from + 1; i < s.length; i++) if (s.charCodeAt(i) !== first) return false;
  return s.length - from >= 2;
}

/** Number of distinct characters in `s` (for low-diversity placeholder tokens). */
export function distinctChars(s: string): number {
  const seen = new Set<number>();
  for (let i = 0; i < s.length; i++) seen.add(s.charCodeAt(i));
  return seen.size;
}
