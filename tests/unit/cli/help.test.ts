/** `clientguard help`, per-command --help, and unknown commands. */
import { describe, expect, it } from 'vitest';
import { CLIENTS_USAGE, HASH_USAGE, KEYGEN_USAGE, SCAN_USAGE, USAGE } from '../../../cli/usage';
import { run } from './helpers';

describe('help', () => {
  it.each<[string[], string]>([
    [['help'], USAGE],
    [['--help'], USAGE],
    [['-h'], USAGE],
    [['help', 'scan'], SCAN_USAGE],
    [['help', 'clients'], CLIENTS_USAGE],
    [['help', 'clients', 'hash'], HASH_USAGE],
    [['help', 'clients', 'keygen'], KEYGEN_USAGE],
    [['scan', '--help'], SCAN_USAGE],
    [['scan', 'a.txt', '-h'], SCAN_USAGE],
    [['clients', '--help'], CLIENTS_USAGE],
    [['clients', 'help'], CLIENTS_USAGE],
    [['clients', 'hash', '--help'], HASH_USAGE],
    [['clients', 'hash', '-h'], HASH_USAGE],
    [['clients', 'keygen', '--help'], KEYGEN_USAGE],
  ])('%j prints its usage on stdout and exits 0', async (argv, usage) => {
    expect(await run(argv)).toEqual({ code: 0, stdout: usage, stderr: '' });
  });

  it('prints the usage on stderr and exits 2 when no command is given', async () => {
    expect(await run([])).toEqual({ code: 2, stdout: '', stderr: USAGE });
  });

  it.each<[string[], RegExp]>([
    [['frob'], /^clientguard: unknown command 'frob' \(run 'clientguard help'\)\n$/],
    [['--json'], /unknown command '--json'/],
    [
      ['help', 'frob'],
      /help: no command 'frob' \(commands: scan, clients hash, clients keygen, policy check, policy default, log verify, help\)/,
    ],
    [['clients'], /clients: name a subcommand: hash or keygen/],
    [['clients', 'list'], /clients: unknown subcommand 'list' \(hash or keygen\)/],
    [['scan', '--verbose', 'a.txt'], /scan: unknown option --verbose/],
    [['clients', 'hash', '--no-headers', 'a.csv'], /clients hash: unknown option --no-headers/],
  ])('%j is an error (exit 2)', async (argv, message) => {
    const r = await run(argv);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
  });

  it.each<[string, string, string[]]>([
    ['scan', SCAN_USAGE, ['--clients', '--key-file', '--json', '--help']],
    [
      'clients hash',
      HASH_USAGE,
      [
        '--key-file',
        '--columns',
        '--delimiter',
        '--header',
        '--no-header',
        '--encoding',
        '--out',
        '--help',
      ],
    ],
    ['clients keygen', KEYGEN_USAGE, ['--out', '--help']],
  ])('the usage of %s documents every option it accepts', (_name, usage, options) => {
    for (const option of options) expect(usage).toContain(option);
    expect(usage.split('\n').every((line) => line.length <= 92)).toBe(true);
  });
});
