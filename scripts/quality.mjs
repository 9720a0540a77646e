// Prints the detection quality table of the labeled corpus (for the README): runs
// tests/unit/detect/corpus.test.ts with QUALITY_REPORT=1 and keeps only the report, which holds
// masked values only. Exits non-zero when the corpus test fails (a floor was missed).
//   node scripts/quality.mjs
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const vitest = fileURLToPath(new URL('../node_modules/vitest/vitest.mjs', import.meta.url));
const run = spawnSync(
  process.execPath,
  [vitest, 'run', '--project', 'unit', 'tests/unit/detect/corpus.test.ts'],
  {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, QUALITY_REPORT: '1', NO_COLOR: '1', FORCE_COLOR: '0' },
    maxBuffer: 64 * 1024 * 1024,
  },
);
// eslint-disable-next-line no-control-regex
const out = `${run.stdout}\n${run.stderr}`.replace(/\u001b\[[0-9;]*m/g, '');
const report = /<!-- quality:start -->\n([\s\S]*?)\n<!-- quality:end -->/.exec(out);
if (!report) {
  console.error(out);
  console.error('quality: the corpus test printed no report');
  process.exit(1);
}
console.log(report[1]);
if (run.status !== 0) {
  console.error(
    '\nquality: the corpus test failed (see `npx vitest run --project unit tests/unit/detect/corpus.test.ts`)',
  );
}
process.exit(run.status ?? 1);
