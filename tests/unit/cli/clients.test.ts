/**
 * `clientguard clients hash` and `clientguard clients keygen`, driven through main() with a
 * fake io and temporary files. The fixtures hold synthetic clients only.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  createClientListMatcher,
  keyFromHex,
  keyIdOf,
  loadClientList,
} from '../../../utils/detect/client-list';
import { FIXTURES, TEST_KEY_HEX, run, tempDir } from './helpers';

const tmp = tempDir('clients');
afterAll(() => tmp.remove());

const KEY = tmp.file('key.hex', TEST_KEY_HEX + '\n');
const CSV = join(FIXTURES, 'clients.csv');
const TSV = join(FIXTURES, 'clients.tsv');
const csvText = readFileSync(CSV, 'utf8');

/** What the fixtures hold, by column. */
const NAMES = [
  '示例科技有限公司',
  '测试贸易（上海）有限公司',
  'Example Trading Co., Ltd.',
  'The "Sample" Group',
  'Fictional Holdings',
  '虚构咨询集团',
];
const CONTACTS = ['张三', '李四', 'Jane Doe', 'John Roe', '王五'];
const ACCOUNTS = ['KH-000123', '88880001', 'AC-7781-0042', 'KH-000124'];
const NOTES = [
  'synthetic test data',
  'name has a comma',
  'name has quotes',
  'line break inside quotes',
  'empty row',
];
const ALL_CELLS = [...NAMES, ...CONTACTS, ...ACCOUNTS, ...NOTES];

/** Which of `probes` a list file finds (each probed on its own). */
function listFinds(file: string, probes: readonly string[]): string[] {
  const matcher = createClientListMatcher(loadClientList(file, TEST_KEY_HEX));
  return probes.filter((p) => {
    let hit = false;
    matcher.scan(`（${p}）`, (h) => {
      hit ||= h.start === 1 && h.end === p.length + 1;
    });
    return hit;
  });
}

/** The stats line `label  N` of the stderr report. */
function stat(stderr: string, label: string): number {
  const m = new RegExp(`^  ${label} +(\\d+)`, 'm').exec(stderr);
  if (!m) throw new Error(`no '${label}' in the report`);
  return Number(m[1]);
}

