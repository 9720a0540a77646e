/**
 * `clientguard clients hash` and `clientguard clients keygen`: turn the admin's client
 * spreadsheet into a keyed-hash list file (utils/detect/client-list) and make the key for it.
 *
 * Nothing here prints an entry: statistics are counts, columns are named only as the admin
 * named them on the command line, and CSV errors give line numbers, not cells.
 */
import {
  MAX_ENTRY_LENGTH,
  MIN_ENTRY_LENGTH,
  buildClientList,
  keyIdOf,
} from '../utils/detect/client-list';
import { decodeTable, detectDelimiter, parseDelimited, type Delimiter } from './csv';
import { CliError, displayName, readInputBytes, writeFileAtomic, type CliIo } from './io';
import { keyIdOfHex, newKeyHex, readKeyFile } from './key-file';

export interface HashOptions {
  /** The table file, or `-` for standard input. */
  input: string;
  keyFile: string;
  /** `--columns`: comma-separated header names or 1-based numbers; all columns if absent. */
  columns?: string;
  /** `--delimiter`; detected from the file name or contents if absent. */
  delimiter?: 'tab' | 'comma';
  /** Whether the first row is a header (skipped). */
  header: boolean;
  /** Output file; standard output if absent or `-`. */
  out?: string;
  /** `--encoding` of the input (strict); UTF-8, or UTF-16 with a BOM, if absent. */
  encoding?: string;
}

interface Columns {
  indices: number[];
  /** How the columns are described in the statistics (never from the data rows). */
  label: string;
}

/**
 * Resolves `--columns` against the header (names, matched exactly and then ignoring case and
 * surrounding space) or by 1-based number. Throws CliError listing the available headers.
 */
export function resolveColumns(
  spec: string | undefined,
  header: readonly string[] | undefined,
  width: number,
): Columns {
  if (spec === undefined)
    return {
      indices: Array.from({ length: width }, (_, i) => i),
      label: `all ${width} column${width === 1 ? '' : 's'}`,
    };
  const items = spec.split(',').map((s) => s.trim());
  if (items.some((s) => s === ''))
    throw new CliError(`--columns: an empty column name in '${spec}'`);
  const available = (): string =>
    header && header.length > 0
      ? `the header has: ${header.map((h) => JSON.stringify(h.trim().slice(0, 60))).join(', ')}`
      : 'the file has no header';
  const indices: number[] = [];
  for (const item of items) {
    let index: number;
    if (/^\d+$/.test(item)) {
      const n = Number(item);
      if (n < 1) throw new CliError(`--columns: column numbers start at 1 (got ${item})`);
      if (n > width)
        throw new CliError(
          `--columns: no column ${n}; the file has ${width} column${width === 1 ? '' : 's'}`,
        );
      index = n - 1;
    } else {
      if (!header)
        throw new CliError(
          `--columns: '${item}' is a name, but --no-header says there is no header row; ` +
            'give column numbers (1, 2, …)',
        );
      let found = header.flatMap((h, i) => (h === item ? [i] : []));
      if (found.length === 0) {
        const want = item.toLowerCase();
        found = header.flatMap((h, i) => (h.trim().toLowerCase() === want ? [i] : []));
      }
      if (found.length === 0)
        throw new CliError(`--columns: no column named '${item}'; ${available()}`);
      if (found.length > 1)
        throw new CliError(
          `--columns: the header names '${item}' ${found.length} times (columns ` +
            `${found.map((i) => i + 1).join(', ')}); give the column number instead`,
        );
      index = found[0]!;
    }
    if (!indices.includes(index)) indices.push(index);
  }
  return { indices, label: `columns ${items.join(', ')}` };
}

/** Runs `clients hash`; returns the exit status (0, or throws CliError for 2). */
export async function runClientsHash(opts: HashOptions, io: CliIo): Promise<number> {
  const name = displayName(opts.input);
  // The key first: a bad key should not wait for a large table to be read and parsed.
  const key = await readKeyFile(opts.keyFile, io);
  const text = decodeTable(await readInputBytes(opts.input, io), name, opts.encoding);
  const delimiter: Delimiter =
    opts.delimiter === 'tab'
      ? '\t'
      : opts.delimiter === 'comma'
        ? ','
        : detectDelimiter(opts.input === '-' ? '' : opts.input, text);
  const rows = parseDelimited(text, delimiter, name);
  const header = opts.header ? rows[0] : undefined;
  const data = opts.header ? rows.slice(1) : rows;
  if (rows.length === 0) throw new CliError(`${name}: the file is empty`);
  const width = rows.reduce((w, r) => Math.max(w, r.length), 0);
  const columns = resolveColumns(opts.columns, header, width);

  const entries: string[] = [];
  let emptyCells = 0;
  for (const row of data) {
    for (const i of columns.indices) {
      const cell = row[i]?.trim() ?? '';
      if (cell === '') emptyCells++;
      else entries.push(cell);
    }
  }
  const { file, stats } = buildClientList(entries, key);
  if (stats.entries === 0)
    throw new CliError(
      `${name}: no entries to hash: ${data.length} row${data.length === 1 ? '' : 's'}` +
        `${opts.header ? ' after the header' : ''}, ${entries.length} non-empty cell` +
        `${entries.length === 1 ? '' : 's'} in ${columns.label}` +
        (entries.length > 0 ? ` (${stats.tooShort} too short, ${stats.tooLong} too long)` : ''),
    );

  const size = Buffer.byteLength(file, 'utf8');
  const toStdout = opts.out === undefined || opts.out === '-';
  if (toStdout) io.stdout(file);
  else await writeFileAtomic(opts.out!, file);
  const lines = [
    `clientguard: hashed ${name} (${delimiter === '\t' ? 'TSV' : 'CSV'}, ${data.length} row` +
      `${data.length === 1 ? '' : 's'}${opts.header ? ' after the header row; use --no-header if the first row is data' : ''}; ${columns.label})`,
    `  entries      ${stats.entries}`,
    `  duplicates   ${stats.duplicates} (dropped: the same as another entry after normalisation)`,
    `  too short    ${stats.tooShort} (dropped: under ${MIN_ENTRY_LENGTH} characters)`,
    `  too long     ${stats.tooLong} (dropped: over ${MAX_ENTRY_LENGTH} characters)`,
    `  empty cells  ${emptyCells}`,
    `  size         ${size} bytes`,
    `  key id       ${keyIdOf(key)}`,
    `  written to   ${toStdout ? '<stdout>' : opts.out!}`,
  ];
  io.stderr(lines.join('\n') + '\n');
  return 0;
}

/** Runs `clients keygen`: a new key to `out` (mode 600, never replacing a file) or stdout. */
export async function runClientsKeygen(opts: { out?: string }, io: CliIo): Promise<number> {
  const hex = newKeyHex();
  if (opts.out === undefined || opts.out === '-') {
    io.stdout(hex + '\n');
    io.stderr(
      `clientguard: new client-list key (key id ${keyIdOfHex(hex)}); keep it secret: ` +
        'anyone with the key and a list file can test guesses against the list\n',
    );
    return 0;
  }
  await writeFileAtomic(opts.out, hex + '\n', { mode: 0o600, exclusive: true });
  io.stderr(
    `clientguard: wrote a new client-list key to ${opts.out} (mode 600, key id ${keyIdOfHex(hex)})\n`,
  );
  return 0;
}
