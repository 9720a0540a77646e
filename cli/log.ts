/**
 * `clientguard log verify EXPORT.json…`: checks a JSON export of the log offline, for an
 * auditor who received it. Every event's hash must match its content, and each event must
 * name the hash of the one before it; a full export must also start at event 1 and have no
 * gap. An export the popup made with a filter says so (`filter`): its gaps are expected, and
 * each event and each unbroken stretch of the chain is still checked.
 */
import { readFile } from 'node:fs/promises';
import type { LogEvent } from '../utils/log/event';
import { verifyChain } from '../utils/log/chain';
import { CliError, decodeUtf8, type CliIo } from './io';

interface ExportDoc {
  format?: unknown;
  version?: unknown;
  count?: unknown;
  filter?: unknown;
  events?: unknown;
}

async function readExport(file: string, io: CliIo): Promise<ExportDoc> {
  let bytes: Uint8Array;
  try {
    bytes = file === '-' ? await io.readStdin() : await readFile(file);
  } catch (e) {
    throw new CliError(`${file}: cannot read (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  let doc: unknown;
  try {
    doc = JSON.parse(decodeUtf8(bytes, file).replace(/^\uFEFF/, ''));
  } catch (e) {
    if (e instanceof CliError) throw e;
    throw new CliError(`${file}: not valid JSON (${(e as Error).message})`);
  }
  const d = doc as ExportDoc | null;
  if (d === null || typeof d !== 'object' || d.format !== 'clientguard-log')
    throw new CliError(`${file}: not a ClientGuard log export (no "format": "clientguard-log")`);
  if (d.version !== 1)
    throw new CliError(`${file}: unsupported export version ${String(d.version)}`);
  if (!Array.isArray(d.events)) throw new CliError(`${file}: "events" is not a list`);
  return d;
}

/** Verifies each export; 0 when all are intact, 1 when one is not, 2 on a read error. */
export async function runLogVerify(files: readonly string[], io: CliIo): Promise<number> {
  if (files.length === 0) throw new CliError('log verify: name a JSON export, or - for stdin');
  let bad = 0;
  for (const file of files) {
    const doc = await readExport(file, io);
    const events = doc.events as LogEvent[];
    const filtered = doc.filter !== undefined;
    let problems = await verifyChain(events);
    // A filtered export leaves events out: a gap there, and the broken link after it, are
    // what the filter did, not tampering. Each event's own hash is still checked.
    if (filtered) {
      const afterGap = new Set(
        problems.filter((p) => /^gap after/.test(p.problem)).map((p) => p.seq),
      );
      problems = problems.filter(
        (p) =>
          !/^gap after|^starts at event/.test(p.problem) &&
          !(p.problem === 'previous hash does not match' && afterGap.has(p.seq)),
      );
    }
    if (typeof doc.count === 'number' && doc.count !== events.length)
      problems.unshift({ seq: 0, problem: `says ${doc.count} events but holds ${events.length}` });
    const span = events.length
      ? `events ${events[0]!.seq}–${events[events.length - 1]!.seq}`
      : 'no events';
    if (problems.length === 0) {
      io.stdout(
        `${file}: ok: ${events.length} event${events.length === 1 ? '' : 's'} (${span})${
          filtered
            ? ', a filtered export: every event and every unbroken link checked'
            : ', chain intact'
        }\n`,
      );
      continue;
    }
    bad++;
    io.stdout(`${file}: NOT intact, ${problems.length} problem(s):\n`);
    for (const p of problems) io.stdout(`  ${p.seq > 0 ? `event ${p.seq}: ` : ''}${p.problem}\n`);
  }
  return bad > 0 ? 1 : 0;
}
