// Builds the Node-facing parts of ClientGuard from the same sources as the extension:
//   dist/detect.mjs  the pure detection core (`import { createDetector } from 'clientguard/detect'`)
//   dist/cli.mjs     the admin command line (`npx clientguard …`), which imports dist/detect.mjs
//                    at run time instead of carrying its own copy of the core: the CLI runs the
//                    very engine Node users get. Every import of utils/detect/** from outside
//                    that folder (the CLI, the policy, the log) is rewritten to ./detect.mjs,
//                    so each name they use must be exported by utils/detect/index.ts (a
//                    missing one fails when the CLI loads: tests/unit/cli/launcher.test.ts
//                    runs dist/cli.mjs).
import { build } from 'esbuild';
import { join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const detectDir = join(root, 'utils', 'detect');
const common = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
};

/** Resolves imports of the detection core from outside it to the built ./detect.mjs. */
const useDetectBundle = {
  name: 'use-detect-bundle',
  setup(b) {
    b.onResolve({ filter: /^\.\.?\// }, (args) => {
      const target = resolve(args.resolveDir, args.path);
      const inside = (p) => p === detectDir || p.startsWith(detectDir + sep);
      if (!inside(target) || inside(args.resolveDir)) return undefined;
      return { path: './detect.mjs', external: true };
    });
  },
};

await build({ ...common, entryPoints: ['utils/detect/index.ts'], outfile: 'dist/detect.mjs' });
await build({
  ...common,
  entryPoints: ['cli/main.ts'],
  outfile: 'dist/cli.mjs',
  plugins: [useDetectBundle],
});
