// `node scripts/quality-libraries.mjs`: detection quality of the npm PII libraries next to
// ClientGuard's engine on both labeled corpora (tuning and held-out), type-agnostic recall and
// false positives per library, as Markdown for the README. The logic and how spans are obtained
// (reported, or recovered from redacted text) are in tests/bench/quality-libraries.ts, bundled
// by ./lib/bundle-ts.mjs (ClientGuard from source, each library as installed). Prints counts and
// ratios only, never a value.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { bundleTs, root } from './lib/bundle-ts.mjs';

const bundle = await bundleTs(
  { 'quality-libraries': 'tests/bench/quality-libraries.ts' },
  'clientguard-quality-',
);
try {
  const { main } = await import(pathToFileURL(join(bundle.dir, 'quality-libraries.mjs')).href);
  process.exitCode = await main(root);
} finally {
  bundle.remove();
}
