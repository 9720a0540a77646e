/**
 * The engine as a Node package for admins' own pipelines: `clientguard/detect` (dist/detect.mjs,
 * built by `npm run build:lib`) gives the same findings as `clientguard scan --json`, which is
 * built from the same core.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildClientList, keyFromHex } from '../../../utils/detect/client-list';
import { ROOT, TEST_KEY_HEX, ensureBuilt, run, tempDir } from './helpers';

type Api = typeof import('../../../utils/detect');

let api: Api;
beforeAll(async () => {
  ensureBuilt();
  // Resolved through package.json "exports": the built file, not the TypeScript source.
  api = (await import('clientguard/detect')) as Api;
}, 120_000);

const tmp = tempDir('package-export');
const key = keyFromHex(TEST_KEY_HEX);
const listText = buildClientList(['示例科技有限公司', 'Example Trading Co., Ltd.'], key).file;
const LIST = tmp.file('clients.cglist', listText);
const KEY = tmp.file('key.hex', TEST_KEY_HEX + '\n');
const TEXT =
  '🙂 客户 示例科技有限公司（EXAMPLE TRADING CO., LTD.），身份证 11010519491231002X，手机 139 1234 5678。';

describe("import { createDetector } from 'clientguard/detect'", () => {
  it('is the bundle the CLI runs: dist/cli.mjs imports it and carries no engine of its own', () => {
    const cli = readFileSync(join(ROOT, 'dist/cli.mjs'), 'utf8');
    expect(cli).toMatch(/from "\.\/detect\.mjs"/);
    expect(cli).not.toMatch(/function createDetector\b/);
  });

  it('is the built bundle', async () => {
    const resolved = import.meta.resolve?.('clientguard/detect') ?? '';
    expect(resolved).toMatch(/dist\/detect\.mjs$/);
    expect(typeof api.createDetector).toBe('function');
  });

  it('createDetector({ clients }).detect(text) gives what clientguard scan --json prints', async () => {
    const clients = api.loadClientList(listText, TEST_KEY_HEX);
    const findings = api.createDetector({ clients }).detect(TEXT).findings;
    const cli = await run(['scan', '-', '--json', '--clients', LIST, '--key-file', KEY], TEXT);
    expect(cli.code).toBe(1);
    expect(JSON.parse(cli.stdout)).toEqual(
      findings.map(({ start, end, type, confidence, masked }) => ({
        start,
        end,
        type,
        confidence,
        masked,
      })),
    );
    expect(findings.map((f) => f.type)).toEqual([
      'CLIENT_NAME',
      'CLIENT_NAME',
      'CN_ID',
      'CN_MOBILE',
    ]);
  });
});
