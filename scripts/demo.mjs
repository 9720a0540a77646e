#!/usr/bin/env node
// `npm run demo`: builds the extension and shows it working in Debian's Chromium on a local
// page that plays an unapproved site, under the embedded default policy.
// With a display (DISPLAY set, or --headed) it opens a window to try by hand; without one it
// runs a scripted demo, prints what ClientGuard did and saves screenshots under .demo/.
// The demo itself is TypeScript (scripts/demo/main.ts, sharing the end-to-end harness), bundled
// by ./lib/bundle-ts.mjs because Node 20 does not run TypeScript.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { bundleTs } from './lib/bundle-ts.mjs';

const bundle = await bundleTs({ demo: 'scripts/demo/main.ts' }, 'clientguard-demo-');
try {
  const { main } = await import(pathToFileURL(join(bundle.dir, 'demo.mjs')).href);
  process.exitCode = await main(process.argv.slice(2));
} finally {
  bundle.remove();
}
