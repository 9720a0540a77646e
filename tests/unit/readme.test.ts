/**
 * The README is part of the product for admins: the default policy it prints must be the one
 * the extension embeds, and the commands it gives must exist.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../utils/policy/default-policy';
import { validatePolicy } from '../../utils/policy/validate';

const ROOT = join(import.meta.dirname, '../..');
const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
const scripts = (
  JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  }
).scripts;

/** The first ```json block after the heading `title`. */
function jsonAfter(title: string): unknown {
  const at = readme.indexOf(title);
  expect(at, `README has a "${title}" section`).toBeGreaterThanOrEqual(0);
  const m = /```json\n([\s\S]*?)\n```/.exec(readme.slice(at));
  expect(m, `a json block after "${title}"`).not.toBeNull();
  return JSON.parse(m![1]!);
}

describe('README', () => {
  it('prints the embedded default policy exactly', () => {
    expect(jsonAfter('## Default policy')).toEqual(DEFAULT_POLICY);
  });

  it('gives the two commands, and they exist', () => {
    expect(readme).toContain('npm ci && npm run demo');
    expect(readme).toContain('npm test');
    expect(scripts.demo).toBeDefined();
    expect(scripts.test).toBeDefined();
  });

  it('names only npm scripts that exist', () => {
    const named = [...readme.matchAll(/npm run ([a-z0-9:]+)/g)].map((m) => m[1]!);
    expect(named.length).toBeGreaterThan(3);
    for (const name of named) expect(scripts, `npm run ${name}`).toHaveProperty(name);
  });

  it('shows a managed policy example that validates', () => {
    const doc = jsonAfter('/etc/chromium/policies/managed/clientguard.json') as {
      '3rdparty': { extensions: Record<string, { policy: unknown }> };
    };
    const entry = doc['3rdparty'].extensions.hmeffnijjfdihjehnknmnpchohkdjmkd;
    expect(validatePolicy(entry?.policy).ok).toBe(true);
  });
});