describe('clients hash', () => {
  it('hashes every column of a CSV file (BOM, CRLF, quotes, line break in quotes)', async () => {
    const r = await run(['clients', 'hash', '--key-file', KEY, CSV]);
    expect(r.code).toBe(0);
    expect(listFinds(r.stdout, [...ALL_CELLS, 'name', 'contact', 'Acme'])).toEqual(ALL_CELLS);
    expect(stat(r.stderr, 'entries')).toBe(ALL_CELLS.length);
    expect(stat(r.stderr, 'empty cells')).toBe(8);
    expect(stat(r.stderr, 'size')).toBe(Buffer.byteLength(r.stdout));
    expect(r.stderr).toContain(`key id       ${keyIdOf(keyFromHex(TEST_KEY_HEX))}`);
    expect(r.stderr).toContain('(CSV, 7 rows after the header row;');
    expect(r.stderr).toContain('written to   <stdout>');
  });

  it.each<[string, string[], string[]]>([
    ['header names', ['--columns', 'name,contact'], [...NAMES, ...CONTACTS]],
    [
      'header names, ignoring case and spaces',
      ['--columns', ' NAME , Contact'],
      [...NAMES, ...CONTACTS],
    ],
    ['column numbers', ['--columns', '1,3'], [...NAMES, ...ACCOUNTS]],
    ['names and numbers mixed, repeated', ['--columns', 'account,3,2'], [...CONTACTS, ...ACCOUNTS]],
  ])('takes the columns chosen by %s', async (_name, args, expected) => {
    const r = await run(['clients', 'hash', '--key-file', KEY, ...args, CSV]);
    expect(r.code).toBe(0);
    expect(listFinds(r.stdout, ALL_CELLS).sort()).toEqual([...expected].sort());
    expect(stat(r.stderr, 'entries')).toBe(expected.length);
    expect(r.stderr).toContain(
      `columns ${args[1]!
        .split(',')
        .map((s) => s.trim())
        .join(', ')})`,
    );
  });

  it('reads TSV, detected from the extension', async () => {
    const r = await run(['clients', 'hash', '--key-file', KEY, '--columns', 'name,contact', TSV]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('(TSV, 7 rows');
    expect(listFinds(r.stdout, ALL_CELLS).sort()).toEqual([...NAMES, ...CONTACTS].sort());
  });

  it.each<[string, string, string[], 'CSV' | 'TSV']>([
    ['TSV on standard input', readFileSync(TSV, 'utf8'), [], 'TSV'],
    ['CSV on standard input', csvText, [], 'CSV'],
    ['CSV on standard input, said so', csvText, ['--delimiter', 'comma'], 'CSV'],
  ])('reads %s, detected from the contents', async (_name, stdin, extra, kind) => {
    const r = await run(
      ['clients', 'hash', '--key-file', KEY, '--columns', 'name', ...extra, '-'],
      stdin,
    );
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`hashed <stdin> (${kind}, 7 rows`);
    expect(listFinds(r.stdout, ALL_CELLS).sort()).toEqual([...NAMES].sort());
  });

  it('lets --delimiter override the extension', async () => {
    const tsvNamedCsv = tmp.file('really-tab.csv', readFileSync(TSV));
    const wrong = await run([
      'clients',
      'hash',
      '--key-file',
      KEY,
      '--columns',
      'name',
      tsvNamedCsv,
    ]);
    expect(wrong.code).toBe(2);
    // Read as CSV, the tab-separated line with `"The ""Sample"" Group"\t…` is broken CSV.
    expect(wrong.stderr).toMatch(/really-tab\.csv: line 5: text after the closing quote/);
    const r = await run([
      'clients',
      'hash',
      '--key-file',
      KEY,
      '--columns',
      'name',
      '--delimiter',
      'tab',
      tsvNamedCsv,
    ]);
    expect(r.code).toBe(0);
    expect(listFinds(r.stdout, ALL_CELLS).sort()).toEqual([...NAMES].sort());
  });

  it('reads UTF-16 with a byte-order mark (spreadsheet "Unicode text")', async () => {
    const bytes = new Uint8Array([
      0xff,
      0xfe,
      ...Buffer.from(readFileSync(TSV, 'utf8'), 'utf16le'),
    ]);
    const file = tmp.file('unicode.txt', bytes);
    const r = await run(['clients', 'hash', '--key-file', KEY, '--columns', 'contact', file]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('(TSV, 7 rows');
    expect(listFinds(r.stdout, ALL_CELLS).sort()).toEqual([...CONTACTS].sort());
  });

  it('reads GBK when told, and says how when not', async () => {
    // "name\n华为\n" in GBK
    const file = tmp.file(
      'gbk.csv',
      Uint8Array.from([...Buffer.from('name\n'), 0xbb, 0xaa, 0xce, 0xaa, 0x0a]),
    );
    const r = await run(['clients', 'hash', '--key-file', KEY, '--encoding', 'gbk', file]);
    expect(r.code).toBe(0);
    expect(listFinds(r.stdout, ['华为'])).toEqual(['华为']);
    const bad = await run(['clients', 'hash', '--key-file', KEY, file]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('not valid utf-8 text; if it came from Excel');
    expect(bad.stderr).toContain('--encoding gbk');
  });

  it('takes the first row as data with --no-header', async () => {
    const r = await run([
      'clients',
      'hash',
      '--key-file',
      KEY,
      '--no-header',
      '--columns',
      '2',
      CSV,
    ]);
    expect(r.code).toBe(0);
    expect(listFinds(r.stdout, ['contact', ...CONTACTS])).toEqual(['contact', ...CONTACTS]);
    expect(r.stderr).toContain('(CSV, 8 rows; columns 2)');
    const h = await run(['clients', 'hash', '--key-file', KEY, '--header', '--columns', '2', CSV]);
    expect(listFinds(h.stdout, ['contact'])).toEqual([]);
  });

  it('writes the list to --out, and nothing to stdout', async () => {
    const out = tmp.path('list.json');
    const r = await run(['clients', 'hash', '--key-file', KEY, '--out', out, CSV]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`written to   ${out}`);
    const file = readFileSync(out, 'utf8');
    expect(stat(r.stderr, 'size')).toBe(Buffer.byteLength(file));
    expect(listFinds(file, NAMES)).toEqual(NAMES);
  });

  it('counts duplicates, too short and too long entries', async () => {
    const long = 'x'.repeat(300);
    const file = tmp.file('counts.csv', `name\nAcme\nACME\nａｃｍｅ\na\n${long}\n\n张三\n`);
    const r = await run(['clients', 'hash', '--key-file', KEY, file]);
    expect(r.code).toBe(0);
    expect([
      stat(r.stderr, 'entries'),
      stat(r.stderr, 'duplicates'),
      stat(r.stderr, 'too short'),
      stat(r.stderr, 'too long'),
      stat(r.stderr, 'empty cells'),
    ]).toEqual([2, 2, 1, 1, 1]);
  });

  it('never prints an entry: the report has counts, the output only hashes', async () => {
    const r = await run(['clients', 'hash', '--key-file', KEY, CSV]);
    const report = r.stderr.toLowerCase();
    const output = r.stdout.toLowerCase();
    for (const cell of ALL_CELLS) {
      expect(report).not.toContain(cell.toLowerCase());
      expect(output).not.toContain(cell.toLowerCase());
    }
  });

  it('reads the key file with # comments (the fixture test key)', async () => {
    const r = await run(['clients', 'hash', '--key-file', join(FIXTURES, 'test-key.hex'), CSV]);
    expect(r.code).toBe(0);
    expect(listFinds(r.stdout, NAMES)).toEqual(NAMES);
  });

  describe.skipIf(process.platform === 'win32')('key file permissions', () => {
    it.each<[number, RegExp | null]>([
      [0o600, null],
      [0o400, null],
      [0o640, /key file \S+ is readable by its group \(mode 640\); run: chmod 600 /],
      [0o644, /key file \S+ is readable by every user \(mode 644\); run: chmod 600 /],
    ])('mode %o', async (mode, warning) => {
      const key = tmp.file(`key-${mode.toString(8)}.hex`, TEST_KEY_HEX, mode);
      const r = await run(['clients', 'hash', '--key-file', key, CSV]);
      expect(r.code).toBe(0);
      if (warning) expect(r.stderr).toMatch(warning);
      else expect(r.stderr).not.toContain('warning');
    });
  });

  describe('errors (exit status 2, a message naming the problem)', () => {
    const missing = tmp.path('missing.csv');
    const cases: [string, () => string[], RegExp][] = [
      [
        'unreadable input',
        () => ['--key-file', KEY, missing],
        /^clientguard: cannot read \S+missing\.csv: no such file \(ENOENT\)\n$/,
      ],
      [
        'a directory as input',
        () => ['--key-file', KEY, tmp.dir],
        /cannot read \S+: is a directory \(EISDIR\)/,
      ],
      [
        'no --key-file',
        () => [CSV],
        /--key-file KEY is required \(make a key with 'clientguard clients keygen'\)/,
      ],
      [
        'a missing key file',
        () => ['--key-file', tmp.path('nokey.hex'), CSV],
        /cannot read key file \S+nokey\.hex: no such file/,
      ],
      [
        'an empty key file',
        () => ['--key-file', tmp.file('empty.hex', '# nothing\n\n'), CSV],
        /bad key: the file holds no key/,
      ],
      [
        'a key that is not hex',
        () => ['--key-file', tmp.file('nothex.hex', 'correct horse battery staple'), CSV],
        /bad key: a key file holds hex digits only/,
      ],
      [
        'an odd number of hex digits',
        () => ['--key-file', tmp.file('odd.hex', TEST_KEY_HEX.slice(1)), CSV],
        /bad key: 63 hex digits; a key has an even number/,
      ],
      [
        'a key that is too short',
        () => ['--key-file', tmp.file('short.hex', TEST_KEY_HEX.slice(0, 30)), CSV],
        /bad key: 30 hex digits \(15 bytes\); a client-list key needs at least 32 \(16 bytes\)/,
      ],
      [
        'no such column',
        () => ['--key-file', KEY, '--columns', 'name,company', CSV],
        /no column named 'company'; the header has: "name", "contact", "account", "notes"\n$/,
      ],
      [
        'a column number too large',
        () => ['--key-file', KEY, '--columns', '9', CSV],
        /no column 9; the file has 4 columns/,
      ],
      [
        'column number 0',
        () => ['--key-file', KEY, '--columns', '0', CSV],
        /column numbers start at 1/,
      ],
      [
        'an empty column name',
        () => ['--key-file', KEY, '--columns', 'name,', CSV],
        /an empty column name in 'name,'/,
      ],
      [
        'a name with --no-header',
        () => ['--key-file', KEY, '--no-header', '--columns', 'name', CSV],
        /'name' is a name, but --no-header says there is no header row/,
      ],
      [
        'a header name given twice',
        () => ['--key-file', KEY, '--columns', 'n', tmp.file('dup.csv', 'n,n\na1,b1\n')],
        /the header names 'n' 2 times \(columns 1, 2\); give the column number/,
      ],
      [
        'no entries in the chosen columns',
        () => ['--key-file', KEY, '--columns', 'e', tmp.file('blank.csv', 'n,e\nAcme,\n张三, \n')],
        /no entries to hash: 2 rows after the header, 0 non-empty cells in columns e/,
      ],
      [
        'only too-short entries',
        () => ['--key-file', KEY, tmp.file('short.csv', 'n\na\nb\n')],
        /no entries to hash: 2 rows after the header, 2 non-empty cells in all 1 column \(2 too short, 0 too long\)/,
      ],
      [
        'an empty file',
        () => ['--key-file', KEY, tmp.file('empty.csv', '')],
        /empty\.csv: the file is empty/,
      ],
      [
        'a header and nothing else',
        () => ['--key-file', KEY, tmp.file('header.csv', 'name,contact\r\n')],
        /no entries to hash: 0 rows after the header/,
      ],
      [
        'a broken quote',
        () => ['--key-file', KEY, tmp.file('quote.csv', 'n\n"Acme\nCorp\n')],
        /quote\.csv: line 2: a quoted field is never closed/,
      ],
      [
        'text after a quote',
        () => ['--key-file', KEY, tmp.file('after.csv', 'n\n"Acme" Corp\n')],
        /after\.csv: line 2: text after the closing quote of field 1/,
      ],
      [
        'a bad --delimiter',
        () => ['--key-file', KEY, '--delimiter', 'semicolon', CSV],
        /--delimiter is tab or comma \(got 'semicolon'\)/,
      ],
      [
        'an unknown encoding',
        () => ['--key-file', KEY, '--encoding', 'ebcdic', CSV],
        /unknown encoding 'ebcdic'/,
      ],
      [
        '--header and --no-header',
        () => ['--key-file', KEY, '--header', '--no-header', CSV],
        /--header and --no-header contradict/,
      ],
      [
        'an unknown option',
        () => ['--key-file', KEY, '--colums', 'name', CSV],
        /clients hash: unknown option --colums \(see 'clientguard clients hash --help'\)/,
      ],
      [
        'no input',
        () => ['--key-file', KEY],
        /name the input file \(CSV or TSV\), or - for standard input/,
      ],
      ['two inputs', () => ['--key-file', KEY, CSV, TSV], /one input file at a time \(got 2\)/],
      [
        'an unwritable --out',
        () => ['--key-file', KEY, '--out', join(tmp.path('no-such-dir'), 'x.json'), CSV],
        /cannot write \S+x\.json: no such file/,
      ],
    ];
    it.each(cases)('%s', async (_name, args, message) => {
      const r = await run(['clients', 'hash', ...args()]);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/^clientguard: /);
      expect(r.stderr).toMatch(message);
      for (const secret of ['Acme', 'Corp', '张三', TEST_KEY_HEX.slice(0, 16), 'horse'])
        expect(r.stderr).not.toContain(secret);
    });

    it('leaves no --out file behind when it fails', async () => {
      const out = tmp.path('not-written.json');
      const blank = tmp.file('blank2.csv', 'n\n \n');
      const r = await run(['clients', 'hash', '--key-file', KEY, '--out', out, blank]);
      expect(r.code).toBe(2);
      expect(existsSync(out)).toBe(false);
    });
  });
});

describe('clients keygen', () => {
  it('prints a new random 32-byte key as hex, and its key id on stderr', async () => {
    const a = await run(['clients', 'keygen']);
    const b = await run(['clients', 'keygen']);
    expect(a.code).toBe(0);
    expect(a.stdout).toMatch(/^[0-9a-f]{64}\n$/);
    expect(b.stdout).toMatch(/^[0-9a-f]{64}\n$/);
    expect(a.stdout).not.toBe(b.stdout);
    const hex = a.stdout.trim();
    expect(a.stderr).toContain(`key id ${keyIdOf(keyFromHex(hex))}`);
    expect(a.stderr).not.toContain(hex);
  });

  it('writes the key to --out with mode 600, usable by clients hash', async () => {
    const out = tmp.path('new.key');
    const r = await run(['clients', 'keygen', '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    const hex = readFileSync(out, 'utf8');
    expect(hex).toMatch(/^[0-9a-f]{64}\n$/);
    expect(r.stderr).not.toContain(hex.trim());
    if (process.platform !== 'win32') expect(statSync(out).mode & 0o777).toBe(0o600);
    const hashed = await run(['clients', 'hash', '--key-file', out, CSV]);
    expect(hashed.code).toBe(0);
    expect(hashed.stderr).not.toContain('warning');
    expect(loadClientList(hashed.stdout, hex.trim()).entries).toBe(ALL_CELLS.length);
  });

  it('never replaces an existing file', async () => {
    const out = tmp.file('existing.key', TEST_KEY_HEX + '\n');
    const r = await run(['clients', 'keygen', '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/existing\.key already exists; not replacing it/);
    expect(readFileSync(out, 'utf8')).toBe(TEST_KEY_HEX + '\n');
  });

  it.each<[string[], RegExp]>([
    [['extra'], /clients keygen: unexpected argument 'extra'/],
    [['--bits', '128'], /clients keygen: unknown option --bits/],
  ])('refuses %j', async (args, message) => {
    const r = await run(['clients', 'keygen', ...args]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
  });
});
