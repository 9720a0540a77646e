// Builds the Node-facing parts of ClientGuard from the same sources as the extension:
//   dist/detect.mjs  the pure detection core (`import { createDetector } from 'clientguard/detect'`)
//   dist/cli.mjs     the admin command line (`npx clientguard …`)
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const common = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
};

await build({ ...common, entryPoints: ['utils/detect/index.ts'], outfile: 'dist/detect.mjs' });
await build({ ...common, entryPoints: ['cli/main.ts'], outfile: 'dist/cli.mjs' });
