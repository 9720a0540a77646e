/**
 * The browser tests must fail at once with a clear message, not hang until a timeout, when the
 * build output or the browser is missing.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkPrerequisites } from '../../e2e/harness';

const dir = mkdtempSync(join(tmpdir(), 'clientguard-prereq-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('end-to-end prerequisites', () => {
  it('names the missing build', () => {
    expect(() => checkPrerequisites(join(dir, 'nothing'), process.execPath)).toThrow(
      /No extension build at .*nothing: run `npm run build` first/,
    );
  });

  it('names a build without its content script', () => {
    const build = join(dir, 'half');
    mkdirSync(build);
    writeFileSync(join(build, 'manifest.json'), '{}');
    expect(() => checkPrerequisites(build, process.execPath)).toThrow(/has no content script/);
  });

  it('names the missing browser and how to install it', () => {
    const build = join(dir, 'full');
    mkdirSync(join(build, 'content-scripts'), { recursive: true });
    writeFileSync(join(build, 'manifest.json'), '{}');
    writeFileSync(join(build, 'content-scripts/content.js'), '');
    expect(() => checkPrerequisites(build, join(dir, 'no-chromium'))).toThrow(
      /Browser not found at .*no-chromium: install it with `sudo apt-get install chromium/,
    );
    expect(() => checkPrerequisites(build, process.execPath)).not.toThrow();
  });
});
