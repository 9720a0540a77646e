/**
 * Tables for the check-digit and structure validators, with values from the standards' own
 * examples where there are some, and a cross-check of each check-digit routine against a small
 * independent implementation written here (BigInt for MOD 97, the textbook forms of the others)
 * on random inputs. Then tables for the context helpers the detectors share (context.ts): the
 * label window, "labeled as something else", kind labels, questions, thousands commas.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  allDigits,
  base62,
  cnId15Valid,
  cnIdCheckChar,
  cnIdValid,
  cnRegionValid,
  crc32,
  decodeBase64Url,
  distinctChars,
  githubChecksumValid,
  hkIdCheckChar,
  hkIdValid,
  ibanValid,
  isCompactDate,
  jwtHeaderValid,
  looksFake,
  luhnValid,
  mod97,
  num,
  repeated,
  ssnValid,
  usccCheckChar,
  usccValid,
  validDate,
} from '../../../utils/detect/validators';
import {
  afterForeignCallingCode,
  answersQuestion,
  columnHeaderHas,
  contextBefore,
  hasContext,
  labelBefore,
  labeledAsOther,
  thousandsComma,
  wordAfter,
  wordBefore,
} from '../../../utils/detect/context';
import { createRandom } from '../../bench/corpus';

const rand = createRandom(0x5eed);
const randomDigits = (n: number): string =>
  Array.from({ length: n }, () => String(Math.floor(rand() * 10))).join('');

// ---- independent implementations ----------------------------------------------------------

function luhnOracle(d: string): boolean {
  const sum = [...d]
    .reverse()
    .map(Number)
    .map((x, i) => (i % 2 === 1 ? (x * 2 > 9 ? x * 2 - 9 : x * 2) : x))
    .reduce((a, b) => a + b, 0);
  return d.length > 0 && sum % 10 === 0;
}

function idCheckOracle(first17: string): string {
  // ISO 7064 MOD 11-2: weights 2^(17-i) mod 11, check = (12 - sum mod 11) mod 11, 10 → X.
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (2 ** (17 - i) % 11);
  const c = (12 - (sum % 11)) % 11;
  return c === 10 ? 'X' : String(c);
}

const USCC = '0123456789ABCDEFGHJKLMNPQRTUWXY';
function usccCheckOracle(first17: string): string {
  // GB 32100: weights 3^i mod 31, check = 31 - sum mod 31 (31 → 0).
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC.indexOf(first17[i]!) * (3 ** i % 31);
  return USCC[(31 - (sum % 31)) % 31]!;
}

function mod97Oracle(s: string): number {
  const digits = [...s].map((c) => (/[A-Z]/.test(c) ? String(c.charCodeAt(0) - 55) : c)).join('');
  return Number(BigInt(digits) % 97n);
}

function hkCheckOracle(prefix: string, six: string): string {
  const values = [...prefix.padStart(2, ' ')].map((c) => (c === ' ' ? 36 : c.charCodeAt(0) - 55));
  const all = [...values, ...[...six].map(Number)];
  const sum = all.reduce((a, v, i) => a + v * (9 - i), 0);
  const c = (11 - (sum % 11)) % 11;
  return c === 10 ? 'A' : String(c);
}

// ---- Luhn ---------------------------------------------------------------------------------

describe('luhnValid', () => {
  it.each([
    ['79927398713', true],
    ['79927398710', false],
    ['4111111111111111', true],
    ['4111111111111112', false],
    ['6212264727543815561', true],
    ['6214838213763139012', false],
    ['0', true],
    ['', false],
    ['4111-1111', false],
    ['12a4', false],
  ])('%s → %s', (digits, ok) => {
    expect(luhnValid(digits)).toBe(ok);
  });

  it('agrees with an independent Luhn on 2000 random numbers', () => {
    for (let i = 0; i < 2000; i++) {
      const d = randomDigits(12 + (i % 8));
      expect(luhnValid(d), d).toBe(luhnOracle(d));
    }
  });
});

// ---- resident ID (MOD 11-2, dates) --------------------------------------------------------

describe('cnIdCheckChar and cnIdValid', () => {
  it.each([
    ['11010519491231002', 'X'], // GB 11643-1999 example
    ['44030519710323876', 'X'],
    ['22010220000229679', '6'],
    ['50010319780308441', '8'],
  ])('check of %s is %s', (first17, check) => {
    expect(cnIdCheckChar(first17)).toBe(check);
  });

  it('agrees with the textbook MOD 11-2 on 2000 random bodies', () => {
    for (let i = 0; i < 2000; i++) {
      const body = randomDigits(17);
      expect(cnIdCheckChar(body), body).toBe(idCheckOracle(body));
    }
  });

  const now = new Date(Date.UTC(2026, 10, 25));
  const id = (body: string): string => body + idCheckOracle(body);
  it.each([
    ['valid, check X', '11010519491231002X', true],
    ['lower-case x accepted', '11010519491231002x', true],
    ['wrong check', '110105194912310021', false],
    ['leap day 2000', id('22010220000229679'), true],
    ['leap day 1996', id('44030519960229123'), true],
    ['no leap day in 1900', id('11010519000229123'), false],
    ['no leap day in 1999', id('11010519990229123'), false],
    ['30 February', id('11010520230230123'), false],
    ['31 April', id('11010519800431123'), false],
    ['month 13', id('11010519801301123'), false],
    ['day 0', id('11010519800100123'), false],
    ['born before 1900', id('11010518991231123'), false],
    ['born today', id('11010520261125123'), true],
    ['born tomorrow', id('11010520261126123'), false],
    ['unknown region 99', id('99010519800101123'), false],
    ['region 83 (residence permits)', id('83000019800101123'), true],
    ['17 characters', '11010519491231002', false],
    ['19 characters', '11010519491231002X1', false],
    ['letter in the body', '1101051949123100AX', false],
  ])('%s: %s → %s', (_name, value, ok) => {
    expect(cnIdValid(value.toUpperCase(), now)).toBe(ok);
  });

  it.each([
    ['310115500301890', true],
    ['420102680517321', true],
    ['310115501301890', false], // month 13
    ['310115500230890', false], // 30 February
    ['990115500301890', false], // region
    ['31011550030189', false], // 14 digits
    ['31011550030189X', false],
  ])('15-digit %s → %s', (value, ok) => {
    expect(cnId15Valid(value)).toBe(ok);
  });

  it.each([
    ['11', true],
    ['65', true],
    ['81', true],
    ['10', false],
    ['99', false],
    ['x1', false],
  ])('region %s → %s', (code, ok) => {
    expect(cnRegionValid(code)).toBe(ok);
  });
});

describe('validDate and isCompactDate', () => {
  it.each([
    [2000, 2, 29, true],
    [2024, 2, 29, true],
    [1900, 2, 29, false],
    [2100, 2, 29, false],
    [2023, 2, 29, false],
    [2023, 2, 28, true],
    [2023, 4, 31, false],
    [2023, 12, 31, true],
    [2023, 13, 1, false],
    [2023, 0, 1, false],
    [2023, 1, 0, false],
    [1899, 12, 31, false],
    [2100, 1, 1, false],
  ])('%i-%i-%i → %s', (y, m, d, ok) => {
    expect(validDate(y, m, d)).toBe(ok);
  });

  it('honours the year bounds', () => {
    expect(validDate(2100, 1, 1, 1900, 2100)).toBe(true);
    expect(validDate(1950, 1, 1, 1960)).toBe(false);
  });

  it.each([
    ['20261125', 0, true],
    ['20240229', 0, true],
    ['20230229', 0, false],
    ['20261325', 0, false],
    ['18991231', 0, false],
    ['21000101', 0, false],
    ['2026112', 0, false],
    ['ID20261125', 2, true],
  ])('%s from %i → %s', (s, from, ok) => {
    expect(isCompactDate(s, from)).toBe(ok);
  });
});

// ---- USCC (MOD 31) ------------------------------------------------------------------------

describe('usccCheckChar and usccValid', () => {
  it.each([
    ['9144030071526726X', 'G'],
    ['91440300192203821', '6'],
    ['91330100716105852', 'F'],
    ['91110108MA01C2XQ3', 'Y'],
  ])('check of %s is %s', (first17, check) => {
    expect(usccCheckChar(first17)).toBe(check);
  });

  it('returns no check for a body with a character outside the set (I O S V Z)', () => {
    for (const c of 'IOSVZ') expect(usccCheckChar(`91110108MA01${c}2XQ3`)).toBe('');
  });

  it('agrees with the textbook MOD 31 on 2000 random bodies', () => {
    for (let i = 0; i < 2000; i++) {
      let body = `9${1 + Math.floor(rand() * 9)}${randomDigits(6)}`;
      for (let k = 0; k < 9; k++) body += USCC[Math.floor(rand() * 31)]!;
      expect(usccCheckChar(body), body).toBe(usccCheckOracle(body));
    }
  });

  it.each([
    ['9144030071526726XG', true],
    ['914403001922038216', true],
    ['914403001922038217', false], // check
    ['904403001922038216', false], // category 0
    ['919903001922038216', false], // division 99
    ['12100000400001234Y', true], // central body (division 10)
    ['91440300192203821', false], // 17
    ['9144030071526726xg', false], // lower case
    ['91440300192O038216', false], // letter O
  ])('%s → %s', (value, ok) => {
    expect(usccValid(value)).toBe(ok);
  });
});

// ---- IBAN (MOD 97-10) ---------------------------------------------------------------------

describe('mod97 and ibanValid', () => {
  it.each([
    ['GB82WEST12345698765432', true], // ISO 13616 example
    ['DE89370400440532013000', true],
    ['NO9386011117947', true], // shortest (15)
    ['MT84MALT011000012345MTLCAST001S', true], // 31
    ['GB82WEST12345698765433', false],
    ['GB82WEST1234569876543', false], // length
    ['DE8937040044053201300', false],
    ['XX82WEST12345698765432', false], // country
    ['DE00370400440532013000', false], // check digits 00 (never issued)
    ['de89370400440532013000', false],
  ])('%s → %s', (value, ok) => {
    expect(ibanValid(value)).toBe(ok);
  });

  it('agrees with BigInt MOD 97 on 2000 random alphanumeric strings', () => {
    const chars = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
    for (let i = 0; i < 2000; i++) {
      const s = Array.from(
        { length: 5 + (i % 30) },
        () => chars[Math.floor(rand() * chars.length)]!,
      ).join('');
      expect(mod97(s), s).toBe(mod97Oracle(s));
    }
    expect(mod97('12a')).toBe(-1);
  });
});

// ---- Hong Kong ID -------------------------------------------------------------------------

describe('hkIdCheckChar and hkIdValid', () => {
  it.each([
    ['A', '123456', '3'],
    ['Z', '683365', 'A'],
    ['XA', '123456', '8'],
    ['V', '137645', '4'],
    ['WX', '468002', '0'],
  ])('%s%s → %s', (prefix, digits, check) => {
    expect(hkIdCheckChar(prefix, digits)).toBe(check);
  });

  it('agrees with the textbook MOD 11 on 2000 random numbers', () => {
    const L = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
    for (let i = 0; i < 2000; i++) {
      const prefix = L[Math.floor(rand() * 26)]! + (i % 2 ? L[Math.floor(rand() * 26)]! : '');
      const six = randomDigits(6);
      expect(hkIdCheckChar(prefix, six), prefix + six).toBe(hkCheckOracle(prefix, six));
    }
  });

  it.each([
    ['A1234563', true],
    ['Z683365A', true],
    ['XA1234568', true],
    ['A1234564', false],
    ['A123456', false],
    ['XYZ1234563', false],
    ['A12345634', false],
  ])('%s → %s', (value, ok) => {
    expect(hkIdValid(value)).toBe(ok);
  });
});

// ---- SSN ----------------------------------------------------------------------------------

describe('ssnValid', () => {
  it.each([
    ['570949981', true],
    ['001010001', true],
    ['899999999', true],
    ['000123456', false], // area 000
    ['666123456', false], // area 666
    ['900123456', false], // area 9xx
    ['999999999', false],
    ['123004567', false], // group 00
    ['123450000', false], // serial 0000
    ['078051120', false], // Woolworth wallet card
    ['219099999', false], // advertising
    ['57094998', false], // 8 digits
    ['57094998a', false],
  ])('%s → %s', (value, ok) => {
    expect(ssnValid(value)).toBe(ok);
  });
});

// ---- GitHub checksum ----------------------------------------------------------------------

describe('crc32, base62 and githubChecksumValid', () => {
  it('computes the CRC-32 check value', () => {
    expect(crc32('123456789')).toBe(0xcbf43926);
    expect(crc32('')).toBe(0);
  });

  it.each([
    [0, 6, '000000'],
    [61, 1, 'z'],
    [62, 2, '10'],
    [0xffffffff, 6, '4gfFC3'],
  ])('base62(%i, %i) = %s', (n, w, s) => {
    expect(base62(n, w)).toBe(s);
  });

  it.each([
    ['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', true],
    ['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', true],
    ['ghp_FzZmsfQqSlO5p97DEo1XLY652jGHfZ3inOHG', false],
    ['ghp_GzZmsfQqSlO5p97DEo1XLY652jGHfZ3inOHF', false],
    ['ghp_FzZmsfQqSlO5p97DEo1XLY652jGHfZ3inOH', false],
  ])('%s → %s', (token, ok) => {
    expect(githubChecksumValid(token)).toBe(ok);
  });
});

// ---- base64url and JWT headers ------------------------------------------------------------

describe('decodeBase64Url and jwtHeaderValid', () => {
  it.each([
    ['eyJhbGciOiJIUzI1NiJ9', '{"alg":"HS256"}'],
    ['eyJhbGciOiJub25lIn0', '{"alg":"none"}'],
    ['aGVsbG8', 'hello'],
    ['aGVsbG8=', 'hello'],
    ['-_8', '\u00fb\u00ff'],
    ['+/8', '\u00fb\u00ff'],
    ['', ''],
  ])('%s decodes to %j', (s, out) => {
    expect(decodeBase64Url(s)).toBe(out);
  });

  it('rejects characters outside base64', () => {
    expect(decodeBase64Url('eyJ!')).toBeNull();
    expect(decodeBase64Url('ey J')).toBeNull();
  });

  const b64 = (s: string): string => Buffer.from(s).toString('base64url');
  it.each([
    ['{"alg":"HS256","typ":"JWT"}', true],
    ['{"typ":"JWT","alg":"RS256"}', true],
    ['{"alg":"none"}', true],
    ['{"typ":"JWT"}', false],
    ['{"alg":1}', false],
    ['{"alg":null}', false],
    ['[{"alg":"HS256"}]', false],
    ['{"alg":"HS256"', false],
    ['"alg"', false],
  ])('header %s → %s', (json, ok) => {
    expect(jwtHeaderValid(b64(json))).toBe(ok);
  });

  it('rejects a header that is not base64', () => {
    expect(jwtHeaderValid('eyJ!!!')).toBe(false);
  });
});

// ---- placeholders and small helpers -------------------------------------------------------

describe('looksFake, repeated, distinctChars, num, allDigits', () => {
  it.each([
    ['00000000', 0, true],
    ['xxxx', 0, true],
    ['12345678', 0, true],
    ['98765432', 0, true],
    ['78901234', 0, true], // wraps 9 → 0
    ['1234', 0, true],
    ['123', 0, false], // too short to tell
    ['12345679', 0, false],
    ['abcd', 0, false], // letters are not a digit run
    ['58203917', 0, false],
    ['E12345678', 2, true],
    ['E70318294', 2, false],
  ])('looksFake(%s, %i) → %s', (s, from, fake) => {
    expect(looksFake(s, from)).toBe(fake);
  });

  it('tells repeated characters', () => {
    expect(repeated('13800000000', 3)).toBe(true);
    expect(repeated('13800000001', 3)).toBe(false);
    expect(repeated('x', 0)).toBe(false);
  });

  it('counts distinct characters', () => {
    expect(distinctChars('aabbcc')).toBe(3);
    expect(distinctChars('')).toBe(0);
  });

  it('reads digits', () => {
    expect(num('ab1234', 2, 4)).toBe(1234);
    expect(num('12x4', 0, 4)).toBe(-1);
    expect(allDigits('0123')).toBe(true);
    expect(allDigits('')).toBe(false);
    expect(allDigits('12 3')).toBe(false);
  });
});

// ---- the fixtures' values, by the independent implementations -----------------------------

describe('detector fixture values', () => {
  const dir = fileURLToPath(new URL('../../fixtures/detectors/', import.meta.url));
  const values = (type: string): string[] =>
    (
      JSON.parse(readFileSync(`${dir}${type}.json`, 'utf8')) as {
        positive: { value: string }[];
      }
    ).positive.map((p) => p.value);

  // The fixtures' check digits were made with code independent of the validators; these
  // checks keep them honest without trusting the code under test.
  it.each([
    ['CN_ID', (v: string) => v.length !== 18 || idCheckOracle(v) === v[17]!.toUpperCase()],
    ['CN_USCC', (v: string) => usccCheckOracle(v) === v[17]],
    ['BANK_CARD', luhnOracle],
    ['CREDIT_CARD', luhnOracle],
    ['IBAN', (v: string) => mod97Oracle(v.slice(4) + v.slice(0, 4)) === 1],
    [
      'HK_ID',
      (v: string) => hkCheckOracle(v.slice(0, v.length - 7), v.slice(-7, -1)) === v.slice(-1),
    ],
  ] as const)('%s positives pass the independent check', (type, check) => {
    const compact = (v: string): string => v.replace(/[\s()（）-]/g, '');
    const vs = values(type).map(compact);
    expect(vs.length).toBeGreaterThanOrEqual(3);
    expect(vs.filter((v) => !check(v))).toEqual([]);
  });
});

// ---- context helpers (context.ts) ---------------------------------------------------------

/** Offset of the first digit in `text`: where the candidate starts in the tables below. */
const at = (text: string): number => text.search(/\d/);

