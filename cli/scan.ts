/**
 * `clientguard scan FILE… [--json]`: prints the findings of the detection engine.
 * Exit status: 0 nothing found, 1 something found, 2 error.
 */
import { readFile } from 'node:fs/promises';
import { createDetector, type Detector, type Finding } from '../utils/detect';
import { CliError, decodeUtf8, type CliIo } from './io';

export interface ScanOptions {
  files: string[];
  json: boolean;
  /** Builds the detector (lets `--clients` add the client-list matcher). */
  detector?: Detector;
}

/** Line and column (1-based, in UTF-16 code units) of an offset. */
function lineCol(text: string, offset: number): [number, number] {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return [line, offset - lineStart + 1];
}

async function readInput(file: string, io: CliIo): Promise<string> {
  if (file === '-') return decodeUtf8(await io.readStdin(), '<stdin>');
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? 'error';
    throw new CliError(`${file}: cannot read (${code})`);
  }
  return decodeUtf8(bytes, file);
}

/** Runs the scan; returns the exit status. */
export async function runScan(opts: ScanOptions, io: CliIo): Promise<number> {
  if (opts.files.length === 0) throw new CliError('scan: name a file, or - for standard input');
  const detector = opts.detector ?? createDetector();
  const results: { file: string; text: string; findings: Finding[] }[] = [];
  for (const file of opts.files) {
    const text = await readInput(file, io);
    results.push({ file, text, findings: detector.detect(text).findings });
  }
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
      for (const f of r.findings) {
        const [line, col] = lineCol(r.text, f.start);
        io.stdout(`${r.file}:${line}:${col}\t${f.type}\t${f.confidence}\t${f.masked}\n`);
      }
    }
    io.stderr(
      `${total} finding${total === 1 ? '' : 's'} in ${results.length} file${results.length === 1 ? '' : 's'}\n`,
    );
  }
  return total > 0 ? 1 : 0;
}
