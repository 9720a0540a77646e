/**
 * CSV and JSON exports of the log for audit. CSV is UTF-8 with a BOM (Excel then shows
 * Chinese), RFC 4180 quoting, and cells that a spreadsheet would run as a formula
 * (= + - @, tab, CR) are neutralised with a leading apostrophe.
 */
import type { LogEvent } from './event';
import type { EventFilter } from './filter';

export const CSV_COLUMNS = [
  'seq',
  'time',
  'action',
  'rule',
  'kind',
  'site',
  'frame_url',
  'finding_types',
  'finding_count',
  'masked_values',
  'length',
  'policy',
  'detail',
  'prev_hash',
  'hash',
] as const;

/** One CSV cell: neutralised against formula injection, then quoted when needed. */
export function csvCell(value: string | number): string {
  let s = String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  if (/[",\r\n]/.test(s)) s = `"${s.replace(/"/g, '""')}"`;
  return s;
}

function row(e: LogEvent): string {
  const cells: (string | number)[] = [
    e.seq,
    e.time,
    e.action,
    e.ruleId ?? '',
    e.kind,
    e.site,
    e.frameUrl,
    e.findings.map((f) => `${f.type}:${f.count}`).join(' '),
    e.findings.reduce((n, f) => n + f.count, 0),
    e.findings.flatMap((f) => f.masked).join(' '),
    e.length,
    e.policyId,
    e.detail ?? '',
    e.prevHash,
    e.hash,
  ];
  return cells.map(csvCell).join(',');
}

/** The whole CSV file, BOM included, CRLF line ends. */
export function toCsv(events: Iterable<LogEvent>): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const e of events) lines.push(row(e));
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}

export interface JsonExport {
  format: 'clientguard-log';
  version: 1;
  exportedAt: string;
  count: number;
  /** Present when only matching events were exported: the chain then has gaps by design. */
  filter?: EventFilter;
  events: LogEvent[];
}

/**
 * The JSON export: the events oldest first, as stored (they carry their chain hashes), and
 * the filter that chose them when there was one (`clientguard log verify` reads it).
 */
export function toJson(
  events: LogEvent[],
  now: Date = new Date(),
  filter: EventFilter = {},
): string {
  const doc: JsonExport = {
    format: 'clientguard-log',
    version: 1,
    exportedAt: now.toISOString(),
    count: events.length,
    ...(Object.keys(filter).length > 0 ? { filter } : {}),
    // Stored events carry no database id (the key is `seq`), so they are exported as they are.
    events,
  };
  return JSON.stringify(doc, null, 2) + '\n';
}