describe('contextBefore', () => {
  const W = ['台胞证', 'mainland travel permit for taiwan', 'id number'];
  it.each([
    // The word's last character must be one of the 24 characters before the value.
    [`台胞证${'x'.repeat(23)}58203917`, true],
    [`台胞证${'x'.repeat(24)}58203917`, false],
    // Measured from the end, so a word longer than the window still counts.
    ['Mainland Travel Permit for Taiwan Residents No.: 58203917', true],
    // A space in the word matches `_` (field names), not other characters.
    ['id_number: 58203917', true],
    ['id-number: 58203917', false],
    ['58203917 台胞证', false],
  ])('%s → %s', (text, want) => {
    expect(contextBefore(text, at(text), W)).toBe(want);
  });

  it('takes a narrower window when asked (a table row)', () => {
    const text = '台胞证 x 58203917';
    expect(contextBefore(text, at(text), W, 4)).toBe(true);
    expect(contextBefore(text, at(text), W, 3)).toBe(false);
  });
});

describe('hasContext and columnHeaderHas', () => {
  const W = ['台胞证'];
  it.each([
    ['姓名,台胞证,电话\n陈美玲,58203917,0755', true],
    ['姓名,电话,台胞证\n陈美玲,58203917,0755', false],
    // A label in the row before the value, not in the header line of another column.
    ['姓名,电话\n台胞证 58203917,0755', true],
    ['台胞证,电话\n陈美玲,58203917', false],
    // A header cell names its column unless its word is followed by a value of its own there:
    // a note or more words are not a value, a number or a masked number is.
    ['姓名,台胞证号（8位）\n陈美玲,58203917', true],
    ['姓名,台胞证 or MTP\n陈美玲,58203917', true],
    ['陈美玲, 台胞证 48203917\n林志明, 58203917', false],
    ['陈美玲, 台胞证 ****3917\n林志明, 58203917', false],
    // One bracketed note between the label and the value is skipped, ':' or not, on one line.
    ['台胞证号码（卡式证件，终身号码，与旧版本式通行证的十位号码不同）：58203917', true],
    ['台胞证 (card issued since 2015, lifelong number, not the old booklet) 58203917', true],
    ['台胞证【以下为卡式证件号码，请与证件正面核对一致，勿填旧版号码】58203917', true],
    ['台胞证（见附件\n第二页的说明以及更多其他文字内容的占位）58203917', false],
    [`台胞证（${'长'.repeat(65)}）58203917`, false],
    [`台胞证（${'长'.repeat(64)}）58203917`, true],
    // Only the group next to the value: the label must stand within the window before it.
    [`台胞证（${'甲'.repeat(24)}）（${'乙'.repeat(24)}）58203917`, false],
    [`台胞证（${'甲'.repeat(24)}) 58203917`, true],
    // A table row keeps its own label: the note does not reach back into the header line.
    ['姓名,电话,台胞证\n陈美玲,（备注：这是一条足够长的备注文字超过窗口）58203917', false],
  ])('%s → %s', (text, want) => {
    expect(hasContext(text, text.indexOf('58203917'), W)).toBe(want);
  });

  it('matches `_` for a space in a header cell too', () => {
    const text = 'name\tmainland_travel_permit_tw\n林\t58203917';
    expect(columnHeaderHas(text, text.indexOf('5820'), ['mainland travel permit tw'])).toBe(true);
  });
});

