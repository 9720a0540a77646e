#!/usr/bin/env node
// Thin launcher: the CLI is built from TypeScript into dist/cli.mjs by `npm run build:lib`
// (run automatically by `npm install`). It sets process.exitCode and never calls
// process.exit(), so everything written to a pipe is flushed before the process ends.
import { existsSync } from 'node:fs';

// A reader that goes away (`clientguard scan big.txt | head`) is not an error of ours.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e) => {
    if (e.code !== 'EPIPE') throw e;
  });
}

const built = new URL('../dist/cli.mjs', import.meta.url);
if (!existsSync(built)) {
  process.stderr.write('clientguard: dist/cli.mjs is missing; run `npm run build:lib` first.\n');
  process.exitCode = 2;
} else {
  const { main } = await import(built.href);
  process.exitCode = await main(process.argv.slice(2), {
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    readStdin: async () => {
      const chunks = [];
      for await (const c of process.stdin) chunks.push(c);
      return Buffer.concat(chunks);
    },
  });
}
