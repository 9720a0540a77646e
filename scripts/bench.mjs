// `npm run bench [-- --quick]`: the speed and memory benchmark (the modules are in tests/bench/).
//   1. Rebuilds dist/detect.mjs (`npm run build:lib`): the bench measures the same export
//      (`clientguard/detect`) that Node users and the CLI get, built from the current sources.
//   2. Bundles the TypeScript bench modules with esbuild into a temp directory. Package imports
//      stay external, rewritten to the files they resolve to from here, so `clientguard/detect`
//      is dist/detect.mjs and each npm library is its installed build.
//   3. Runs the bundle in a child node with --expose-gc (for memory figures and a GC between
//      timed passes) and exits with its status: 0 unless it crashed, whatever the figures.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const detectBuild = join(root, 'dist/detect.mjs');

const lib = spawnSync(process.execPath, ['scripts/build-lib.mjs'], { cwd: root, stdio: 'inherit' });
if (lib.status !== 0 || !existsSync(detectBuild)) {
  console.error(
    existsSync(detectBuild)
      ? 'bench: `npm run build:lib` failed; not measuring a stale dist/detect.mjs. Fix the build first.'
      : 'bench: dist/detect.mjs is missing and `npm run build:lib` could not build it.',
  );
  process.exit(1);
}

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

const tmp = mkdtempSync(join(tmpdir(), 'clientguard-bench-'));
let status = 1;
try {
  await build({
    absWorkingDir: root,
    entryPoints: { main: 'tests/bench/main.ts', 'cold-load': 'tests/bench/cold-load.ts' },
    outdir: tmp,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
    plugins: [resolveFromProject],
  });
  const args = process.argv.slice(2);
  const run = spawnSync(
    process.execPath,
    [
      '--expose-gc',
      join(tmp, 'main.mjs'),
      '--root',
      root,
      '--tmp',
      tmp,
      '--cold',
      join(tmp, 'cold-load.mjs'),
      ...args,
    ],
    { cwd: root, stdio: 'inherit' },
  );
  status = run.status ?? 1;
  if (run.signal) console.error(`bench: stopped by ${run.signal}`);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
process.exit(status);