describe('labeledAsOther', () => {
  const PHONE = ['手机', '电话', 'phone'];
  it.each([
    // Directly before: separators and label tails only.
    ['订单号：13912874560', true],
    ['订单号码 13912874560', true],
    ['Order No. 13912874560', true],
    ['"orderNo":"13912874560"', true],
    ['order_id=13912874560', true],
    ['Invoice #: 13912874560', true],
    ['您的订单号为13912874560', true],
    ['工号 13912874560', true],
    ['employee_no: 13912874560', true],
    ['订单号\n13912874560', true],
    ['采购订单号\t13912874560', true],
    // Further away, or with other words between: it names something else.
    ['远航物流股份有限公司\t陈建国\t13912874560', false],
    ['远航物流 13912874560', false],
    ['订单联系人手机 13912874560', false],
    ['订单已发货，13912874560', false],
    ['订单 2 号 13912874560', false],
    // ASCII labels start a word: `border` is not `order`.
    ['border 13912874560', false],
    ['customerOrderNo 13912874560', true],
    // A column headed by a label, unless the header names the detector's own kind too.
    ['订单号\t下单时间\n13912874560\t2024-11-25', true],
    // A label closing a table's header line names its own column, not the next row's first cell.
    ['手机\t姓名\t订单号\n13912874560\t张三\t4461', false],
    ['order_id,amount\n13912874560,58.80', true],
    ['订单联系人手机\t金额\n13912874560\t58.80', false],
    ['金额\t订单号\n13912874560\t4461', false],
    // Only a value that begins its cell is named by the header.
    ['订单号\t下单时间\n手机 13912874560\t2024-11-25', false],
    // A label followed by its own value in the line above names that value, not the column:
    // two lines of prose with commas are not a table with a header.
    ['Infosys China, employee ID 1184523\nReferences: a.b@qq.com, 13912874560', false],
    ['远洋科技, 工号 30718\n王芳, 13912874560', false],
    ['employee ID,amount\n13912874560,58.80', true],
    // Shipment references: container, seal and bill-of-lading numbers.
    ['铅封号 13912874560', true],
    ['Seal No.: 13912874560', true],
    ['箱号：13912874560', true],
    ['B/L No. 13912874560', true],
    ['BL No: 13912874560', true],
    ['Container no. 13912874560', true],
    ['sealed 13912874560', false],
  ])('%s → %s', (text, want) => {
    expect(labeledAsOther(text, text.indexOf('13912874560'), PHONE)).toBe(want);
  });

  it('takes the labels it is given (IPv4 passes version words)', () => {
    const text = 'kernel 5.15.0.105';
    expect(labeledAsOther(text, 7, [], ['kernel'])).toBe(true);
    expect(labeledAsOther(text, 7, [])).toBe(false);
  });
});

