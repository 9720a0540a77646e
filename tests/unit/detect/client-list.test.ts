/**
 * The client list held as keyed hashes (utils/detect/client-list): normalisation, matching
 * (every occurrence, word boundaries, leftmost-longest, offsets into the original text), the
 * file's error messages, what the file does not reveal, and a 100,000-entry list.
 *
 * All names are synthetic; the key is the public test key of tests/fixtures/clients.
 */
import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { createDetector } from '../../../utils/detect';
import {
  ClientListError,
  MAX_ENTRY_LENGTH,
  buildClientList,
  createClientListMatcher,
  keyFromHex,
  keyIdOf,
  loadClientList,
  normaliseEntry,
  normaliseText,
} from '../../../utils/detect/client-list';
import { crc32, decodeBase64, encodeBase64 } from '../../../utils/detect/client-list/format';
import { mulberry32, syntheticEntries, unrelatedText } from '../../fixtures/clients/synthetic';

const KEY_HEX = '636c69656e7467756172642d756e69742d746573742d6b65792d7075626c6963';
const KEY = keyFromHex(KEY_HEX);
const OTHER_KEY = keyFromHex('00112233445566778899aabbccddeeff');
const SALT = Uint8Array.from({ length: 16 }, (_, i) => i * 17);
const SALT2 = Uint8Array.from({ length: 16 }, (_, i) => 255 - i);

const ENTRIES = [
  '华为（中国）',
  '示例科技',
  '示例科技有限公司',
  'Acme',
  'Acme Corp',
  '张三',
  'KH-000123',
  '6222000011112222',
  'Zürich Partners',
  '株式会社テスト',
];

const built = buildClientList(ENTRIES, KEY, { salt: SALT });
const list = loadClientList(built.file, KEY);
const matcher = createClientListMatcher(list);

/** Every hit as [start, end, original slice]. */
function hits(text: string, m = matcher): [number, number, string][] {
  const out: [number, number, string][] = [];
  m.scan(text, (h) => {
    expect(h.type).toBe('CLIENT_NAME');
    out.push([h.start, h.end, text.slice(h.start, h.end)]);
  });
  return out;
}

/** The slices matched in `text`. */
const found = (text: string): string[] => hits(text).map((h) => h[2]);

interface Header {
  salt: string;
  entries: number;
  anchorBits: number;
  windowBits: number;
  data: string;
  [k: string]: unknown;
}
const header = (file: string): Header => JSON.parse(file) as Header;

/** The exact table of a file: its 64-bit SipHash values as hex strings. */
function exactTable(file: string): string[] {
  const h = header(file);
  const bytes = decodeBase64(h.data)!;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const at = (2 ** h.anchorBits + 2 ** (h.windowBits - 5)) * 4;
  const out: string[] = [];
  for (let i = 0; i < h.entries; i++) {
    const hi = view.getUint32(at + 8 * i, true);
    const lo = view.getUint32(at + 8 * i + 4, true);
    out.push(hi.toString(16).padStart(8, '0') + lo.toString(16).padStart(8, '0'));
  }
  return out;
}

/** A copy of `file` with its header changed (and nothing else). */
function withHeader(file: string, change: Partial<Header>): string {
  return JSON.stringify({ ...header(file), ...change });
}

