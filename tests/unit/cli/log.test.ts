/**
 * `clientguard log verify`: an auditor checks a JSON export offline. Built from a real chain
 * (the background's writer on fake-indexeddb), then exported, altered, cut or filtered.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LogEvent } from '../../../utils/log/event';
import { toJson } from '../../../utils/log/export';
import { matchesFilter } from '../../../utils/log/filter';
import { allEvents, createLogWriter, openLogDb } from '../../../utils/log/store';
import { run, tempDir } from './helpers';

const tmp = tempDir('log-verify');
afterAll(() => tmp.remove());

let events: LogEvent[];

beforeAll(async () => {
  const db = await openLogDb(new IDBFactory());
  const writer = createLogWriter(db);
  for (let i = 0; i < 6; i++)
    await writer.append({
      reportId: `report-${String(i).padStart(8, '0')}`,
      kind: 'paste',
      action: i % 2 === 0 ? 'block' : 'allow',
      ruleId: i % 2 === 0 ? 'block-identifiers' : 'log-contacts',
      policyId: '0bc45874',
      findings: [{ type: 'CN_ID', count: 1, masked: ['1101**********002X'] }],
      length: 40 + i,
      time: new Date(Date.UTC(2026, 11, 1, 9, i)).toISOString(),
      site: 'https://chat.example.net',
      frameUrl: 'https://chat.example.net/room',
    });
  events = await allEvents(db);
  db.close();
});

const write = (name: string, text: string) => tmp.file(name, text);

describe('clientguard log verify', () => {
  it('accepts an intact export (exit 0)', async () => {
    const r = await run(['log', 'verify', write('full.json', toJson(events))]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/full\.json: ok: 6 events \(events 1–6\), chain intact\n$/);
  });

  it.each([
    [
      'an edited event',
      (e: LogEvent[]) => e.map((x) => (x.seq === 3 ? { ...x, action: 'allow' as const } : x)),
      /event 3: event was altered/,
    ],
    [
      'a removed event',
      (e: LogEvent[]) => e.filter((x) => x.seq !== 4),
      /event 5: gap after event 3/,
    ],
    ['a cut-off start', (e: LogEvent[]) => e.slice(2), /event 3: starts at event 3, not 1/],
    [
      'two events swapped',
      (e: LogEvent[]) => [e[0]!, e[2]!, e[1]!, ...e.slice(3)],
      /previous hash does not match/,
    ],
  ])('finds %s (exit 1)', async (_n, change, problem) => {
    const r = await run(['log', 'verify', write('bad.json', toJson(change(events)))]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/bad\.json: NOT intact/);
    expect(r.stdout).toMatch(problem);
  });

  it('accepts a filtered export, whose gaps are the filter’s, and still catches an edit', async () => {
    const filter = { action: 'block' as const };
    const blocks = events.filter((e) => matchesFilter(e, filter));
    const ok = await run([
      'log',
      'verify',
      write('blocks.json', toJson(blocks, new Date(), filter)),
    ]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/3 events \(events 1–5\), a filtered export/);
    const edited = blocks.map((e) => (e.seq === 5 ? { ...e, length: 1 } : e));
    const bad = await run([
      'log',
      'verify',
      write('edited.json', toJson(edited, new Date(), filter)),
    ]);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/event 5: event was altered/);
  });

  it('finds an export that was cut but claims its filter-free count', async () => {
    const doc = JSON.parse(toJson(events)) as { events: LogEvent[] };
    doc.events.pop();
    const r = await run(['log', 'verify', write('short.json', JSON.stringify(doc))]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/says 6 events but holds 5/);
  });

  it.each([
    ['a missing file', ['log', 'verify', '/nonexistent/x.json'], /cannot read \(ENOENT\)/],
    ['not JSON', ['log', 'verify', 'NOTJSON'], /not valid JSON/],
    ['not an export', ['log', 'verify', 'POLICY'], /not a ClientGuard log export/],
    ['no file', ['log', 'verify'], /log verify: name a JSON export/],
    ['no subcommand', ['log'], /log: name a subcommand: verify/],
  ])('%s is an error (exit 2)', async (_n, argv, message) => {
    const args = argv.map((a) =>
      a === 'NOTJSON'
        ? write('n.json', '{')
        : a === 'POLICY'
          ? write('p.json', '{"version":1}')
          : a,
    );
    const r = await run(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });
});