describe('afterForeignCallingCode', () => {
  // [text, the number after the code (where the candidate starts), want]
  it.each([
    ['+49 151 23456789', '151 23456789', true],
    ['+44-20 7946 0958', '20 7946 0958', true],
    ['(+49) 171 23456789', '171 23456789', true],
    ['（+852）23456789', '23456789', true],
    ['+1 2125550100', '2125550100', true],
    ['+86 139 1234 5678', '139 1234 5678', false],
    ['(+86) 139 1234 5678', '139 1234 5678', false],
    ['+1234 139 1234 5678', '139 1234 5678', false],
    ['49 151 23456789', '151 23456789', false],
    ['+49  151 23456789', '151 23456789', false],
    ['(49) 151 23456789', '151 23456789', false],
    ['电话 151 23456789', '151 23456789', false],
  ])('%s (at %s) → %s', (text, value, want) => {
    expect(afterForeignCallingCode(text, text.lastIndexOf(value))).toBe(want);
  });
});

describe('labelBefore', () => {
  it.each([
    ['借记卡（Visa）4707095963723679', ['借记卡'], [], true],
    ['信用卡还款 借记卡 6222', ['信用卡'], ['借记卡'], false],
    ['信用卡。6222', ['信用卡'], [], false],
    ['信用卡 2 张 6222', ['信用卡'], [], false],
    ['信用卡号：6222', ['信用卡'], [], true],
    ['很久以前办过一张信用卡，后来因为年费太贵就注销掉了，现在用的卡 6222', ['信用卡'], [], false],
  ])('%s → %s', (text, labels, stops, want) => {
    expect(labelBefore(text, text.search(/\d{4}/), labels, stops)).toBe(want);
  });
});