describe('normaliseEntry', () => {
  it.each([
    // full-width and half-width forms
    ['ＡＢＣ　Ｃｏｒｐ', 'abc corp'],
    ['６２２２－００１', '6222-001'],
    ['ｶﾀｶﾅ', 'カタカナ'],
    ['ｶﾞｲﾄﾞ', 'ガイド'],
    ['㈱示例', '(株)示例'],
    // case
    ['ACME Corp', 'acme corp'],
    ['ÄRGER', 'ärger'],
    // repeated and unusual white space
    ['Acme  Corp\t\r\n Ltd', 'acme corp ltd'],
    ['Acme\u00a0Corp', 'acme corp'],
    ['  Acme Corp  ', 'acme corp'],
    // Chinese and Latin parentheses, with and without spaces
    ['华为（中国）', '华为(中国)'],
    ['华为 (中国)', '华为(中国)'],
    ['华为(中国)', '华为(中国)'],
    ['华为 （ 中国 ） ', '华为(中国)'],
    // zero-width and format characters
    ['A\u200bcme', 'acme'],
    ['Ac\u00adme', 'acme'],
    ['\ufeffAc\u2060me\u200d', 'acme'],
    ['张\u200c三', '张三'],
    // spaces between CJK characters are dropped, next to Latin they stay
    ['华为 技术', '华为技术'],
    ['华\u3000为  技 术', '华为技术'],
    ['华为 Technologies', '华为 technologies'],
    // combining marks compose
    ['Zu\u0308rich', 'zürich'],
  ])('%j → %j', (input, expected) => {
    expect(normaliseEntry(input)).toBe(expected);
  });

  it('maps every normalised unit back to its span in the original text', () => {
    const text = 'Ａ  Ｂ㈱😀c';
    const n = normaliseText(text);
    const spans = Array.from({ length: n.length }, (_, i) => [
      String.fromCharCode(n.units[i]!),
      n.srcStart[i],
      n.srcEnd[i],
    ]);
    expect(spans).toEqual([
      ['a', 0, 1],
      [' ', 1, 3],
      ['b', 3, 4],
      ['(', 4, 5],
      ['株', 4, 5],
      [')', 4, 5],
      ['\ud83d', 5, 7],
      ['\ude00', 5, 7],
      ['c', 7, 8],
    ]);
  });
});

describe('client-list matcher', () => {
  it.each<[string, string, string[]]>([
    [
      'every occurrence in Chinese without spaces',
      '张三和张三都在示例科技工作，张三。',
      ['张三', '张三', '示例科技', '张三'],
    ],
    ['every occurrence in English', 'Acme, ACME and acme.', ['Acme', 'ACME', 'acme']],
    ['leftmost-longest (Chinese)', '示例科技有限公司的合同', ['示例科技有限公司']],
    ['a prefix when the longer entry is cut short', '示例科技有限的合同', ['示例科技']],
    ['leftmost-longest (English)', 'Acme Corp Ltd', ['Acme Corp']],
    ['the shorter entry when the longer one fails its end boundary', 'Acme Corporation', ['Acme']],
    ['no match inside a longer Latin word', 'Acmeway NotAcme Acme2 Acme_x xAcme', []],
    [
      'a match next to punctuation and CJK',
      '(Acme) Acme-way Acme公司 客户Acme',
      ['Acme', 'Acme', 'Acme', 'Acme'],
    ],
    ['no match inside a longer number', '962220000111122223 6222000011112222x', []],
    ['an account number on its own', '账号6222000011112222。', ['6222000011112222']],
    [
      'an account number in full-width digits',
      '６２２２００００１１１１２２２２',
      ['６２２２００００１１１１２２２２'],
    ],
    ['no code glued to a number', '６２２２０００ＫＨ－０００１２３', []],
    ['codes with a full-width hyphen', 'ＫＨ－０００１２３', ['ＫＨ－０００１２３']],
    ['parentheses, full-width', '华为（中国）', ['华为（中国）']],
    ['parentheses, Latin with a space', '华为 (中国)', ['华为 (中国)']],
    ['parentheses, Latin without a space', '华为(中国)', ['华为(中国)']],
    ['parentheses with spaces inside', '华为 （ 中国 ）公司', ['华为 （ 中国 ）']],
    ['full-width Latin with an ideographic space', 'ＡＣＭＥ　ｃｏｒｐ', ['ＡＣＭＥ　ｃｏｒｐ']],
    ['a line break for a space', 'Acme\r\nCorp', ['Acme\r\nCorp']],
    ['a zero-width space inside a name', '张\u200b三', ['张\u200b三']],
    ['spaces between CJK characters', '张 三和张　三', ['张 三', '张　三']],
    ['a combining mark', 'Zu\u0308rich Partners', ['Zu\u0308rich Partners']],
    ['half-width katakana', 'ｶﾌﾞｼｷｶﾞｲｼｬテスト 株式会社ﾃｽﾄ', ['株式会社ﾃｽﾄ']],
    ['nothing in unrelated text', 'Acm Corp 示例 张', []],
    ['nothing in an empty text', '', []],
  ])('%s', (_name, text, expected) => {
    expect(found(text)).toEqual(expected);
  });

  it('reports offsets into the original text, after and across NFKC-changed characters', () => {
    const before = '😀𠀀 ＡＢＣ㈱ ｶﾞ\u200b é ';
    const name = 'ＡＣＭＥ\u3000\u200bＣｏｒｐ';
    const text = before + name + '。';
    const h = hits(text);
    expect(h).toEqual([[before.length, before.length + name.length, name]]);
    expect(before.length).toBe(16); // two astral characters count two units each
  });

  it('reports CLIENT_NAME findings through the engine with masked forms only', () => {
    const detector = createDetector({ detectors: [], matchers: [matcher] });
    const text = '联系人 张三，公司 Acme Corp，账号 KH-000123';
    const r = detector.detect(text);
    expect(r.findings.map((f) => [f.type, f.confidence, text.slice(f.start, f.end)])).toEqual([
      ['CLIENT_NAME', 'validated', '张三'],
      ['CLIENT_NAME', 'validated', 'Acme Corp'],
      ['CLIENT_NAME', 'validated', 'KH-000123'],
    ]);
    expect(r.findings.map((f) => f.masked)).toEqual(['**', 'a********', 'k********']);
    expect(r.counts).toEqual({ CLIENT_NAME: 3 });
  });

  it('groups more than 32 distinct lengths into classes and still finds the longest', () => {
    const s = Array.from({ length: 70 }, (_, i) => String.fromCharCode(0x4e00 + 7 * i)).join('');
    const prefixes = Array.from({ length: 69 }, (_, i) => s.slice(0, i + 2));
    const m = createClientListMatcher(
      loadClientList(buildClientList(prefixes, KEY, { salt: SALT }).file, KEY),
    );
    for (const cut of [2, 3, 17, 32, 33, 34, 51, 69, 70])
      expect(hits(s.slice(0, cut) + '。' + s, m)).toEqual([
        [0, cut, s.slice(0, cut)],
        [cut + 1, cut + 71, s],
      ]);
  });

  it('loads an empty list that finds nothing', () => {
    const empty = buildClientList([], KEY, { salt: SALT });
    expect(empty.stats.entries).toBe(0);
    expect(hits('Acme 张三', createClientListMatcher(loadClientList(empty.file, KEY)))).toEqual([]);
  });
});

