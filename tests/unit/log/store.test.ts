// idb checks values against the IndexedDB classes (IDBRequest, IDBCursor…), which Node lacks:
// `auto` installs fake-indexeddb's as globals. Each test still opens its own fresh factory.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import { hashEvent, verifyChain } from '../../../utils/log/chain';
import type { LogEvent } from '../../../utils/log/event';
import { toJson, type JsonExport } from '../../../utils/log/export';
import {
  allEvents,
  createLogWriter,
  openLogDb,
  queryEvents,
  type LogDb,
  type NewEvent,
} from '../../../utils/log/store';

let factory: IDBFactory;
let db: LogDb;

beforeEach(async () => {
  factory = new IDBFactory();
  db = await openLogDb(factory);
  return () => db.close();
});

let n = 0;
function newEvent(patch: Partial<NewEvent> = {}): NewEvent {
  n++;
  return {
    reportId: `report-${String(n).padStart(6, '0')}`,
    kind: 'paste',
    action: 'block',
    ruleId: 'block-identifiers',
    policyId: '0bc45874',
    findings: [{ type: 'CN_ID', count: 1, masked: ['1101**********544X'] }],
    length: 30,
    time: new Date(Date.UTC(2026, 0, 1, 9, 0, n % 60)).toISOString(),
    site: 'https://chat.example.org',
    frameUrl: 'https://chat.example.org/room',
    ...patch,
  };
}

