// `node scripts/quality-libraries.mjs`: detection quality of the npm PII libraries next to
// ClientGuard's engine on both labeled corpora (tuning and held-out), type-agnostic recall and
// false positives per library, as Markdown for the README. The logic and how spans are obtained
// (reported, or recovered from redacted text) are in tests/bench/quality-libraries.ts.
//   1. Bundles that TypeScript module with esbuild into a temp directory (the project has no
//      TypeScript runner). Package imports stay external, rewritten to the files they resolve to
//      from here, so each library is its installed build; ClientGuard is bundled from source.
//   2. Imports the bundle and runs it. Prints counts and ratios only, never a value.
import { build } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

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

const tmp = mkdtempSync(join(tmpdir(), 'clientguard-quality-'));
let status = 1;
try {
  await build({
    absWorkingDir: root,
    entryPoints: { 'quality-libraries': 'tests/bench/quality-libraries.ts' },
    outdir: tmp,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
    plugins: [resolveFromProject],
  });
  const { main } = await import(pathToFileURL(join(tmp, 'quality-libraries.mjs')).href);
  status = await main(root);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
process.exit(status);