describe('buildClientList', () => {
  it('counts duplicates after normalisation, too short and too long entries', () => {
    const r = buildClientList(
      [
        'Acme',
        'ACME',
        'ａｃｍｅ',
        ' Acme ',
        'a',
        '张',
        '   ',
        '',
        'x'.repeat(MAX_ENTRY_LENGTH + 1),
      ],
      KEY,
      { salt: SALT },
    );
    expect(r.stats).toEqual({ entries: 1, duplicates: 3, tooShort: 2, tooLong: 1 });
    expect(header(r.file).entries).toBe(1);
  });

  it('is deterministic for a given salt, and salts differ by default', () => {
    expect(buildClientList(ENTRIES, KEY, { salt: SALT }).file).toBe(built.file);
    const a = header(buildClientList(ENTRIES, KEY).file).salt;
    const b = header(buildClientList(ENTRIES, KEY).file).salt;
    expect(a).toMatch(/^[0-9a-f]{32}$/);
    expect(a).not.toBe(b);
  });

  it('refuses a key shorter than 16 bytes', () => {
    expect(() => buildClientList(ENTRIES, new Uint8Array(15))).toThrow(ClientListError);
    expect(() => buildClientList(ENTRIES, new Uint8Array(15))).toThrow(/at least 16 bytes/);
  });
});

