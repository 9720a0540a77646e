/**
 * The admin command line (usage in ./usage.ts):
 *   clientguard scan FILE… [--clients LIST --key-file KEY] [--json]
 *   clientguard clients hash --key-file KEY [--columns …] [--out FILE] INPUT
 *   clientguard clients keygen [--out FILE]
 *   clientguard policy check FILE… | policy default
 *   clientguard log verify EXPORT…
 *   clientguard help [COMMAND]
 * `main` returns the exit status instead of calling process.exit(), so output buffered for a
 * pipe is never cut off; the launcher (./clientguard.mjs) sets process.exitCode from it.
 */
import { ClientListError } from '../utils/detect/client-list';
import { optionValue, parseArgs } from './args';
import { runClientsHash, runClientsKeygen } from './clients';
import { CliError, type CliIo } from './io';
import { runLogVerify } from './log';
import { runPolicyCheck, runPolicyDefault } from './policy';
import { runScan } from './scan';
import {
  CLIENTS_USAGE,
  HASH_USAGE,
  KEYGEN_USAGE,
  LOG_USAGE,
  POLICY_USAGE,
  SCAN_USAGE,
  USAGE,
} from './usage';

export { parseArgs } from './args';
export { USAGE } from './usage';

const HELP_TOPICS: Readonly<Record<string, string>> = {
  scan: SCAN_USAGE,
  clients: CLIENTS_USAGE,
  'clients hash': HASH_USAGE,
  'clients keygen': KEYGEN_USAGE,
  policy: POLICY_USAGE,
  'policy check': POLICY_USAGE,
  'policy default': POLICY_USAGE,
  log: LOG_USAGE,
  'log verify': LOG_USAGE,
  help: USAGE,
};

const isHelp = (a: string | undefined): boolean => a === 'help' || a === '--help' || a === '-h';

async function scanCommand(argv: string[], io: CliIo): Promise<number> {
  const args = parseArgs('scan', argv, {
    json: 'flag',
    clients: 'value',
    'key-file': 'value',
    help: 'flag',
  });
  if (args.options.has('help')) {
    io.stdout(SCAN_USAGE);
    return 0;
  }
  return runScan(
    {
      files: args.positional,
      json: args.options.has('json'),
      clients: optionValue(args, 'clients'),
      keyFile: optionValue(args, 'key-file'),
    },
    io,
  );
}

async function hashCommand(argv: string[], io: CliIo): Promise<number> {
  const args = parseArgs('clients hash', argv, {
    'key-file': 'value',
    columns: 'value',
    delimiter: 'value',
    header: 'flag',
    'no-header': 'flag',
    encoding: 'value',
    out: 'value',
    help: 'flag',
  });
  if (args.options.has('help')) {
    io.stdout(HASH_USAGE);
    return 0;
  }
  const keyFile = optionValue(args, 'key-file');
  if (keyFile === undefined)
    throw new CliError(
      "clients hash: --key-file KEY is required (make a key with 'clientguard clients keygen')",
    );
  if (args.positional.length !== 1)
    throw new CliError(
      args.positional.length === 0
        ? 'clients hash: name the input file (CSV or TSV), or - for standard input'
        : `clients hash: one input file at a time (got ${args.positional.length})`,
    );
  if (args.options.has('header') && args.options.has('no-header'))
    throw new CliError('clients hash: --header and --no-header contradict each other');
  const delimiter = optionValue(args, 'delimiter');
  if (delimiter !== undefined && delimiter !== 'tab' && delimiter !== 'comma')
    throw new CliError(`clients hash: --delimiter is tab or comma (got '${delimiter}')`);
  return runClientsHash(
    {
      input: args.positional[0]!,
      keyFile,
      columns: optionValue(args, 'columns'),
      delimiter,
      header: !args.options.has('no-header'),
      out: optionValue(args, 'out'),
      encoding: optionValue(args, 'encoding'),
    },
    io,
  );
}

async function keygenCommand(argv: string[], io: CliIo): Promise<number> {
  const args = parseArgs('clients keygen', argv, { out: 'value', help: 'flag' });
  if (args.options.has('help')) {
    io.stdout(KEYGEN_USAGE);
    return 0;
  }
  if (args.positional.length > 0)
    throw new CliError(`clients keygen: unexpected argument '${args.positional[0]}'`);
  return runClientsKeygen({ out: optionValue(args, 'out') }, io);
}

function helpCommand(topic: string[], io: CliIo): number {
  const name = topic.join(' ');
  if (name === '') {
    io.stdout(USAGE);
    return 0;
  }
  const text = HELP_TOPICS[name];
  if (text === undefined)
    throw new CliError(
      `help: no command '${name}' (commands: scan, clients hash, clients keygen, policy check, policy default, log verify, help)`,
    );
  io.stdout(text);
  return 0;
}

/** Runs the CLI on `argv` (without `node` and the script); resolves to the exit status. */
export async function main(argv: string[], io: CliIo): Promise<number> {
  try {
    const [command, ...rest] = argv;
    switch (command) {
      case 'scan':
        return await scanCommand(rest, io);
      case 'clients': {
        const [sub, ...subRest] = rest;
        if (sub === 'hash') return await hashCommand(subRest, io);
        if (sub === 'keygen') return await keygenCommand(subRest, io);
        if (isHelp(sub)) {
          io.stdout(CLIENTS_USAGE);
          return 0;
        }
        throw new CliError(
          sub === undefined
            ? `clients: name a subcommand: hash or keygen\n${CLIENTS_USAGE}`
            : `clients: unknown subcommand '${sub}' (hash or keygen)`,
        );
      }
      case 'policy': {
        const [sub, ...subRest] = rest;
        if (isHelp(sub) || subRest.some(isHelp)) {
          io.stdout(POLICY_USAGE);
          return 0;
        }
        if (sub === 'check') {
          const args = parseArgs('policy check', subRest, {});
          return await runPolicyCheck(args.positional, io);
        }
        if (sub === 'default') {
          parseArgs('policy default', subRest, {});
          if (subRest.length > 0)
            throw new CliError(`policy default: unexpected argument '${subRest[0]}'`);
          return runPolicyDefault(io);
        }
        throw new CliError(
          sub === undefined
            ? `policy: name a subcommand: check or default\n${POLICY_USAGE}`
            : `policy: unknown subcommand '${sub}' (check or default)`,
        );
      }
      case 'log': {
        const [sub, ...subRest] = rest;
        if (isHelp(sub) || subRest.some(isHelp)) {
          io.stdout(LOG_USAGE);
          return 0;
        }
        if (sub === 'verify')
          return await runLogVerify(parseArgs('log verify', subRest, {}).positional, io);
        throw new CliError(
          sub === undefined
            ? `log: name a subcommand: verify\n${LOG_USAGE}`
            : `log: unknown subcommand '${sub}' (verify)`,
        );
      }
      case undefined:
        io.stderr(USAGE);
        return 2;
      default:
        if (isHelp(command)) return helpCommand(rest, io);
        throw new CliError(`unknown command '${command}' (run 'clientguard help')`);
    }
  } catch (e) {
    if (e instanceof CliError || e instanceof ClientListError) {
      io.stderr(`clientguard: ${e.message}\n`);
      return 2;
    }
    // Not expected: say so plainly, without a stack trace that could quote input.
    io.stderr(`clientguard: unexpected error: ${(e as Error).message}\n`);
    return 2;
  }
}
