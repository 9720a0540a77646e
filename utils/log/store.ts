/**
 * The one module that owns ClientGuard's IndexedDB (browser side). Callers get typed
 * functions, never the raw handle's stores.
 *
 * Layout (version 1): object store `events`, key path `seq` (the chain position, so key order
 * is log order), unique index `by-report` on reportId (a retried report is stored once),
 * index `by-action`. The background is the only writer (`createLogWriter`); pages read.
 * Upgrades step through oldVersion and migrate; they never wipe.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { hashEvent, type UnhashedEvent } from './chain';
import type { LogEvent } from './event';
import { matchesFilter, type EventFilter } from './filter';
import { ACTIONS } from '../policy/types';

export const DB_NAME = 'clientguard';
export const DB_VERSION = 1;

interface ClientGuardDb extends DBSchema {
  events: {
    key: number;
    value: LogEvent;
    indexes: { 'by-report': string; 'by-action': string };
  };
}

export type LogDb = IDBPDatabase<ClientGuardDb>;

/** Opens (and creates or upgrades) the database. `factory` lets tests pass fake-indexeddb. */
export function openLogDb(factory?: IDBFactory): Promise<LogDb> {
  const open = () =>
    openDB<ClientGuardDb>(DB_NAME, DB_VERSION, {
      upgrade(db, oldVersion) {
        if (oldVersion < 1) {
          const events = db.createObjectStore('events', { keyPath: 'seq' });
          events.createIndex('by-report', 'reportId', { unique: true });
          events.createIndex('by-action', 'action');
        }
      },
    });
  if (!factory) return open();
  // idb reads the global indexedDB; swap it for the duration of the open call.
  const g = globalThis as { indexedDB?: IDBFactory };
  const saved = g.indexedDB;
  g.indexedDB = factory;
  try {
    return open();
  } finally {
    g.indexedDB = saved;
  }
}

export type NewEvent = Omit<LogEvent, 'seq' | 'prevHash' | 'hash'>;

export interface LogWriter {
  /** Appends an event to the chain; resolves to the stored event (or the earlier copy of a retried report). */
  append(event: NewEvent): Promise<LogEvent>;
}

/**
 * The single writer. Appends are serialised through one promise queue so the chain has no
 * forks; the tail is cached and re-read after a failure.
 */
export function createLogWriter(db: LogDb): LogWriter {
  let queue: Promise<unknown> = Promise.resolve();
  let tail: { seq: number; hash: string } | null = null;

  async function readTail(): Promise<{ seq: number; hash: string }> {
    const cursor = await db.transaction('events').store.openCursor(null, 'prev');
    return cursor ? { seq: cursor.value.seq, hash: cursor.value.hash } : { seq: 0, hash: '' };
  }

  async function appendNow(event: NewEvent): Promise<LogEvent> {
    const existing = await db.getFromIndex('events', 'by-report', event.reportId);
    if (existing) return existing;
    tail ??= await readTail();
    const unhashed: UnhashedEvent = { ...event, seq: tail.seq + 1, prevHash: tail.hash };
    const stored: LogEvent = { ...unhashed, hash: await hashEvent(unhashed) };
    try {
      await db.add('events', stored);
    } catch (e) {
      tail = null; // someone else wrote, or the write failed: re-read before the next append
      throw e;
    }
    tail = { seq: stored.seq, hash: stored.hash };
    return stored;
  }

  return {
    append(event) {
      const run = queue.then(() => appendNow(event));
      queue = run.catch(() => undefined);
      return run;
    },
  };
}

export interface EventPage {
  events: LogEvent[];
  /** Events in the whole log. */
  total: number;
  /** Events in the whole log per action (from the by-action index, not just this page). */
  byAction: Partial<Record<LogEvent['action'], number>>;
  /** Whether more matching events exist past this page. */
  more: boolean;
}

/** Newest first, filtered, at most `limit` events. */
export async function queryEvents(
  db: LogDb,
  filter: EventFilter = {},
  limit = 200,
): Promise<EventPage> {
  const tx = db.transaction('events');
  const total = await tx.store.count();
  const byAction: EventPage['byAction'] = {};
  for (const action of ACTIONS) {
    const n = await tx.store.index('by-action').count(action);
    if (n > 0) byAction[action] = n;
  }
  const events: LogEvent[] = [];
  let more = false;
  for (let c = await tx.store.openCursor(null, 'prev'); c; c = await c.continue()) {
    if (!matchesFilter(c.value, filter)) continue;
    if (events.length === limit) {
      more = true;
      break;
    }
    events.push(c.value);
  }
  return { events, total, byAction, more };
}

/** Every event, oldest first, optionally filtered (for export). */
export async function allEvents(db: LogDb, filter: EventFilter = {}): Promise<LogEvent[]> {
  const all = await db.getAll('events');
  return all.filter((e) => matchesFilter(e, filter));
}
