// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LogView } from '../../../components/LogView';
import type { LogEvent } from '../../../utils/log/event';
import { matchesFilter, type EventFilter } from '../../../utils/log/filter';
import type { LogSource } from '../../../utils/log/source';
import type { PolicyStatus } from '../../../utils/messages';

function ev(seq: number, patch: Partial<LogEvent> = {}): LogEvent {
  return {
    reportId: `report-${String(seq).padStart(4, '0')}`,
    kind: 'paste',
    action: 'block',
    ruleId: 'block-identifiers',
    policyId: '0bc45874',
    findings: [{ type: 'CN_ID', count: 1, masked: ['1101**********544X'] }],
    length: 30,
    seq,
    time: new Date(Date.UTC(2026, 0, 1, 9, seq)).toISOString(),
    site: 'https://chat.example.org',
    frameUrl: 'https://chat.example.org/room',
    prevHash: '',
    hash: String(seq).repeat(64).slice(0, 64),
    ...patch,
  };
}

const EVENTS: LogEvent[] = [
  ev(1),
  ev(2, {
    action: 'allow',
    ruleId: 'log-contacts',
    findings: [{ type: 'CN_MOBILE', count: 2, masked: ['138****5678', '139****0001'] }],
    site: 'https://crm.acme.example',
  }),
  ev(3, {
    kind: 'policy',
    ruleId: 'policy-rejected',
    findings: [],
    site: '',
    frameUrl: '',
    detail: 'rules[0].action: must be one of allow, warn, redact, block',
  }),
];

const STATUS: PolicyStatus = {
  name: 'Acme policy',
  source: 'managed',
  id: '0bc45874',
  loadedAt: '2026-01-01T09:00:00.000Z',
  rejected: {
    at: '2026-01-01T09:03:00.000Z',
    errors: ['rules[0].action: must be one of allow, warn, redact, block'],
  },
};

function fakeSource(events: LogEvent[], status: PolicyStatus | null) {
  const queries: [EventFilter, number][] = [];
  const source: LogSource = {
    async query(filter, limit) {
      queries.push([filter, limit]);
      const matching = [...events].reverse().filter((e) => matchesFilter(e, filter));
      const byAction: Partial<Record<LogEvent['action'], number>> = {};
      for (const e of events) byAction[e.action] = (byAction[e.action] ?? 0) + 1;
      return {
        events: matching.slice(0, limit),
        total: events.length,
        byAction,
        more: matching.length > limit,
      };
    },
    all: async (filter) => events.filter((e) => matchesFilter(e, filter)),
    status: async () => status,
  };
  return { source, queries };
}

const t = (key: string, subs?: string[]) => (subs ? `${key}(${subs.join(',')})` : key);
const flush = () => act(() => new Promise((r) => setTimeout(r, 0)));

let root: HTMLElement;
beforeEach(() => {
  root = document.createElement('div');
  document.body.append(root);
});
afterEach(() => {
  render(null, root);
  document.body.replaceChildren();
  vi.restoreAllMocks();
});

describe('LogView', () => {
  it('shows the policy in force, its rejection, the total, counts and the newest events', async () => {
    const { source } = fakeSource(EVENTS, STATUS);
    act(() => render(<LogView source={source} t={t} />, root));
    await flush();
    const policy = root.querySelector('[data-testid="policy"]')!.textContent!;
    expect(policy).toContain('Acme policy');
    expect(policy).toContain('popupPolicyManaged');
    expect(policy).toContain('popupPolicyRejected');
    expect(policy).toContain('rules[0].action: must be one of');
    expect(root.querySelector('[data-testid="total"]')!.textContent).toContain('3');
    expect(root.querySelector('[data-testid="count-block"]')!.textContent).toContain('2');
    expect(root.querySelector('[data-testid="count-allow"]')!.textContent).toContain('1');
    const rows = [...root.querySelectorAll('tbody tr')].map((r) => r.getAttribute('data-seq'));
    expect(rows).toEqual(['3', '2', '1']);
    const text = root.textContent!;
    expect(text).toContain('1101**********544X');
    expect(text).toContain('138****5678');
    expect(text).toContain('×2');
    // A policy event shows what happened instead of a site.
    expect(root.querySelector('tr[data-seq="3"] .site')!.textContent).toContain('rules[0].action');
  });

  it('without a status (background asleep or failing) still lists the log', async () => {
    const { source } = fakeSource(EVENTS, null);
    act(() => render(<LogView source={source} t={t} />, root));
    await flush();
    expect(root.querySelector('[data-testid="policy"]')).toBeNull();
    expect(root.querySelectorAll('tbody tr')).toHaveLength(3);
  });

  it('an empty log says so', async () => {
    const { source } = fakeSource([], STATUS);
    act(() => render(<LogView source={source} t={t} />, root));
    await flush();
    expect(root.textContent).toContain('popupEmpty');
  });

  it('shows at most `limit` events and says there are more', async () => {
    const { source, queries } = fakeSource(EVENTS, STATUS);
    act(() => render(<LogView source={source} t={t} limit={2} />, root));
    await flush();
    expect(queries[0]).toEqual([{}, 2]);
    expect(root.querySelectorAll('tbody tr')).toHaveLength(2);
    expect(root.textContent).toContain('popupMore(2)');
  });

  it('filters by action and site', async () => {
    const { source, queries } = fakeSource(EVENTS, STATUS);
    act(() => render(<LogView source={source} t={t} />, root));
    await flush();
    const select = root.querySelector('select')!;
    select.value = 'allow';
    act(() => void select.dispatchEvent(new Event('change', { bubbles: true })));
    await flush();
    expect(queries.at(-1)![0]).toEqual({ action: 'allow' });
    expect([...root.querySelectorAll('tbody tr')].map((r) => r.getAttribute('data-seq'))).toEqual([
      '2',
    ]);
    const input = root.querySelector('input')!;
    input.value = 'nothing-matches';
    act(() => void input.dispatchEvent(new Event('input', { bubbles: true })));
    await flush();
    expect(queries.at(-1)![0]).toEqual({ action: 'allow', site: 'nothing-matches' });
    expect(root.textContent).toContain('popupEmpty');
  });

  it('exports every (filtered) event as CSV and JSON files', async () => {
    const blobs: Blob[] = [];
    const names: string[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((b) => (blobs.push(b as Blob), 'blob:x'));
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      names.push(this.download);
    });
    const { source } = fakeSource(EVENTS, STATUS);
    act(() => render(<LogView source={source} t={t} limit={1} />, root));
    await flush();
    act(() => (root.querySelector('[data-testid="export-csv"]') as HTMLButtonElement).click());
    await flush();
    act(() => (root.querySelector('[data-testid="export-json"]') as HTMLButtonElement).click());
    await flush();
    expect(names).toEqual([
      expect.stringMatching(/^clientguard-log-\d{4}-\d\d-\d\d-\d\d-\d\d-\d\d\.csv$/),
      expect.stringMatching(/^clientguard-log-.*\.json$/),
    ]);
    const csv = await blobs[0]!.text();
    // The export holds all events, not just the one shown.
    expect(csv.split('\r\n').filter(Boolean)).toHaveLength(1 + EVENTS.length);
    expect(blobs[0]!.type).toBe('text/csv;charset=utf-8');
    const json = JSON.parse(await blobs[1]!.text()) as { count: number };
    expect(json.count).toBe(3);
    // The temporary link is gone.
    expect(document.querySelectorAll('a')).toHaveLength(0);
  });
});
