/**
 * `clientguard scan FILE… [--clients LIST --key-file KEY] [--json]`: prints the findings of the
 * detection engine, optionally with the organisation's client list.
 * Exit status: 0 nothing found, 1 something found, 2 error.
 *
 * Offsets (in --json, and the columns of the text output) are JavaScript string indices, i.e.
 * UTF-16 code units, of the decoded UTF-8 text after a leading BOM: the same numbers the
 * extension logs, so a finding can be located with `text.slice(start, end)`.
 */
import { readFile } from 'node:fs/promises';
import { createDetector, type Detector, type Finding, type Matcher } from '../utils/detect';
import {
  ClientListError,
  createClientListMatcher,
  loadClientList,
  type ClientList,
} from '../utils/detect/client-list';
import { CliError, decodeUtf8, displayName, fsReason, readInputBytes, type CliIo } from './io';
import { readKeyFile } from './key-file';

export interface ScanOptions {
  files: string[];
  json: boolean;
  /** Client-list file (`--clients`), loaded with the key in `keyFile`. */
  clients?: string;
  keyFile?: string;
  /** A ready detector (tests); built from the options when absent. */
  detector?: Detector;
}

/**
 * Line and column (1-based, column in UTF-16 code units) of ascending offsets, in one pass
 * over the text (a file can hold thousands of findings).
 */
function lineCols(text: string, offsets: readonly number[]): [number, number][] {
  const out: [number, number][] = [];
  let line = 1;
  let lineStart = 0;
  let nl = text.indexOf('\n');
  for (const offset of offsets) {
    while (nl !== -1 && nl < offset) {
      line++;
      lineStart = nl + 1;
      nl = text.indexOf('\n', nl + 1);
    }
    out.push([line, offset - lineStart + 1]);
  }
  return out;
}

/**
 * Loads a client-list file with the key in `keyFile`. Throws CliError naming the list and what
 * is wrong with it (not a list, unsupported version, damaged or truncated, wrong key).
 */
export async function loadClientListFile(
  listFile: string,
  keyFile: string,
  io: CliIo,
): Promise<ClientList> {
  const key = await readKeyFile(keyFile, io);
  let bytes: Uint8Array;
  try {
    bytes = await readFile(listFile);
  } catch (e) {
    throw new CliError(`cannot read client list ${listFile}: ${fsReason(e)}`);
  }
  try {
    return loadClientList(decodeUtf8(bytes, listFile), key);
  } catch (e) {
    if (e instanceof ClientListError) throw new CliError(`${listFile}: ${e.message}`);
    throw e;
  }
}

/** Runs the scan; returns the exit status. */
export async function runScan(opts: ScanOptions, io: CliIo): Promise<number> {
  if (opts.files.length === 0) throw new CliError('scan: name a file, or - for standard input');
  if (opts.files.filter((f) => f === '-').length > 1)
    throw new CliError('scan: standard input (-) can be scanned only once');
  if ((opts.clients === undefined) !== (opts.keyFile === undefined))
    throw new CliError(
      opts.clients === undefined
        ? 'scan: --key-file is only used with --clients LIST'
        : 'scan: --clients needs --key-file KEY (the key the list was hashed with)',
    );
  let detector = opts.detector;
  if (!detector) {
    const matchers: Matcher[] = [];
    if (opts.clients !== undefined && opts.keyFile !== undefined)
      matchers.push(
        createClientListMatcher(await loadClientListFile(opts.clients, opts.keyFile, io)),
      );
    detector = createDetector({ matchers });
  }
  const results: { file: string; text: string; findings: Finding[]; truncated: boolean }[] = [];
  for (const file of opts.files) {
    const text = decodeUtf8(await readInputBytes(file, io), displayName(file));
    const r = detector.detect(text);
    results.push({ file, text, findings: r.findings, truncated: r.truncated });
  }
  for (const r of results)
    if (r.truncated)
      io.stderr(
        `clientguard: warning: ${displayName(r.file)} is too long; only its beginning was scanned\n`,
      );
  const total = results.reduce((n, r) => n + r.findings.length, 0);
  if (opts.json) {
    const multi = results.length > 1;
    const rows = results.flatMap((r) =>
      r.findings.map((f) => ({
        ...(multi ? { file: r.file } : {}),
        start: f.start,
        end: f.end,
        type: f.type,
        confidence: f.confidence,
        masked: f.masked,
        ...(f.rule !== undefined ? { rule: f.rule } : {}),
      })),
    );
    io.stdout(JSON.stringify(rows, null, 2) + '\n');
  } else {
    for (const r of results) {
      const positions = lineCols(
        r.text,
        r.findings.map((f) => f.start),
      );
      const lines = r.findings.map((f, k) => {
        const [line, col] = positions[k]!;
        return `${r.file}:${line}:${col}\t${f.type}\t${f.confidence}\t${f.masked}\n`;
      });
      if (lines.length > 0) io.stdout(lines.join(''));
    }
    io.stderr(
      `${total} finding${total === 1 ? '' : 's'} in ${results.length} file${results.length === 1 ? '' : 's'}\n`,
    );
  }
  return total > 0 ? 1 : 0;
}
