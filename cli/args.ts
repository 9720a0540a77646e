/**
 * Command-line parsing for every `clientguard` command: each command declares its options,
 * and anything else that looks like an option is an error (a mistyped `--no-heder` must not
 * silently hash the header row as a client).
 */
import { CliError } from './io';

/** `value` options take an argument (`--out FILE` or `--out=FILE`); `flag` options do not. */
export type OptionSpec = Readonly<Record<string, 'value' | 'flag'>>;

export interface ParsedArgs {
  positional: string[];
  /** Values of the options given; a flag maps to `true`. */
  options: Map<string, string | true>;
}

/**
 * Splits `argv` into positionals and the options in `spec`. `-` alone is a positional (standard
 * input); `--` ends the options; `-h` is `--help`. Throws CliError naming the command for an
 * unknown option, a missing value, a value given to a flag, or an option given twice.
 */
export function parseArgs(command: string, argv: readonly string[], spec: OptionSpec): ParsedArgs {
  const positional: string[] = [];
  const options = new Map<string, string | true>();
  const hint = `see 'clientguard ${command} --help'`;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') {
      positional.push(...argv.slice(i + 1));
      break;
    }
    if (a === '-' || !a.startsWith('-')) {
      positional.push(a);
      continue;
    }
    const body = a === '-h' ? 'help' : a.startsWith('--') ? a.slice(2) : '';
    const eq = body.indexOf('=');
    const name = eq === -1 ? body : body.slice(0, eq);
    const kind = name === '' ? undefined : spec[name];
    if (kind === undefined) throw new CliError(`${command}: unknown option ${a} (${hint})`);
    if (options.has(name)) throw new CliError(`${command}: --${name} is given twice`);
    if (kind === 'flag') {
      if (eq !== -1) throw new CliError(`${command}: --${name} does not take a value`);
      options.set(name, true);
      continue;
    }
    let value: string | undefined;
    if (eq !== -1) value = body.slice(eq + 1);
    else {
      value = argv[i + 1];
      // `--out --json` is a forgotten value, not a file called "--json".
      if (value !== undefined && value.startsWith('--')) value = undefined;
      else i++;
    }
    if (value === undefined || value === '')
      throw new CliError(`${command}: --${name} needs a value (${hint})`);
    options.set(name, value);
  }
  return { positional, options };
}

/** The string value of a `value` option, if given. */
export function optionValue(args: ParsedArgs, name: string): string | undefined {
  const v = args.options.get(name);
  return typeof v === 'string' ? v : undefined;
}
