/**
 * Masked forms never reveal more than they should: at least a third of a value and at least
 * four characters (or all of a shorter value) are starred, the kept characters are the value's
 * own in place, e-mail keeps only the domain and the first character of a long enough local
 * part, and the same value written two ways masks the same.
 */
import { describe, expect, it } from 'vitest';
import { FINDING_TYPES, type FindingType } from '../../utils/detect';
import { maskEmail, maskMiddle, maskValue } from '../../utils/mask';

/** Stars a masked form must have for a value of length n. */
const minStars = (n: number): number => Math.min(n, Math.max(4, Math.ceil(n / 3)));

const stars = (s: string): number => [...s].filter((c) => c === '*').length;

/** The masked form keeps the value's length and shows only the value's own characters. */
function expectSafeMask(value: string, masked: string): void {
  expect(masked).toHaveLength(value.length);
  expect(stars(masked)).toBeGreaterThanOrEqual(minStars(value.length));
  for (let i = 0; i < value.length; i++) if (masked[i] !== '*') expect(masked[i]).toBe(value[i]);
  if (value.length > 0) expect(masked).not.toBe(value);
}

describe('maskMiddle', () => {
  it.each([
    ['11010519491231002X', 4, 4, '1101**********002X'],
    ['13812345678', 3, 4, '138****5678'],
    ['E70318294', 4, 4, 'E7****294'],
    ['P4829173', 4, 4, 'P4****73'],
    ['12345', 4, 4, '****5'],
    ['1234', 4, 4, '****'],
    ['abc', 1, 1, '***'],
    ['', 4, 4, ''],
    ['华信科技有限公司', 1, 0, '华*******'],
  ])('%s (keep %i + %i) → %s', (value, head, tail, masked) => {
    expect(maskMiddle(value, head, tail)).toBe(masked);
  });

  it('stars at least a third and at least four characters, whatever the caller asks', () => {
    for (let n = 0; n <= 40; n++) {
      const value = Array.from({ length: n }, (_, i) => String.fromCharCode(65 + (i % 26))).join(
        '',
      );
      for (const [head, tail] of [
        [0, 0],
        [1, 0],
        [3, 4],
        [4, 4],
        [6, 6],
        [20, 20],
      ] as const)
        expectSafeMask(value, maskMiddle(value, head, tail));
    }
  });
});

describe('maskEmail', () => {
  it.each([
    ['zhangwei1988@qq.com', 'z***********@qq.com'],
    ['li.na@mail.example-bank.com.cn', 'l****@mail.example-bank.com.cn'],
    ['abc@163.com', 'a***@163.com'],
    ['ab@qq.com', '***@qq.com'],
    ['a@b.co', '***@b.co'],
  ])('%s → %s', (value, masked) => {
    expect(maskEmail(value)).toBe(masked);
  });

  it('keeps the domain and hides all of the local part but one character', () => {
    for (const local of ['a', 'ab', 'abc', 'abcd', 'john.smith+crm', 'x'.repeat(64)]) {
      const masked = maskEmail(`${local}@example.com.cn`);
      expect(masked.endsWith('@example.com.cn')).toBe(true);
      const shown = masked.slice(0, masked.indexOf('@')).replace(/\*/g, '');
      expect(shown.length).toBeLessThanOrEqual(local.length >= 3 ? 1 : 0);
      expect(stars(masked)).toBeGreaterThanOrEqual(3);
    }
  });

  it('masks a string without a local part like any short value', () => {
    expect(maskEmail('@example.com')).toBe(maskMiddle('@example.com', 1, 0));
  });
});

describe('maskValue', () => {
  it.each<[FindingType, string, string]>([
    ['CN_MOBILE', '13812345678', '138****5678'],
    ['CN_MOBILE', '8613812345678', '138****5678'],
    ['CN_MOBILE', '008613812345678', '138****5678'],
    ['CN_LANDLINE', '053136301962', '0531******62'],
    ['CN_LANDLINE', '01068259134', '0106*****34'],
    ['CN_ID', '11010519491231002X', '1101**********002X'],
    ['CN_USCC', '9144030071526726XG', '9144**********26XG'],
    ['BANK_CARD', '6212264727543815561', '6212***********5561'],
    ['CREDIT_CARD', '340643047857996', '3406*******7996'],
    ['IBAN', 'GB82WEST12345698765432', 'GB82**************5432'],
    ['HK_ID', 'A1234563', 'A1****63'],
    ['US_SSN', '570949981', '57****981'],
    ['EMAIL', 'zhangwei1988@qq.com', 'z***********@qq.com'],
    ['IPV4', '203.0.113.45', '203.*.*.45'],
    ['PRIVATE_KEY', 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASC', '-----BEGIN PRIVATE KEY-----…'],
    ['KEYWORD', '机密', '**'],
    ['CLIENT_NAME', '华信科技有限公司', '华*******'],
  ])('%s %s → %s', (type, compact, masked) => {
    expect(maskValue(type, compact)).toBe(masked);
  });

  it('shows six characters of a JWT header and nothing of its payload or signature', () => {
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiI0MiJ9.c2lnbmF0dXJl';
    const masked = maskValue('JWT', jwt);
    expect(masked).toBe('eyJhbG******************…');
    expect(masked).not.toContain('eyJzdWIiOiI0MiJ9');
  });

  it('never reveals more than allowed, for every type, on values of every length', () => {
    const special: readonly FindingType[] = ['EMAIL', 'IPV4', 'PRIVATE_KEY', 'JWT', 'CN_MOBILE'];
    const capped: readonly FindingType[] = ['CLIENT_NAME', 'KEYWORD', 'CUSTOM_PATTERN'];
    for (const type of FINDING_TYPES) {
      if (special.includes(type)) continue;
      for (let n = 1; n <= 34; n++) {
        const value = Array.from({ length: n }, (_, i) => '0123456789ABCDEFGHJK'[i % 20]!).join('');
        // Names and admin matches longer than nine characters mask to one fixed shape.
        if (capped.includes(type) && n > 9) expect(maskValue(type, value)).toBe('0********');
        else expectSafeMask(value, maskValue(type, value));
      }
    }
    // A mobile shows 3 + 4 of its 11 national digits, never the country code.
    for (const v of ['13912345678', '8613912345678', '+8613912345678']) {
      const masked = maskValue('CN_MOBILE', v.replace(/\D/g, ''));
      expectSafeMask('13912345678', masked);
    }
    // An IPv4 address shows its first and last octets only.
    expect(maskValue('IPV4', '121.34.104.16')).not.toMatch(/34|104/);
  });
});
