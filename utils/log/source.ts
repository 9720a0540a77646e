/** What extension pages read: the log (directly from IndexedDB) and the policy status. */
import type { Browser } from 'webextension-polyfill';
import { sendMessage, type PolicyStatus } from '../messages';
import type { LogEvent } from './event';
import type { EventFilter } from './filter';
import { allEvents, openLogDb, queryEvents, type EventPage } from './store';

export interface LogSource {
  query(filter: EventFilter, limit: number): Promise<EventPage>;
  all(filter: EventFilter): Promise<LogEvent[]>;
  status(): Promise<PolicyStatus | null>;
}

export function createLogSource(browser: Browser): LogSource {
  const db = openLogDb();
  return {
    query: async (filter, limit) => queryEvents(await db, filter, limit),
    all: async (filter) => allEvents(await db, filter),
    status: () =>
      sendMessage((m) => browser.runtime.sendMessage(m), 'getPolicyStatus', null).catch(() => null),
  };
}
