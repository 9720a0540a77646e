// Bundles TypeScript entry points for Node with esbuild (the project has no TypeScript runner
// and Node 20 runs none), for the scripts that are written in TypeScript: the demo, the
// benchmark, the library quality comparison. Package imports stay external, pointing at the
// file each resolves to from the project, so `clientguard/detect` is dist/detect.mjs and every
// npm package is its installed build.
import { build } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../..', import.meta.url));

/** Keeps package imports external, pointing at the file each resolves to from the project. */
const resolveFromProject = {
  name: 'resolve-from-project',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => ({
      path: args.path.startsWith('node:') ? args.path : import.meta.resolve(args.path),
      external: true,
    }));
  },
};

/**
 * Bundles `entryPoints` ({ name: 'path/to/file.ts' }) into a fresh temporary directory as
 * `<name>.mjs`; resolves to that directory and a function that removes it.
 */
export async function bundleTs(entryPoints, prefix = 'clientguard-') {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  try {
    await build({
      absWorkingDir: root,
      entryPoints,
      outdir: dir,
      outExtension: { '.js': '.mjs' },
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      logLevel: 'warning',
      plugins: [resolveFromProject],
    });
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
