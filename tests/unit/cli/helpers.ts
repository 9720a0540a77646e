/**
 * Shared by the CLI tests: run `main` with a fake io (captured stdout/stderr, a given stdin)
 * and make temporary files that are removed after the run.
 */
import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from '../../../cli/main';
import type { CliIo } from '../../../cli/io';

/** The repository root. */
export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
/** The client fixtures: a CSV and a TSV of synthetic clients, and the public test key. */
export const FIXTURES = join(ROOT, 'tests/fixtures/clients');
/** The public test key of tests/fixtures/clients/test-key.hex. */
export const TEST_KEY_HEX = '636c69656e7467756172642d756e69742d746573742d6b65792d7075626c6963';

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process on `argv` with `stdin` as standard input. */
export async function run(argv: string[], stdin: string | Uint8Array = ''): Promise<RunResult> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (s) => {
      stdout += s;
    },
    stderr: (s) => {
      stderr += s;
    },
    readStdin: async () => (typeof stdin === 'string' ? new TextEncoder().encode(stdin) : stdin),
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

/** A temporary directory for one test file; `remove()` in afterAll. */
export function tempDir(prefix: string): {
  dir: string;
  file(name: string, contents: string | Uint8Array, mode?: number): string;
  path(name: string): string;
  remove(): void;
} {
  const dir = mkdtempSync(join(tmpdir(), `clientguard-${prefix}-`));
  return {
    dir,
    file(name, contents, mode = 0o600) {
      const p = join(dir, name);
      writeFileSync(p, contents);
      chmodSync(p, mode);
      return p;
    },
    path: (name) => join(dir, name),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** Newest modification time of the TypeScript under `dir`. */
function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(p));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

/**
 * Builds dist/ (the CLI and the `clientguard/detect` export) when it is missing or older than
 * a source: a stale bundle would test yesterday's code.
 */
export function ensureBuilt(): void {
  const built = ['dist/cli.mjs', 'dist/detect.mjs'].map((f) => join(ROOT, f));
  const newest = Math.max(newestSource(join(ROOT, 'cli')), newestSource(join(ROOT, 'utils')));
  if (built.every((f) => existsSync(f) && statSync(f).mtimeMs >= newest)) return;
  execFileSync(process.execPath, [join(ROOT, 'scripts/build-lib.mjs')], {
    cwd: ROOT,
    stdio: 'pipe',
  });
}
