// `npm run bench [-- --quick]`: the speed and memory benchmark (the modules are in tests/bench/).
//   1. Rebuilds dist/detect.mjs (`npm run build:lib`): the bench measures the same export
//      (`clientguard/detect`) that Node users and the CLI get, built from the current sources.
//   2. Bundles the TypeScript bench modules (./lib/bundle-ts.mjs: package imports stay external,
//      so `clientguard/detect` is dist/detect.mjs and each npm library is its installed build).
//   3. Runs the bundle in a child node with --expose-gc (for memory figures and a GC between
//      timed passes) and exits with its status: 0 unless it crashed, whatever the figures.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { bundleTs, root } from './lib/bundle-ts.mjs';

const detectBuild = join(root, 'dist/detect.mjs');

const lib = spawnSync(process.execPath, ['scripts/build-lib.mjs'], { cwd: root, stdio: 'inherit' });
const built = lib.status === 0 && existsSync(detectBuild);
if (!built) {
  console.error(
    existsSync(detectBuild)
      ? 'bench: `npm run build:lib` failed; not measuring a stale dist/detect.mjs. Fix the build first.'
      : 'bench: dist/detect.mjs is missing and `npm run build:lib` could not build it.',
  );
  process.exitCode = 1;
}

if (built) {
  const bundle = await bundleTs(
    { main: 'tests/bench/main.ts', 'cold-load': 'tests/bench/cold-load.ts' },
    'clientguard-bench-',
  );
  try {
    const run = spawnSync(
      process.execPath,
      [
        '--expose-gc',
        join(bundle.dir, 'main.mjs'),
        '--root',
        root,
        '--tmp',
        bundle.dir,
        '--cold',
        join(bundle.dir, 'cold-load.mjs'),
        ...process.argv.slice(2),
      ],
      { cwd: root, stdio: 'inherit' },
    );
    process.exitCode = run.status ?? 1;
    if (run.signal) console.error(`bench: stopped by ${run.signal}`);
  } finally {
    bundle.remove();
  }
}
