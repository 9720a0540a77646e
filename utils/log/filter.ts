/** Filters for the popup's list and exports. Pure. */
import type { FindingType } from '../detect/types';
import type { Action } from '../policy/types';
import type { LogEvent } from './event';

export interface EventFilter {
  action?: Action;
  type?: FindingType;
  /** Case-insensitive substring of the site or frame URL. */
  site?: string;
  /** ISO time bounds, inclusive. */
  from?: string;
  to?: string;
}

export function matchesFilter(e: LogEvent, f: EventFilter): boolean {
  if (f.action && e.action !== f.action) return false;
  if (f.type && !e.findings.some((x) => x.type === f.type)) return false;
  if (f.site) {
    const q = f.site.toLowerCase();
    if (!e.site.toLowerCase().includes(q) && !e.frameUrl.toLowerCase().includes(q)) return false;
  }
  if (f.from && e.time < f.from) return false;
  if (f.to && e.time > f.to) return false;
  return true;
}
