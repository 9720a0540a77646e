/**
 * The log at 100,000 events: filtering (the popup's filters) and the CSV / JSON exports, over
 * synthetic events shaped like real ones (masked forms only). The chain hashes are random hex
 * of the right length: export formats them, it does not verify them. Listing goes through
 * IndexedDB (utils/log/store.ts), which Node does not have, so it is not timed here.
 */
import { FINDING_TYPES, type FindingType } from 'clientguard/detect';
import type { EventFilter } from '../../utils/log/filter';
import { matchesFilter } from '../../utils/log/filter';
import type { FindingSummary, LogEvent } from '../../utils/log/event';
import { toCsv, toJson } from '../../utils/log/export';
import { ACTIONS } from '../../utils/policy';
import { createRandom } from './corpus';
import { fmt, type Report } from './report';
import { collectGarbage, median, msSince } from './stats';

export const LOG_EVENTS = 100_000;

const SITES = [
  'https://chat.example.net',
  'https://docs.example.org',
  'https://mail.contoso.com',
  'https://translate.example.com',
  'https://crm.internal.example',
];
const RULES = ['block-identifiers', 'block-contact-lists', 'log-contacts', null];

/** `n` events, oldest first, deterministic. */
export function generateEvents(n: number, seed = 20240603): LogEvent[] {
  const r = createRandom(seed);
  const hex = (len: number): string => {
    let s = '';
    while (s.length < len)
      s += Math.floor(r() * 0x100000000)
        .toString(16)
        .padStart(8, '0');
    return s.slice(0, len);
  };
  // A pool of masked forms keeps generation cheap; exports only format them.
  const pool = Array.from({ length: 4096 }, () => `${hex(4)}**********${hex(4)}`);
  const start = Date.UTC(2025, 0, 1);
  const events: LogEvent[] = [];
  let prevHash = '';
  for (let i = 0; i < n; i++) {
    const findings: FindingSummary[] = [];
    const kinds = 1 + Math.floor(r() * 3);
    for (let k = 0; k < kinds; k++) {
      const type = FINDING_TYPES[Math.floor(r() * 8)] as FindingType;
      const count = 1 + Math.floor(r() * 12);
      const masked: string[] = [];
      for (let m = Math.min(count, 5); m > 0; m--)
        masked.push(pool[Math.floor(r() * pool.length)]!);
      findings.push({ type, count, masked });
    }
    const site = SITES[Math.floor(r() * SITES.length)]!;
    const hash = hex(64);
    events.push({
      seq: i + 1,
      time: new Date(start + i * 37_000).toISOString(),
      reportId: hex(32),
      kind: r() < 0.9 ? 'paste' : 'drop',
      action: ACTIONS[Math.floor(r() * ACTIONS.length)]!,
      ruleId: RULES[Math.floor(r() * RULES.length)]!,
      policyId: 'a1b2c3d4',
      findings,
      length: 20 + Math.floor(r() * 20_000),
      site,
      frameUrl: `${site}/app/${Math.floor(r() * 1000)}`,
      prevHash,
      hash,
    });
    prevHash = hash;
  }
  return events;
}

/**
 * Median of `runs` timed calls. No separate warm-up: each call is big enough to warm itself.
 * `gc` runs a full collection first (for the exports, whose 100 MB strings would otherwise be
 * collected inside the next timed call; the filters make little garbage).
 */
function timeMedian(runs: number, gc: boolean, f: () => number): { ms: number; result: number } {
  const t: number[] = [];
  let result = 0;
  for (let i = 0; i < runs; i++) {
    if (gc) collectGarbage();
    const t0 = process.hrtime.bigint();
    result = f();
    t.push(msSince(t0));
  }
  return { ms: median(t), result };
}

/** Times the filters and both exports; prints them (no numeric target in the design). */
export function benchLog(report: Report): void {
  report.section(`Log: ${LOG_EVENTS.toLocaleString('en-US')} synthetic events (median of 3)`);
  const events = generateEvents(LOG_EVENTS);
  const filters: [string, EventFilter][] = [
    ['action = block', { action: 'block' }],
    ['type = CN_ID', { type: 'CN_ID' }],
    ['site contains "example"', { site: 'example' }],
  ];
  for (const [name, f] of filters) {
    const t = timeMedian(3, false, () => events.filter((e) => matchesFilter(e, f)).length);
    report.row(`filter ${name} (ms)`, fmt(t.ms, 1));
  }
  const csv = timeMedian(3, true, () => toCsv(events).length);
  report.row('export CSV (ms)', fmt(csv.ms, 0));
  report.note(`CSV ${fmt(csv.result / 1e6, 1)} M characters`);
  const fixed = new Date(Date.UTC(2025, 5, 1));
  const json = timeMedian(3, true, () => toJson(events, fixed).length);
  report.row('export JSON (ms)', fmt(json.ms, 0));
  report.note(
    `JSON ${fmt(json.result / 1e6, 1)} M characters; the design asks for "quick", no figure`,
  );
}
