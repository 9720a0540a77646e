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

/** Whether the event passes every criterion the filter sets. */
export function matchesFilter(e: LogEvent, f: EventFilter): boolean {
  if (f.action && e.action !== f.action) return false;
  if (f.type && !e.findings.some((x) => x.type === f.type)) return false;
  if (f.site) {
    const q = f.site.toLowerCase();
    if (!e.site.toLowerCase().includes(q) && !e.frameUrl.toLowerCase().includes(q)) return false;
  }
  if (f.from && earlier(e.time, f.from)) return false;
  if (f.to && earlier(f.to, e.time)) return false;
  return true;
}

/**
 * Whether instant `a` is before `b`. Stored times are toISOString() output, whose string order
 * is time order; a bound written another way (`…T09:00:00Z`, `+08:00`) is compared as a time.
 */
function earlier(a: string, b: string): boolean {
  if (a.length === b.length && a.endsWith('Z') && b.endsWith('Z')) return a < b;
  return Date.parse(a) < Date.parse(b);
}