describe('loadClientList errors', () => {
  const data = header(built.file).data;
  const flipped = (() => {
    const bytes = decodeBase64(data)!;
    bytes[Math.floor(bytes.length / 2)]! ^= 0x10;
    return encodeBase64(bytes);
  })();

  it.each<[string, () => string, Uint8Array | string, RegExp]>([
    ['a wrong key', () => built.file, OTHER_KEY, /hashed with a different key/],
    [
      'a flipped byte in the data',
      () => withHeader(built.file, { data: flipped }),
      KEY,
      /checksum mismatch/,
    ],
    [
      'data that is not base64',
      () => withHeader(built.file, { data: '!' + data.slice(1) }),
      KEY,
      /not valid base64/,
    ],
    ['a file cut in half', () => built.file.slice(0, built.file.length >> 1), KEY, /truncated/],
    [
      'data cut short',
      () => withHeader(built.file, { data: data.slice(0, -8) }),
      KEY,
      /damaged or truncated/,
    ],
    [
      'an unsupported version',
      () => withHeader(built.file, { version: 2 }),
      KEY,
      /version 2 is not supported/,
    ],
    [
      'an unknown algorithm',
      () => withHeader(built.file, { algorithm: 'md5' }),
      KEY,
      /algorithm "md5" is not supported/,
    ],
    [
      'a damaged header field',
      () => withHeader(built.file, { anchorBits: 99 }),
      KEY,
      /field "anchorBits"/,
    ],
    [
      'a changed salt (the data alone is intact)',
      () => {
        const salt = header(built.file).salt;
        return withHeader(built.file, { salt: (salt[0] === '0' ? '1' : '0') + salt.slice(1) });
      },
      KEY,
      /checksum mismatch/,
    ],
    [
      'a dropped entry length',
      () => withHeader(built.file, { lengths: (header(built.file).lengths as number[]).slice(1) }),
      KEY,
      /checksum mismatch/,
    ],
    [
      'anchor and window table sizes swapped (same total size)',
      () => {
        const h = header(built.file);
        return withHeader(built.file, {
          anchorBits: h.windowBits - 5,
          windowBits: h.anchorBits + 5,
        });
      },
      KEY,
      /checksum mismatch/,
    ],
    ['JSON that is not a list', () => '{"hello": 1}', KEY, /not a ClientGuard client list/],
    ['text that is not JSON', () => 'name,contact\n', KEY, /not complete JSON/],
    ['a key that is not hex', () => built.file, 'not-a-key', /hex digits/],
    ['a key that is too short', () => built.file, '00112233', /at least 16 bytes/],
  ])('%s', (_name, contents, key, message) => {
    let error: unknown;
    try {
      loadClientList(contents(), key);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ClientListError);
    expect((error as Error).message).toMatch(message);
    for (const entry of ENTRIES) expect((error as Error).message).not.toContain(entry);
  });

  it('computes CRC-32 as zlib does, and continues one across pieces', () => {
    const ascii = (s: string): Uint8Array => new TextEncoder().encode(s);
    expect(crc32(ascii('123456789'))).toBe(0xcbf43926);
    expect(crc32(ascii('56789'), crc32(ascii('1234')))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array(0))).toBe(0);
  });

  it('accepts the key as bytes or as hex', () => {
    expect(loadClientList(built.file, KEY_HEX).entries).toBe(ENTRIES.length);
    expect(loadClientList(built.file, KEY_HEX.toUpperCase()).entries).toBe(ENTRIES.length);
  });
});

