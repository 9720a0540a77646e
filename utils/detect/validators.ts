/**
 * Check-digit and structure validators used by the detectors. Each takes the compact value
 * (separators removed, upper-cased where letters matter) and returns whether it is valid.
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

/** The MOD 11-2 check character (GB 11643) for the first 17 digits of a resident ID. */
export function cnIdCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * ID_WEIGHTS[i]!;
  return ID_CHECK[sum % 11]!;
}

/** Whether yyyymmdd is a real calendar date between 1900-01-01 and `maxYear`-12-31. */
export function validDate(y: number, m: number, d: number, minYear = 1900, maxYear = 2099): boolean {
  if (y < minYear || y > maxYear || m < 1 || m > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!;
  return d <= days;
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
  return CN_PROVINCES.has(Number(code.slice(0, 2)));
}

/** PRC resident ID (18 chars): region, real birth date (not in the future), MOD 11-2 check. */
export function cnIdValid(id: string, now: Date = new Date()): boolean {
  if (id.length !== 18) return false;
  for (let i = 0; i < 17; i++) {
    const c = id.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  if (!cnRegionValid(id)) return false;
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  if (!validDate(y, m, d, 1900, now.getUTCFullYear())) return false;
  if (y * 10000 + m * 100 + d > now.getUTCFullYear() * 10000 + (now.getUTCMonth() + 1) * 100 + now.getUTCDate())
    return false;
  return cnIdCheckChar(id) === id[17]!.toUpperCase();
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

/** Unified social credit code: 18 chars from the allowed set, MOD 31 check, real region. */
export function usccValid(code: string): boolean {
  if (code.length !== 18) return false;
  const check = usccCheckChar(code);
  if (check === '' || check !== code[17]) return false;
  // Positions 3-8 hold the administrative division code (6 digits).
  for (let i = 2; i < 8; i++) {
    const c = code.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return cnRegionValid(code.slice(2, 4));
}