describe('createLogWriter', () => {
  it('appends in order: seq from 1, each event naming the previous hash', async () => {
    const w = createLogWriter(db);
    const a = await w.append(newEvent());
    const b = await w.append(newEvent({ action: 'allow', ruleId: 'log-contacts' }));
    expect([a.seq, b.seq]).toEqual([1, 2]);
    expect(a.prevHash).toBe('');
    expect(b.prevHash).toBe(a.hash);
    const { hash, ...unhashed } = b;
    expect(await hashEvent(unhashed)).toBe(hash);
    expect(await allEvents(db)).toEqual([a, b]);
  });

  it('stores a retried report (same reportId) once and returns the first copy', async () => {
    const w = createLogWriter(db);
    const e = newEvent();
    const first = await w.append(e);
    await w.append(newEvent());
    const again = await w.append({ ...e, time: new Date().toISOString() });
    expect(again).toEqual(first);
    expect((await allEvents(db)).map((x) => x.seq)).toEqual([1, 2]);
  });

  it('50 concurrent appends get seq 1..50 and an unbroken chain', async () => {
    const w = createLogWriter(db);
    const stored = await Promise.all(Array.from({ length: 50 }, () => w.append(newEvent())));
    expect(stored.map((e) => e.seq)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    const all = await allEvents(db);
    expect(all).toHaveLength(50);
    expect(await verifyChain(all)).toEqual([]);
  });

  it('concurrent retries of the same report store it once', async () => {
    const w = createLogWriter(db);
    const e = newEvent();
    const stored = await Promise.all([w.append(e), w.append(newEvent()), w.append(e), w.append(e)]);
    expect(stored.map((x) => x.seq)).toEqual([1, 2, 1, 1]);
    expect(await allEvents(db)).toHaveLength(2);
  });

  it('recovers after a failed write: the failure rejects, the next append continues the chain', async () => {
    const w = createLogWriter(db);
    await w.append(newEvent());
    // A value IndexedDB cannot store makes `add` fail with DataCloneError.
    const broken = { ...newEvent(), detail: (() => 1) as unknown as string };
    await expect(w.append(broken)).rejects.toThrow();
    const next = await w.append(newEvent());
    expect(next.seq).toBe(2);
    expect(await verifyChain(await allEvents(db))).toEqual([]);
  });

  it('recovers when its cached tail went stale (another writer appended)', async () => {
    const a = createLogWriter(db);
    const b = createLogWriter(db);
    await a.append(newEvent());
    await b.append(newEvent());
    // a still believes the tail is event 1: its write collides on seq 2 and fails…
    const lost = newEvent();
    await expect(a.append(lost)).rejects.toThrow();
    // …and the caller's retry (same reportId) lands at the true end of the chain.
    const retried = await a.append(lost);
    expect(retried.seq).toBe(3);
    expect(await verifyChain(await allEvents(db))).toEqual([]);
  });

  it('a writer over a reopened database continues the existing chain (nothing wiped)', async () => {
    await createLogWriter(db).append(newEvent());
    db.close();
    db = await openLogDb(factory);
    const e = await createLogWriter(db).append(newEvent());
    expect(e.seq).toBe(2);
    expect(await verifyChain(await allEvents(db))).toEqual([]);
  });

  it('an intact JSON export of the store verifies; an edited one does not', async () => {
    const w = createLogWriter(db);
    for (let i = 0; i < 8; i++) await w.append(newEvent({ action: i % 3 ? 'allow' : 'block' }));
    const doc = JSON.parse(toJson(await allEvents(db))) as JsonExport;
    expect(await verifyChain(doc.events)).toEqual([]);
    doc.events[4]!.site = 'https://innocent.example';
    expect(await verifyChain(doc.events)).toEqual([{ seq: 5, problem: 'event was altered' }]);
  });
});

describe('queryEvents and allEvents', () => {
  async function fill(): Promise<LogEvent[]> {
    const w = createLogWriter(db);
    const specs: Partial<NewEvent>[] = [
      { action: 'block', site: 'https://chat.example.org', time: '2026-01-01T09:00:00.000Z' },
      {
        action: 'allow',
        ruleId: 'log-contacts',
        findings: [{ type: 'CN_MOBILE', count: 1, masked: ['138****5678'] }],
        site: 'https://crm.acme.example',
        time: '2026-01-02T09:00:00.000Z',
      },
      { action: 'block', site: 'https://paste.example.net', time: '2026-01-03T09:00:00.000Z' },
      {
        action: 'allow',
        ruleId: 'log-contacts',
        findings: [{ type: 'EMAIL', count: 1, masked: ['z****@client-corp.com'] }],
        site: 'https://chat.example.org',
        frameUrl: 'https://embed.widgets.example/frame',
        time: '2026-01-04T09:00:00.000Z',
      },
      { action: 'warn', site: 'https://CHAT.example.org', time: '2026-01-05T09:00:00.000Z' },
    ];
    const out: LogEvent[] = [];
    for (const s of specs) out.push(await w.append(newEvent({ frameUrl: `${s.site}/page`, ...s })));
    return out;
  }

  it('lists newest first with the total', async () => {
    await fill();
    const page = await queryEvents(db);
    expect(page.events.map((e) => e.seq)).toEqual([5, 4, 3, 2, 1]);
    expect([page.total, page.more]).toEqual([5, false]);
  });

  it.each([
    ['action block', { action: 'block' }, [3, 1]],
    ['action warn', { action: 'warn' }, [5]],
    ['action redact', { action: 'redact' }, []],
    ['type CN_MOBILE', { type: 'CN_MOBILE' }, [2]],
    ['type CN_ID', { type: 'CN_ID' }, [5, 3, 1]],
    ['site, case-insensitive', { site: 'chat.EXAMPLE' }, [5, 4, 1]],
    ['site matches the frame URL too', { site: 'widgets' }, [4]],
    ['from (inclusive)', { from: '2026-01-04T09:00:00.000Z' }, [5, 4]],
    ['to (inclusive)', { to: '2026-01-02T09:00:00.000Z' }, [2, 1]],
    ['from and to', { from: '2026-01-02T00:00:00.000Z', to: '2026-01-03T23:59:59.999Z' }, [3, 2]],
    [
      'bounds without milliseconds',
      { from: '2026-01-02T09:00:00Z', to: '2026-01-04T09:00:00Z' },
      [4, 3, 2],
    ],
    [
      'everything combined',
      { action: 'block', type: 'CN_ID', site: 'chat', to: '2026-01-02T00:00:00Z' },
      [1],
    ],
  ] as const)('filters by %s', async (_n, filter, seqs) => {
    await fill();
    const page = await queryEvents(db, filter);
    expect(page.events.map((e) => e.seq)).toEqual(seqs);
    expect(page.total).toBe(5);
    expect((await allEvents(db, filter)).map((e) => e.seq)).toEqual([...seqs].reverse());
  });

  it('limits the page and says when more match', async () => {
    await fill();
    expect(await queryEvents(db, {}, 2)).toMatchObject({ total: 5, more: true });
    expect((await queryEvents(db, {}, 2)).events.map((e) => e.seq)).toEqual([5, 4]);
    // Exactly as many matches as the limit: nothing more.
    const blocks = await queryEvents(db, { action: 'block' }, 2);
    expect([blocks.events.map((e) => e.seq), blocks.more]).toEqual([[3, 1], false]);
    const one = await queryEvents(db, { action: 'block' }, 1);
    expect([one.events.map((e) => e.seq), one.more]).toEqual([[3], true]);
  });

  it('counts every event per action, not only those on the page', async () => {
    await fill();
    const page = await queryEvents(db, {}, 1);
    expect(page.events).toHaveLength(1);
    const all = await allEvents(db);
    const expected: Record<string, number> = {};
    for (const e of all) expected[e.action] = (expected[e.action] ?? 0) + 1;
    expect(page.byAction).toEqual(expected);
    expect(Object.values(page.byAction).reduce((a, b) => a + b, 0)).toBe(5);
  });

  it('allEvents lists oldest first', async () => {
    const stored = await fill();
    expect(await allEvents(db)).toEqual(stored);
  });

  it('an empty log', async () => {
    expect(await queryEvents(db)).toEqual({ events: [], total: 0, byAction: {}, more: false });
    expect(await allEvents(db)).toEqual([]);
  });
});
