#!/usr/bin/env node
// `npm test`: everything CI checks, in the order a failure is cheapest to see.
//   1. typecheck (tsc), lint (eslint), format check (prettier)
//   2. build: the Chrome and Firefox extensions (WXT), `web-ext lint` of the Firefox build
//      (errors fail; its warnings are Preact's innerHTML support code), the Node library/CLI
//   3. one vitest run over every project (unit + integration, then end-to-end in Chromium
//      and Firefox), so the output ends with vitest's own summary lines.
// Each step's output is shown as it runs; the first failing step stops the run with its exit
// status. `--no-build` skips step 2 (for a quick re-run when the build is fresh).
import { spawnSync } from 'node:child_process';

const args = process.argv.slice(2);
const skipBuild = args.includes('--no-build');
const passThrough = args.filter((a) => a !== '--no-build');

const steps = [
  ['typecheck', 'npx', ['tsc', '--noEmit']],
  ['lint', 'npx', ['eslint', '.']],
  ['format', 'npx', ['prettier', '--check', '--log-level', 'warn', '.']],
  ...(skipBuild
    ? []
    : [
        ['build chrome', 'npx', ['wxt', 'build']],
        ['build firefox', 'npx', ['wxt', 'build', '-b', 'firefox']],
        [
          'lint firefox build',
          'npx',
          [
            'web-ext',
            'lint',
            '--source-dir',
            '.output/firefox-mv2',
            '--output',
            'text',
            '--no-config-discovery',
          ],
        ],
        ['build library', 'node', ['scripts/build-lib.mjs']],
      ]),
  ['vitest', 'npx', ['vitest', 'run', ...passThrough]],
];

let status = 0;
for (const [name, cmd, cmdArgs] of steps) {
  process.stdout.write(`\n▶ ${name}: ${cmd} ${cmdArgs.join(' ')}\n`);
  const r = spawnSync(cmd, cmdArgs, { stdio: 'inherit', env: { ...process.env, CI: 'true' } });
  const code = r.status ?? 1;
  if (code !== 0) {
    process.stdout.write(`\n✖ npm test: step "${name}" failed (exit ${code})\n`);
    status = code;
    break;
  }
}
process.exitCode = status;
