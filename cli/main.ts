/**
 * The admin command line. Commands:
 *   clientguard scan FILE… [--json]               findings in files (- reads standard input)
 *   clientguard help
 * Every command returns its exit status instead of calling process.exit(), so buffered output
 * to a pipe is never cut off.
 */
import { CliError, type CliIo } from './io';
import { runScan } from './scan';

export const USAGE = `Usage:
  clientguard scan FILE… [--json]    print client data found in files (- for stdin)
                                     exit 0 nothing found, 1 found, 2 error
  clientguard help
`;

interface Parsed {
  positional: string[];
  flags: Map<string, string | true>;
}

/** Splits argv into positionals and --flags (`--name value` for flags listed in `valued`). */
export function parseArgs(argv: string[], valued: readonly string[]): Parsed {
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = eq === -1 ? a.slice(2) : a.slice(2, eq);
      if (eq !== -1) flags.set(name, a.slice(eq + 1));
      else if (valued.includes(name)) {
        const v = argv[++i];
        if (v === undefined) throw new CliError(`--${name} needs a value`);
        flags.set(name, v);
      } else flags.set(name, true);
    } else positional.push(a);
  }
  return { positional, flags };
}

/** Runs the CLI; resolves to the exit status. */
export async function main(argv: string[], io: CliIo): Promise<number> {
  try {
    const [command, ...rest] = argv;
    switch (command) {
      case 'scan': {
        const { positional, flags } = parseArgs(rest, []);
        for (const k of flags.keys())
          if (k !== 'json') throw new CliError(`scan: unknown option --${k}`);
        return await runScan({ files: positional, json: flags.has('json') }, io);
      }
      case undefined:
      case 'help':
      case '--help':
        io.stdout(USAGE);
        return command === undefined ? 2 : 0;
      default:
        throw new CliError(`unknown command '${command}'\n${USAGE}`);
    }
  } catch (e) {
    if (e instanceof CliError) {
      io.stderr(`clientguard: ${e.message}\n`);
      return 2;
    }
    io.stderr(`clientguard: unexpected error: ${(e as Error).message}\n`);
    return 2;
  }
}
