/**
 * `clientguard scan`, driven through main() with a fake io and temporary files: exit
 * statuses, text and JSON output, UTF-16 offsets, and the client list (--clients, --key-file).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildClientList, keyFromHex } from '../../../utils/detect/client-list';
import { FIXTURES, TEST_KEY_HEX, run, tempDir } from './helpers';

const tmp = tempDir('scan');
afterAll(() => tmp.remove());

const KEY = tmp.file('key.hex', TEST_KEY_HEX + '\n');
const OTHER_KEY = tmp.file('other.hex', '00112233445566778899aabbccddeeff\n');
const NAMES = ['示例科技有限公司', 'Acme Corp', '张三', 'KH-000123'];
const listText = buildClientList(NAMES, keyFromHex(TEST_KEY_HEX)).file;
const LIST = tmp.file('list.json', listText);

const CLEAN = tmp.file('clean.txt', '会议纪要：下周一讨论预算。Nothing to see here.\n');
const EMAIL = tmp.file('email.txt', 'first line\n联系 a.b@example.cn\n');

interface JsonFinding {
  file?: string;
  start: number;
  end: number;
  type: string;
  confidence: string;
  masked: string;
}
const parseJson = (s: string): JsonFinding[] => JSON.parse(s) as JsonFinding[];

describe('scan exit status and output', () => {
  it('exits 0 with no output when nothing is found', async () => {
    const r = await run(['scan', CLEAN]);
    expect(r).toEqual({ code: 0, stdout: '', stderr: '0 findings in 1 file\n' });
    const j = await run(['scan', '--json', CLEAN]);
    expect(j).toEqual({ code: 0, stdout: '[]\n', stderr: '' });
  });

  it('exits 1 and prints FILE:LINE:COLUMN, type, confidence and masked form', async () => {
    const r = await run(['scan', EMAIL]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(`${EMAIL}:2:4\tEMAIL\tvalidated\ta***@example.cn\n`);
    expect(r.stderr).toBe('1 finding in 1 file\n');
  });

  it('prints exactly [{start, end, type, confidence, masked}] with --json', async () => {
    const r = await run(['scan', EMAIL, '--json']);
    expect(r.code).toBe(1);
    const rows = parseJson(r.stdout);
    expect(rows).toEqual([
      { start: 14, end: 28, type: 'EMAIL', confidence: 'validated', masked: 'a***@example.cn' },
    ]);
    expect(Object.keys(rows[0]!)).toEqual(['start', 'end', 'type', 'confidence', 'masked']);
  });

  it('adds "file" to each finding when several files are scanned', async () => {
    const r = await run(['scan', '--json', CLEAN, EMAIL, EMAIL]);
    expect(r.code).toBe(1);
    const rows = parseJson(r.stdout);
    expect(rows.map((f) => [f.file, f.start])).toEqual([
      [EMAIL, 14],
      [EMAIL, 14],
    ]);
    expect(Object.keys(rows[0]!)).toEqual(['file', 'start', 'end', 'type', 'confidence', 'masked']);
    const text = await run(['scan', CLEAN, EMAIL]);
    expect(text.stderr).toBe('1 finding in 2 files\n');
  });

  it('reads standard input for -', async () => {
    const r = await run(['scan', '-', '--json'], '邮箱 x.y@example.cn');
    expect(r.code).toBe(1);
    expect(parseJson(r.stdout).map((f) => [f.start, f.end, f.type])).toEqual([[3, 17, 'EMAIL']]);
    const t = await run(['scan', '-'], 'x.y@example.cn');
    expect(t.stdout).toBe('-:1:1\tEMAIL\tvalidated\tx***@example.cn\n');
  });
});

describe('offsets are UTF-16 code units of the decoded UTF-8 text', () => {
  // 😀 and 𠀀 are outside the BMP: two UTF-16 units (four UTF-8 bytes) each.
  const before = '😀𠀀é 中文 ';
  const text = `${before}a.b@example.cn 张三 Acme Corp\n😀 KH-000123`;
  const file = tmp.file('astral.txt', text);
  const bom = tmp.file('bom.txt', '\ufeff' + text);

  it.each([
    ['a plain file', file],
    ['a file with a BOM (offsets count from after it)', bom],
  ])('%s', async (_name, path) => {
    const r = await run(['scan', '--json', '--clients', LIST, '--key-file', KEY, path]);
    expect(r.code).toBe(1);
    const rows = parseJson(r.stdout);
    expect(rows.map((f) => [f.type, text.slice(f.start, f.end)])).toEqual([
      ['EMAIL', 'a.b@example.cn'],
      ['CLIENT_NAME', '张三'],
      ['CLIENT_NAME', 'Acme Corp'],
      ['CLIENT_NAME', 'KH-000123'],
    ]);
    expect(rows[0]!.start).toBe(before.length);
    expect(before.length).toBe(9);
    expect(Buffer.byteLength(before)).toBe(18);
  });

  it('gives columns in UTF-16 units too', async () => {
    const r = await run(['scan', '--clients', LIST, '--key-file', KEY, file]);
    expect(r.stdout.split('\n').map((l) => l.split('\t').slice(0, 2).join(' '))).toEqual([
      `${file}:1:10 EMAIL`,
      `${file}:1:25 CLIENT_NAME`,
      `${file}:1:28 CLIENT_NAME`,
      `${file}:2:4 CLIENT_NAME`,
      '',
    ]);
  });
});

describe('scan --clients --key-file', () => {
  it('reports CLIENT_NAME findings with masked forms only', async () => {
    const file = tmp.file(
      'clients.txt',
      '请联系示例科技有限公司的张三（账号 KH-000123），或 ACME CORP。',
    );
    const r = await run(['scan', '--json', '--clients', LIST, '--key-file', KEY, file]);
    expect(r.code).toBe(1);
    const rows = parseJson(r.stdout);
    expect(rows.map((f) => [f.type, f.confidence, f.masked])).toEqual([
      ['CLIENT_NAME', 'validated', '示*******'],
      ['CLIENT_NAME', 'validated', '**'],
      ['CLIENT_NAME', 'validated', 'k********'],
      ['CLIENT_NAME', 'validated', 'a********'],
    ]);
    for (const name of NAMES) expect(r.stdout.toLowerCase()).not.toContain(name.toLowerCase());
  });

  it('finds nothing of the list without --clients', async () => {
    const file = tmp.file('names.txt', '示例科技有限公司 张三');
    expect((await run(['scan', file])).code).toBe(0);
    expect((await run(['scan', '--clients', LIST, '--key-file', KEY, file])).code).toBe(1);
  });

  it('uses a list made by clients hash from the fixture CSV', async () => {
    const out = tmp.path('from-csv.json');
    const h = await run([
      'clients',
      'hash',
      '--key-file',
      KEY,
      '--columns',
      'name,contact',
      '--out',
      out,
      join(FIXTURES, 'clients.csv'),
    ]);
    expect(h.code).toBe(0);
    const file = tmp.file('probe.txt', 'Jane Doe 与 The "Sample" Group 签约；fictional\nholdings');
    const r = await run(['scan', '--json', '--clients', out, '--key-file', KEY, file]);
    expect(
      parseJson(r.stdout).map((f) => readFileSync(file, 'utf8').slice(f.start, f.end)),
    ).toEqual(['Jane Doe', 'The "Sample" Group', 'fictional\nholdings']);
  });

  describe('errors (exit status 2)', () => {
    const header = JSON.parse(listText) as Record<string, unknown> & { data: string };
    const flipped = (() => {
      const d = header.data;
      const i = d.length >> 1;
      return JSON.stringify({
        ...header,
        data: d.slice(0, i) + (d[i] === 'A' ? 'B' : 'A') + d.slice(i + 1),
      });
    })();
    const cases: [string, () => string[], RegExp][] = [
      [
        'a wrong key',
        () => ['--clients', LIST, '--key-file', OTHER_KEY],
        /list\.json: the client list was hashed with a different key \(list key id [0-9a-f]{16}, given key id [0-9a-f]{16}\)/,
      ],
      [
        'a damaged list (checksum)',
        () => ['--clients', tmp.file('flipped.json', flipped), '--key-file', KEY],
        /flipped\.json: client list is damaged: checksum mismatch/,
      ],
      [
        'a truncated list',
        () => ['--clients', tmp.file('cut.json', listText.slice(0, 300)), '--key-file', KEY],
        /cut\.json: not a ClientGuard client list: the file is not complete JSON \(truncated or damaged\?\)/,
      ],
      [
        'an unsupported version',
        () => [
          '--clients',
          tmp.file('v9.json', JSON.stringify({ ...header, version: 9 })),
          '--key-file',
          KEY,
        ],
        /v9\.json: client list version 9 is not supported/,
      ],
      [
        'a CSV given as the list',
        () => ['--clients', join(FIXTURES, 'clients.csv'), '--key-file', KEY],
        /clients\.csv: not a ClientGuard client list/,
      ],
      [
        'the list given as the key',
        () => ['--clients', LIST, '--key-file', LIST],
        /list\.json: bad key: a key file holds hex digits only/,
      ],
      [
        'a missing list',
        () => ['--clients', tmp.path('none.json'), '--key-file', KEY],
        /cannot read client list \S+none\.json: no such file \(ENOENT\)/,
      ],
      [
        'a missing key file',
        () => ['--clients', LIST, '--key-file', tmp.path('none.hex')],
        /cannot read key file \S+none\.hex: no such file/,
      ],
      [
        '--clients without --key-file',
        () => ['--clients', LIST],
        /scan: --clients needs --key-file KEY/,
      ],
      [
        '--key-file without --clients',
        () => ['--key-file', KEY],
        /scan: --key-file is only used with --clients LIST/,
      ],
    ];
    it.each(cases)('%s', async (_name, args, message) => {
      const r = await run(['scan', ...args(), CLEAN]);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/^clientguard: /);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toContain(TEST_KEY_HEX.slice(0, 12));
    });
  });
});

describe('scan errors (exit status 2)', () => {
  it.each<[string, () => [string[], Uint8Array?], RegExp]>([
    [
      'an unreadable file',
      () => [[tmp.path('missing.txt')]],
      /^clientguard: cannot read \S+missing\.txt: no such file \(ENOENT\)\n$/,
    ],
    [
      'a file that is not UTF-8',
      () => [[tmp.file('latin1.txt', Uint8Array.from([0x63, 0x61, 0x66, 0xe9]))]],
      /latin1\.txt: not valid UTF-8 text/,
    ],
    [
      'standard input that is not UTF-8',
      () => [['-'], Uint8Array.from([0xff, 0xfe, 0])],
      /^clientguard: <stdin>: not valid UTF-8 text\n$/,
    ],
    ['no file', () => [[]], /scan: name a file, or - for standard input/],
    ['standard input twice', () => [['-', '-']], /standard input \(-\) can be scanned only once/],
    [
      'an unknown option',
      () => [['--jsn', CLEAN]],
      /scan: unknown option --jsn \(see 'clientguard scan --help'\)/,
    ],
    ['a value for --json', () => [['--json=yes', CLEAN]], /scan: --json does not take a value/],
    ['--clients without a value', () => [[CLEAN, '--clients']], /scan: --clients needs a value/],
  ])('%s', async (_name, setup, message) => {
    const [args, stdin] = setup();
    const r = await run(['scan', ...args], stdin ?? '');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
  });

  it('stops at the first unreadable file, before printing anything', async () => {
    const r = await run(['scan', EMAIL, tmp.path('missing.txt')]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
  });
});