describe('answersQuestion', () => {
  const V = ['version', '版本', 'oid'];
  const STOPS = ['ip', 'address'];
  it.each([
    ['Agent: which client version?\nUser: 5.1.4.2 I think', true],
    ['内核版本？\nA: 5.10.0.216', true],
    ['which version runs on the server with IP?\n5.1.4.2', false],
    ['which client version?\nUser 2: 5.1.4.2', false],
    ['which client version.\n5.1.4.2', false],
    ['is this android?\n5.1.4.2', false],
    ['5.1.4.2', false],
  ])('%s → %s', (text, want) => {
    expect(answersQuestion(text, text.lastIndexOf('5.'), V, STOPS)).toBe(want);
  });
});

describe('thousandsComma', () => {
  it.each([
    ['2019-03-01,6217006369661878733', false],
    ['6217006369661878733,2019-03-01', false],
    ['6228482398448111,1200', false],
    ['金额 1,234 5678 9012 3456', true],
    ['6230 5897 5171 7950 236,500', true],
    ['6230 5897 5171 7950 236,5000', false],
  ])('%s → %s', (text, want) => {
    const m = /\d{4}[\d ]{10,}\d|\d{3}(?: \d{4}){3}/.exec(text)!;
    expect(thousandsComma(text, m.index, m.index + m[0].length)).toBe(want);
  });
});

describe('wordBefore and wordAfter', () => {
  it('skips spaces only', () => {
    const text = '第 3.2.1.4 款';
    expect(wordBefore(text, 2, ['第'])).toBe(true);
    expect(wordAfter(text, 9, ['款'])).toBe(true);
    expect(wordBefore('第x 3.2.1.4', 3, ['第'])).toBe(false);
    expect(wordAfter('8.8.8.8 节点', 7, ['节点'])).toBe(true);
  });
});
