/** `clientguard policy check` and `policy default`: what an admin runs before a rollout. */
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../../utils/policy/default-policy';
import { run, tempDir } from './helpers';

const tmp = tempDir('policy');
afterAll(() => tmp.remove());

const good = {
  version: 1,
  name: 'Acme 2026-12',
  approvedSites: ['*.acme.example.cn'],
  keywords: [{ id: 'projects', words: ['Project Falcon'] }],
  patterns: [{ id: 'acct', pattern: 'ACCT-\\d{6}' }],
  rules: [{ id: 'block-ids', types: ['CN_ID'], action: 'block' }],
};

describe('clientguard policy check', () => {
  it('accepts a valid policy and says what is in it (exit 0)', async () => {
    const file = tmp.file('good.json', JSON.stringify(good));
    const r = await run(['policy', 'check', file]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /good\.json: ok: "Acme 2026-12" \(id [0-9a-f]{8}\): 1 rule, 1 approved site pattern, 1 keyword group\(s\), 1 pattern\(s\)\n$/,
    );
  });

  it('accepts the managed-storage wrapper {"policy": …} and standard input', async () => {
    const r = await run(['policy', 'check', '-'], JSON.stringify({ policy: good }));
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^-: ok: "Acme 2026-12"/);
  });

  it('rejects a broken policy with every problem, each naming its field (exit 1)', async () => {
    const file = tmp.file(
      'bad.json',
      JSON.stringify({
        ...good,
        approvedSites: ['https://crm.acme.example.cn/'],
        patterns: [{ id: 'acct', pattern: '(a+)\\1' }],
        rules: [{ id: 'block-ids', types: ['CN_IDS'], action: 'deny' }],
      }),
    );
    const r = await run(['policy', 'check', file]);
    expect(r.code).toBe(1);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/bad\.json: rejected, 4 problem\(s\):$/);
    expect(lines.slice(1).map((l) => l.trim().split(':')[0])).toEqual([
      'approvedSites[0]',
      'rules[0].types[0]',
      'rules[0].action',
      "patterns[0].pattern ('acct')",
    ]);
  });

  it('checks several files and fails when one is bad', async () => {
    const a = tmp.file('a.json', JSON.stringify(good));
    const b = tmp.file('b.json', JSON.stringify({ version: 2, rules: [] }));
    const r = await run(['policy', 'check', a, b]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('a.json: ok');
    expect(r.stdout).toContain('b.json: rejected');
  });

  it.each([
    [
      'a missing file',
      ['policy', 'check', '/nonexistent/p.json'],
      /p\.json: cannot read \(ENOENT\)/,
    ],
    ['a file that is not JSON', ['policy', 'check', 'NOTJSON'], /not valid JSON/],
    ['no file', ['policy', 'check'], /policy check: name a policy file/],
    ['no subcommand', ['policy'], /policy: name a subcommand: check or default/],
    ['an unknown subcommand', ['policy', 'push'], /unknown subcommand 'push'/],
  ])('%s is an error (exit 2)', async (_n, argv, message) => {
    const args = argv.map((a) => (a === 'NOTJSON' ? tmp.file('not.json', '{"version": 1,') : a));
    const r = await run(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });
});

describe('clientguard policy default', () => {
  it('prints the embedded default, which policy check accepts', async () => {
    const r = await run(['policy', 'default']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(DEFAULT_POLICY);
    const check = await run(['policy', 'check', '-'], r.stdout);
    expect(check.code).toBe(0);
  });
});
