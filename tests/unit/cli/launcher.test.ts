/**
 * The real launcher, `node cli/clientguard.mjs`, in a child process: exit statuses, and that
 * output through a pipe is complete (the launcher sets process.exitCode instead of calling
 * process.exit(), which could cut off buffered output).
 */
import { spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildClientList, keyFromHex } from '../../../utils/detect/client-list';
import { ROOT, TEST_KEY_HEX, ensureBuilt, tempDir } from './helpers';

const LAUNCHER = join(ROOT, 'cli/clientguard.mjs');

interface Child {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the launcher; stdin is a file descriptor (`< file`), text through a pipe, or empty. */
function launch(args: string[], stdin?: { fd: number } | { text: string }): Promise<Child> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [LAUNCHER, ...args], {
      cwd: ROOT,
      stdio: [stdin && 'fd' in stdin ? stdin.fd : 'pipe', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    // Both are pipes (stdio above), so neither is null.
    child.stdout!.on('data', (b: Buffer) => out.push(b));
    child.stderr!.on('data', (b: Buffer) => err.push(b));
    child.on('error', reject);
    child.on('close', (code) =>
      resolve({
        code,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
      }),
    );
    if (child.stdin) child.stdin.end(stdin && 'text' in stdin ? stdin.text : '');
  });
}

const tmp = tempDir('launcher');
const KEY = tmp.file('key.hex', TEST_KEY_HEX + '\n');
const LIST = tmp.file(
  'list.json',
  buildClientList(['示例科技有限公司', '张三'], keyFromHex(TEST_KEY_HEX)).file,
);
const LINES = 3000;
const big = Array.from(
  { length: LINES },
  (_, i) => `第${i}行：张三 联系 user${i}@example.cn，示例科技有限公司 😀\n`,
).join('');
const BIG = tmp.file('big.txt', big);

beforeAll(ensureBuilt, 120_000);
afterAll(() => tmp.remove());

describe('node cli/clientguard.mjs', { timeout: 60_000 }, () => {
  it('exits 0 when nothing is found', async () => {
    const r = await launch(['scan', tmp.file('clean.txt', '没有客户数据。\n')]);
    expect(r).toEqual({ code: 0, stdout: '', stderr: '0 findings in 1 file\n' });
  });

  it('exits 1 when something is found', async () => {
    const r = await launch([
      'scan',
      '--clients',
      LIST,
      '--key-file',
      KEY,
      tmp.file('one.txt', '😀张三'),
    ]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/one\.txt:1:3\tCLIENT_NAME\tvalidated\t\*\*\n$/);
  });

  it('exits 2 with a message on an error', async () => {
    const r = await launch(['scan', tmp.path('missing.txt')]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(
      /^clientguard: cannot read \S+missing\.txt: no such file \(ENOENT\)\n$/,
    );
  });

  it(`prints all ${3 * LINES} findings of scan - < file through a pipe`, async () => {
    const fd = openSync(BIG, 'r');
    let r: Child;
    try {
      r = await launch(['scan', '-', '--json', '--clients', LIST, '--key-file', KEY], { fd });
    } finally {
      closeSync(fd);
    }
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    const rows = JSON.parse(r.stdout) as { start: number; end: number; type: string }[];
    expect(rows).toHaveLength(3 * LINES);
    expect(rows.filter((f) => f.type === 'EMAIL')).toHaveLength(LINES);
    expect(rows.filter((f) => f.type === 'CLIENT_NAME')).toHaveLength(2 * LINES);
    const last = rows[rows.length - 1]!;
    expect(big.slice(last.start, last.end)).toBe('示例科技有限公司');
    expect(Buffer.byteLength(r.stdout)).toBeGreaterThan(500_000);
  });

  it('prints complete text output for standard input written through a pipe', async () => {
    const r = await launch(['scan', '-'], { text: big });
    expect(r.code).toBe(1);
    const lines = r.stdout.split('\n');
    expect(lines.pop()).toBe('');
    expect(lines).toHaveLength(LINES);
    expect(lines[LINES - 1]).toMatch(
      new RegExp(`^-:${LINES}:\\d+\\tEMAIL\\tvalidated\\tu\\*+@example\\.cn$`),
    );
    expect(r.stderr).toBe(`${LINES} findings in 1 file\n`);
  });

  it('writes a list file through a pipe, then scans with it', async () => {
    const csv = Array.from({ length: 2000 }, (_, i) => `客户${i}号有限公司,联系人${i}`).join('\n');
    const hashed = await launch(['clients', 'hash', '--no-header', '--key-file', KEY, '-'], {
      text: csv,
    });
    expect(hashed.code).toBe(0);
    expect(hashed.stderr).toMatch(/^ {2}entries {6}4000$/m);
    const list = tmp.file('piped-list.json', hashed.stdout);
    const r = await launch(['scan', '--json', '--clients', list, '--key-file', KEY, '-'], {
      text: '与客户1999号有限公司的联系人7。',
    });
    expect(r.code).toBe(1);
    expect(
      (JSON.parse(r.stdout) as { start: number; end: number }[]).map((f) => [f.start, f.end]),
    ).toEqual([
      [1, 12],
      [13, 17],
    ]);
  });

  it('stops quietly when the reader goes away (EPIPE)', async () => {
    const r = await new Promise<Child>((resolve, reject) => {
      const child = spawn(process.execPath, [LAUNCHER, 'scan', '--json', BIG], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const err: Buffer[] = [];
      child.stderr.on('data', (b: Buffer) => err.push(b));
      child.stdout.once('data', () => child.stdout.destroy());
      child.on('error', reject);
      child.on('close', (code) =>
        resolve({ code, stdout: '', stderr: Buffer.concat(err).toString('utf8') }),
      );
    });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
  });
});
