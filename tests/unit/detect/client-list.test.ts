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
  MIN_ENTRY_LENGTH,
  buildClientList,
  createClientListMatcher,
  keyFromHex,
  keyIdOf,
  loadClientList,
  normaliseEntry,
  normaliseText,
} from '../../../utils/detect/client-list';
import {
  decodeBase64,
  decodeBase64Js,
  encodeBase64,
  wordChecksum,
} from '../../../utils/detect/client-list/format';
import { MAX_WINDOW } from '../../../utils/detect/client-list/matcher';
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
  prefixBits: number;
  anchorWords: number;
  windowWords: number;
  exactBits: number;
  data: string;
  [k: string]: unknown;
}
const header = (file: string): Header => JSON.parse(file) as Header;

/** The exact table of a file: the stored 32-bit halves of its SipHash values, as hex strings. */
function exactTable(file: string): string[] {
  const h = header(file);
  const bytes = decodeBase64(h.data)!;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const words =
    2 ** (h.prefixBits - 5) + h.anchorWords + h.windowWords + Math.ceil(2 ** h.exactBits / 4);
  const out: string[] = [];
  for (let i = 0; i < h.entries; i++)
    out.push(
      view
        .getUint32((words + i) * 4, true)
        .toString(16)
        .padStart(8, '0'),
    );
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
      () => withHeader(built.file, { version: 3 }),
      KEY,
      /version 3 is not supported/,
    ],
    [
      'a version 1 list (the format before the prefix filter)',
      () => withHeader(built.file, { version: 1 }),
      KEY,
      /version 1 is not supported .*hash the list again/,
    ],
    [
      'an unknown algorithm',
      () => withHeader(built.file, { algorithm: 'md5' }),
      KEY,
      /algorithm "md5" is not supported/,
    ],
    [
      'a damaged header field',
      () => withHeader(built.file, { anchorWords: -1 }),
      KEY,
      /field "anchorWords"/,
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
        expect(h.anchorWords).not.toBe(h.windowWords);
        return withHeader(built.file, { anchorWords: h.windowWords, windowWords: h.anchorWords });
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

  it('has a data checksum that any single flipped bit, in any word, changes', () => {
    const words = Int32Array.from({ length: 64 }, (_, i) => Math.imul(i + 1, 0x9e3779b1));
    const sum = wordChecksum(words, 7);
    expect(wordChecksum(words, 8)).not.toBe(sum);
    for (let w = 0; w < words.length; w++)
      for (let bit = 0; bit < 32; bit++) {
        const copy = words.slice();
        copy[w]! ^= 1 << bit;
        expect(wordChecksum(copy, 7)).not.toBe(sum);
      }
  });

  /** Runs `fn` with `decodeBase64` seeing only the decoder `tier` of the platform. */
  function withDecoder<T>(tier: 'fromBase64' | 'Buffer' | 'atob' | 'js', fn: () => T): T {
    const g = globalThis as { Buffer?: unknown; atob?: unknown };
    const u8 = Uint8Array as { fromBase64?: unknown };
    const saved = { buffer: g.Buffer, atob: g.atob, fromBase64: u8.fromBase64 };
    // A stand-in for the native method: as strict about the alphabet, as lax about spaces.
    const nodeBuffer = Buffer;
    u8.fromBase64 =
      tier === 'fromBase64'
        ? (t: string): Uint8Array => {
            if (/[^A-Za-z0-9+/=\s]/.test(t)) throw new SyntaxError('not base64');
            return new Uint8Array(nodeBuffer.from(t.replace(/\s/g, ''), 'base64'));
          }
        : undefined;
    if (tier !== 'Buffer') g.Buffer = undefined;
    if (tier !== 'atob') g.atob = undefined;
    try {
      return fn();
    } finally {
      g.Buffer = saved.buffer;
      g.atob = saved.atob;
      u8.fromBase64 = saved.fromBase64;
    }
  }

  it.each(['fromBase64', 'Buffer', 'atob', 'js'] as const)(
    'decodes base64 through %s exactly, and refuses what is not strict base64',
    (tier) => {
      for (const n of [0, 1, 2, 3, 4, 5, 11, 12, 13, 24, 100, 1001]) {
        const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 37 + 11) & 255);
        const text = encodeBase64(bytes);
        expect(text).toBe(Buffer.from(bytes).toString('base64'));
        withDecoder(tier, () => {
          expect(decodeBase64(text)).toEqual(bytes);
          if (n >= 3)
            for (const broken of [
              '!' + text.slice(1),
              text.slice(0, -4) + ' ' + text.slice(-3),
              text.slice(0, 2) + '\u00e9' + text.slice(3),
              text.slice(0, 2) + '=' + text.slice(3),
              text + '=',
              text.slice(0, -1),
            ])
              expect(decodeBase64(broken)).toBeNull();
        });
      }
      expect(decodeBase64Js(encodeBase64(new Uint8Array([1, 2, 3, 4])))).toEqual(
        new Uint8Array([1, 2, 3, 4]),
      );
    },
  );

  it.each(['fromBase64', 'atob', 'js'] as const)('loads the list with %s decoding', (tier) => {
    const m = withDecoder(tier, () => createClientListMatcher(loadClientList(built.file, KEY)));
    const text = ENTRIES.join(' / ');
    expect(hits(text, m)).toEqual(hits(text));
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

// ---- reference models ------------------------------------------------------------------------

const isSpace = (c: number): boolean =>
  c === 0x20 ||
  (c >= 0x09 && c <= 0x0d) ||
  c === 0x85 ||
  c === 0xa0 ||
  c === 0x1680 ||
  (c >= 0x2000 && c <= 0x200a) ||
  c === 0x2028 ||
  c === 0x2029 ||
  c === 0x202f ||
  c === 0x205f ||
  c === 0x3000;
const isIgnorable = (c: number): boolean =>
  c === 0xad || (c >= 0x200b && c <= 0x200d) || c === 0x2060 || c === 0xfeff || c === 0x180e;
const isCjk = (c: number): boolean =>
  (c >= 0x4e00 && c <= 0x9fff) ||
  (c >= 0x3400 && c <= 0x4dbf) ||
  (c >= 0x3000 && c <= 0x30ff) ||
  (c >= 0xf900 && c <= 0xfaff);
const isWord = (c: number): boolean =>
  (c >= 0x61 && c <= 0x7a) ||
  (c >= 0x30 && c <= 0x39) ||
  (c >= 0x41 && c <= 0x5a) ||
  c === 0x5f ||
  (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7) ||
  (c >= 0x370 && c <= 0x52f);
const joins = (c: number): boolean =>
  c >= 0x300 && (/^\p{M}$/u.test(String.fromCharCode(c)) || c === 0xff9e || c === 0xff9f);

/**
 * The normalisation rules of utils/detect/client-list/normalise.ts written the slow, obvious
 * way: every cluster (a code point and the marks that join it) through NFKC and lower case.
 */
function referenceNormalise(text: string): { units: number[]; starts: number[]; ends: number[] } {
  const units: number[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  let ws: [number, number] | null = null;
  let last = -1;
  const put = (u: number, start: number, end: number): void => {
    if (ws) {
      const drop = last < 0 || u === 0x28 || u === 0x29 || last === 0x28 || last === 0x29;
      if (!drop && !(isCjk(last) && isCjk(u))) {
        units.push(0x20);
        starts.push(ws[0]);
        ends.push(ws[1]);
      }
      ws = null;
    }
    units.push(u);
    starts.push(start);
    ends.push(end);
    last = u;
  };
  let i = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (isSpace(c)) {
      ws = [ws ? ws[0] : i, i + 1];
      i++;
      continue;
    }
    if (isIgnorable(c)) {
      i++;
      continue;
    }
    let j = i + (text.codePointAt(i)! > 0xffff ? 2 : 1);
    while (j < text.length && joins(text.charCodeAt(j))) j++;
    for (const ch of text.slice(i, j).normalize('NFKC').toLowerCase().split('')) {
      const u = ch.charCodeAt(0);
      if (isSpace(u)) ws = [ws ? ws[0] : i, j];
      else if (!isIgnorable(u)) put(u, i, j);
    }
    i = j;
  }
  return { units, starts, ends };
}

/** Every listed entry in `text` by brute force over plain entries: [start, end] pairs. */
function referenceHits(text: string, entries: readonly string[]): [number, number][] {
  const set = new Set(entries.map(normaliseEntry).filter((e) => e.length >= MIN_ENTRY_LENGTH));
  const lengths = [...new Set([...set].map((e) => e.length))].sort((a, b) => b - a);
  const n = referenceNormalise(text);
  const u = n.units;
  const out: [number, number][] = [];
  let i = 0;
  while (i < u.length) {
    let found = 0;
    if (!(isWord(u[i]!) && i > 0 && isWord(u[i - 1]!)))
      for (const len of lengths) {
        const end = i + len;
        if (end > u.length) continue;
        if (end < u.length && isWord(u[end]!) && isWord(u[end - 1]!)) continue;
        if (set.has(String.fromCharCode(...u.slice(i, end)))) {
          found = len;
          break;
        }
      }
    if (found === 0) {
      i++;
      continue;
    }
    out.push([n.starts[i]!, n.ends[i + found - 1]!]);
    i += found;
  }
  return out;
}

/** Random text over an alphabet rich in what normalisation changes, with entries spliced in. */
function trickyText(r: () => number, length: number, entries: readonly string[]): string {
  const alphabet = [
    'a',
    'Z',
    'x',
    '0',
    '7',
    '_',
    '-',
    '.',
    ' ',
    '  ',
    '\t',
    '\r\n',
    '\u3000',
    '\u00a0',
    '(',
    ')',
    '（',
    '）',
    '华',
    '为',
    '示',
    '例',
    '。',
    '、',
    '\u200b',
    '\u00ad',
    '\ufeff',
    '\u0301',
    '\u0308',
    'e',
    'u',
    'ｶ',
    'ﾞ',
    'ﾃ',
    '㈱',
    '😀',
    '\ud83d',
    '\ude00',
    'Ａ',
    'ｃ',
    '１',
    'é',
    'ﬁ',
    '\ufdfa',
    '¨',
    'ß',
    'İ',
    'Σ',
    'ς',
    '\u2000',
    'ー',
    '\u3099',
    '가',
    '\u11a8',
    'Å',
    'K',
  ];
  const parts: string[] = [];
  let size = 0;
  while (size < length) {
    const piece =
      r() < 0.15
        ? entries[Math.floor(r() * entries.length)]!
        : alphabet[Math.floor(r() * alphabet.length)]!;
    parts.push(piece);
    size += piece.length;
  }
  return parts.join('');
}

describe('the normaliser against the reference rules', () => {
  const r = mulberry32(99);
  const cases = [
    ...Array.from({ length: 400 }, () => trickyText(r, 1 + Math.floor(r() * 40), ENTRIES)),
    trickyText(r, 5000, ENTRIES),
    unrelatedText(20_000, 5),
  ];

  it('gives the same units and offsets on random tricky texts', () => {
    for (const text of cases) {
      const n = normaliseText(text);
      const ref = referenceNormalise(text);
      expect({
        units: Array.from(n.units.subarray(0, n.length)),
        starts: Array.from(n.srcStart.subarray(0, n.length)),
        ends: Array.from(n.srcEnd.subarray(0, n.length)),
      }).toEqual(ref);
    }
  });

  it('classifies every BMP character as NFKC does, alone and before a mark', () => {
    const bad: number[] = [];
    for (let c = 0; c < 0x10000; c += 1) {
      const ch = String.fromCharCode(c);
      for (const text of [`a${ch}b`, `${ch}\u0301`, ` ${ch} 华`]) {
        const n = normaliseText(text);
        const ref = referenceNormalise(text);
        if (
          n.length !== ref.units.length ||
          ref.units.some((u, k) => n.units[k] !== u || n.srcEnd[k] !== ref.ends[k])
        ) {
          bad.push(c);
          break;
        }
      }
    }
    expect(bad).toEqual([]);
  });
});

describe('the matcher against a brute-force reference', () => {
  const entries = [...ENTRIES, 'Acme Corporation', 'ＫＨ－００', 'ｶﾞｲﾄﾞ', 'e\u0301clair', '华为'];
  const m = createClientListMatcher(
    loadClientList(buildClientList(entries, KEY, { salt: SALT }).file, KEY),
  );

  it.each([
    ['short texts', 300, 60],
    ['texts of a few thousand units', 10, 4000],
    ['texts longer than the matcher window', 2, 2 * MAX_WINDOW + 777],
  ])('finds exactly what it finds in %s', (_name, count, length) => {
    const r = mulberry32(length);
    for (let k = 0; k < count; k++) {
      const text = trickyText(r, length, entries);
      expect(hits(text, m).map(([s, e]) => [s, e])).toEqual(referenceHits(text, entries));
    }
  });

  it('finds an entry with a combining mark at every position around the window edge', () => {
    const name = 'Zu\u0308rich Partners';
    for (let at = MAX_WINDOW - 300; at < MAX_WINDOW + 40; at++) {
      // Full stops normalise one to one, so the name starts at unit `at`.
      const text = '。'.repeat(at) + name + '。' + name;
      const h = hits(text, m);
      expect(h.map(([s, e]) => [s, e])).toEqual([
        [at, at + name.length],
        [at + name.length + 1, at + 2 * name.length + 1],
      ]);
    }
  });

  it('gives the same hits when one matcher scans texts of very different sizes in turn', () => {
    const r = mulberry32(5);
    const texts = [3 * MAX_WINDOW, 50, 5000, 12, 3 * MAX_WINDOW].map((l) =>
      trickyText(r, l, entries),
    );
    const first = texts.map((t) => hits(t, m));
    const fresh = texts.map((t) =>
      hits(
        t,
        createClientListMatcher(
          loadClientList(buildClientList(entries, KEY, { salt: SALT }).file, KEY),
        ),
      ),
    );
    expect(first).toEqual(fresh);
    expect(first[0]!.length).toBeGreaterThan(100);
  });
});

describe('list shapes', () => {
  it.each([2, 3, 4, 5, 8])('finds the same entries with %i prefix levels', (depth) => {
    const m = createClientListMatcher(
      loadClientList(buildClientList(ENTRIES, KEY, { salt: SALT, depth }).file, KEY),
    );
    const text = ENTRIES.join('，') + ' 示例科技有限公司的 Acme Corp 张三';
    expect(hits(text, m)).toEqual(hits(text));
    expect(hits(text).length).toBe(ENTRIES.length + 3);
  });

  it.each<[string, string[], string]>([
    ['only entries shorter than the prefix depth', ['张三', 'ab', '李四五'], '张三和李四五, ab'],
    [
      'only entries longer than the prefix depth',
      ['示例科技有限公司', 'Acme Corporation'],
      'Acme Corporation 与 示例科技有限公司',
    ],
  ])('loads and matches a list with %s', (_name, list, text) => {
    const m = createClientListMatcher(
      loadClientList(buildClientList(list, KEY, { salt: SALT }).file, KEY),
    );
    expect(
      hits(text, m)
        .map((h) => h[2])
        .sort(),
    ).toEqual([...list].sort());
  });

  it('refuses a prefix depth outside 2 to 8', () => {
    expect(() => buildClientList(ENTRIES, KEY, { depth: 1 })).toThrow(/prefix depth/);
    expect(() => buildClientList(ENTRIES, KEY, { depth: 9 })).toThrow(/prefix depth/);
  });

  it.each<[string, (file: string) => string]>([
    ['pretty-printed', (f) => JSON.stringify(JSON.parse(f), null, 2)],
    [
      'with "data" first',
      (f) => {
        const { data, ...rest } = header(f);
        return JSON.stringify({ data, ...rest });
      },
    ],
    ['with "/" escaped in "data"', (f) => f.replace(/\//g, '\\/')],
    ['with white space around', (f) => `\n  ${f.trim()}  \r\n`],
  ])('loads a file %s like the file as written', (_name, change) => {
    const changed = change(built.file);
    expect(changed).not.toBe(built.file);
    const m = createClientListMatcher(loadClientList(changed, KEY));
    const text = ENTRIES.join(' / ');
    expect(hits(text, m)).toEqual(hits(text));
  });
});
