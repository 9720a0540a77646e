// Prints the detection quality tables of the two labeled corpora (for the README): runs
// tests/unit/detect/corpus.test.ts (the tuning corpus) and then
// tests/unit/detect/corpus-holdout.test.ts (the held-out corpus, never used for tuning) with
// QUALITY_REPORT=1, and keeps only their reports, which hold masked values only. The held-out
// report comes second: it is the measurement on unseen text, the tuning one an upper bound.
// Exits non-zero when either test fails (a floor was missed) or prints no report.
//   node scripts/quality.mjs
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const vitest = fileURLToPath(new URL('../node_modules/vitest/vitest.mjs', import.meta.url));

const CORPORA = [
  { title: 'Tuning corpus (tests/fixtures/corpus)', test: 'tests/unit/detect/corpus.test.ts' },
  {
    title: 'Held-out corpus (tests/fixtures/corpus-holdout, never used for tuning)',
    test: 'tests/unit/detect/corpus-holdout.test.ts',
  },
];

let status = 0;
for (const [i, corpus] of CORPORA.entries()) {
  const run = spawnSync(process.execPath, [vitest, 'run', '--project', 'unit', corpus.test], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, QUALITY_REPORT: '1', NO_COLOR: '1', FORCE_COLOR: '0' },
    maxBuffer: 64 * 1024 * 1024,
  });
  // eslint-disable-next-line no-control-regex
  const out = `${run.stdout}\n${run.stderr}`.replace(/\u001b\[[0-9;]*m/g, '');
  const report = /<!-- quality:start -->\n([\s\S]*?)\n<!-- quality:end -->/.exec(out);
  if (i > 0) console.log('');
  console.log(`## ${corpus.title}\n`);
  if (!report) {
    console.error(out);
    console.error(`quality: ${corpus.test} printed no report`);
    status = 1;
    continue;
  }
  console.log(report[1]);
  if (run.status !== 0) {
    console.error(
      `\nquality: ${corpus.test} failed (see \`npx vitest run --project unit ${corpus.test}\`)`,
    );
    status = run.status ?? 1;
  }
}
process.exitCode = status;
