import { describe, expect, it } from 'vitest';
import { parseArgs, type OptionSpec } from '../../../cli/args';
import { CliError } from '../../../cli/io';

const SPEC: OptionSpec = { json: 'flag', out: 'value', 'key-file': 'value', help: 'flag' };

const parse = (argv: string[]): [string[], Record<string, string | true>] => {
  const r = parseArgs('test', argv, SPEC);
  return [r.positional, Object.fromEntries(r.options)];
};

describe('parseArgs', () => {
  it.each<[string[], string[], Record<string, string | true>]>([
    [['a.txt', 'b.txt'], ['a.txt', 'b.txt'], {}],
    [['--json', 'a.txt'], ['a.txt'], { json: true }],
    [['a.txt', '--out', 'x.json'], ['a.txt'], { out: 'x.json' }],
    [['--out=x.json', '-'], ['-'], { out: 'x.json' }],
    [['--out', '-'], [], { out: '-' }],
    [['--key-file', 'k.hex', '--json'], [], { 'key-file': 'k.hex', json: true }],
    [['-h'], [], { help: true }],
    [['--', '--json', '-x'], ['--json', '-x'], {}],
  ])('%j', (argv, positional, options) => {
    expect(parse(argv)).toEqual([positional, options]);
  });

  it.each<[string[], RegExp]>([
    [['--jsn'], /test: unknown option --jsn \(see 'clientguard test --help'\)/],
    [['-x'], /unknown option -x/],
    [['--out'], /--out needs a value/],
    [['--out', '--json'], /--out needs a value/],
    [['--out='], /--out needs a value/],
    [['--json=yes'], /--json does not take a value/],
    [['--json', '--json'], /--json is given twice/],
    [['--out', 'a', '--out', 'b'], /--out is given twice/],
    [['--=x'], /unknown option --=x/],
  ])('%j is refused', (argv, message) => {
    expect(() => parse(argv)).toThrow(CliError);
    expect(() => parse(argv)).toThrow(message);
  });
});
