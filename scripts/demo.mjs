#!/usr/bin/env node
// `npm run demo`: builds the extension and shows it working in Debian's Chromium on a local
// page that plays an unapproved site, under the embedded default policy.
// With a display (DISPLAY set, or --headed) it opens a window to try by hand; without one it
// runs a scripted demo, prints what ClientGuard did and saves screenshots under .demo/.
// The demo itself is TypeScript (scripts/demo/main.ts, sharing the end-to-end harness); it is
// bundled with esbuild here because Node 20 does not run TypeScript.
import { build } from 'esbuild';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join } from 'node:path';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = join(root, '.demo', 'demo.bundle.mjs');
await build({
  absWorkingDir: root,
  entryPoints: ['scripts/demo/main.ts'],
  outfile: out,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  logLevel: 'warning',
});
const { main } = await import(pathToFileURL(out).href);
process.exitCode = await main(process.argv.slice(2));