describe('what a list file does not reveal', () => {
  const sha256Hex = (b: Uint8Array | string): string =>
    createHash('sha256').update(b).digest('hex');
  const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
  const utf16le = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'utf16le'));
  const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
  const fileText = built.file.toLowerCase();
  const dataBytes = Buffer.from(decodeBase64(header(built.file).data)!);

  it.each(ENTRIES)('holds no plain form or unkeyed hash of %j', (entry) => {
    const forms = [entry, entry.toLowerCase(), normaliseEntry(entry)];
    for (const form of forms) {
      for (const needle of [
        form,
        hex(utf8(form)),
        hex(utf16le(form)),
        sha256Hex(utf8(form)),
        sha256Hex(utf16le(form)),
        Buffer.from(utf8(form)).toString('base64').replace(/=+$/, ''),
      ])
        expect(fileText).not.toContain(needle.toLowerCase());
      // Nor in the decoded bytes: the text itself, or the start of its plain SHA-256.
      for (const bytes of [utf8(form), utf16le(form)]) {
        expect(dataBytes.indexOf(Buffer.from(bytes))).toBe(-1);
        const digest = createHash('sha256').update(bytes).digest().subarray(0, 8);
        expect(dataBytes.indexOf(digest)).toBe(-1);
      }
    }
  });

  it('shares no hash value between two files of the same list and key with different salts', () => {
    const other = buildClientList(ENTRIES, KEY, { salt: SALT2 }).file;
    expect(header(other).keyId).toBe(header(built.file).keyId);
    const a = exactTable(built.file);
    const b = new Set(exactTable(other));
    expect(a).toHaveLength(ENTRIES.length);
    expect(b.size).toBe(ENTRIES.length);
    expect(a.filter((x) => b.has(x))).toEqual([]);
    // Each file still matches with the key, and only its own table.
    expect(found('张三')).toEqual(['张三']);
    expect(
      hits('张三', createClientListMatcher(loadClientList(other, KEY))).map((h) => h[2]),
    ).toEqual(['张三']);
  });

  it('names the key only by a key id that differs between keys', () => {
    expect(header(built.file).keyId).toBe(keyIdOf(KEY));
    expect(keyIdOf(OTHER_KEY)).not.toBe(keyIdOf(KEY));
    expect(fileText).not.toContain(KEY_HEX);
  });
});

describe('a list of 100,000 synthetic entries', { timeout: 120_000 }, () => {
  const MB = 1_000_000;
  const entries = syntheticEntries(100_000);
  let big: ReturnType<typeof buildClientList>;
  let bigMatcher: ReturnType<typeof createClientListMatcher>;
  beforeAll(() => {
    big = buildClientList(
      entries.map((e) => e.text),
      KEY,
      { salt: SALT },
    );
    bigMatcher = createClientListMatcher(loadClientList(big.file, KEY));
  }, 120_000);

  it('has every kind of entry and fits in a file of at most 4 MB', () => {
    const kinds = new Set(entries.map((e) => e.kind));
    expect([...kinds].sort()).toEqual([
      'account',
      'cn-company',
      'cn-person',
      'en-company',
      'en-person',
    ]);
    expect(big.stats.entries).toBe(100_000);
    expect(Buffer.byteLength(big.file, 'utf8')).toBeLessThanOrEqual(4 * MB);
  });

  it('finds 1,000 planted entries (in four spellings) at their exact offsets', () => {
    const r = mulberry32(7);
    const fullWidth = (s: string): string =>
      s.replace(/[\x21-\x7e ]/g, (c) =>
        c === ' ' ? '\u3000' : String.fromCharCode(c.charCodeAt(0) + 0xfee0),
      );
    const variants = [
      (s: string) => s,
      (s: string) => s.toUpperCase(),
      fullWidth,
      (s: string) => [...s][0] + '\u200b' + [...s].slice(1).join(''),
    ];
    const filler = unrelatedText(400_000, 3);
    const parts: string[] = [];
    const expected: [number, number][] = [];
    let at = 0;
    const chosen = new Set<number>();
    while (chosen.size < 1000) chosen.add(Math.floor(r() * entries.length));
    let k = 0;
    for (const index of chosen) {
      const cut = filler.slice(k * 300, k * 300 + 50 + Math.floor(r() * 250));
      const planted = variants[k % variants.length]!(entries[index]!.text);
      parts.push(cut, ' ', planted, ' ');
      at += cut.length + 1;
      expected.push([at, at + planted.length]);
      at += planted.length + 1;
      k++;
    }
    const text = parts.join('');
    expect(hits(text, bigMatcher).map(([s, e]) => [s, e])).toEqual(expected);
  });

  it('reports nothing in 1 MB of unrelated text', () => {
    const text = unrelatedText(MB, 11);
    // The filler's vocabulary shares nothing with the entries, so every hit is false.
    expect(hits(text, bigMatcher)).toEqual([]);
  });
});
