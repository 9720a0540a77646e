import { describe, expect, it } from 'vitest';
import type { LogEvent } from '../../../utils/log/event';
import { matchesFilter, type EventFilter } from '../../../utils/log/filter';

const e: LogEvent = {
  reportId: 'report-0001',
  kind: 'paste',
  action: 'block',
  ruleId: 'block-identifiers',
  policyId: '0bc45874',
  findings: [{ type: 'CN_ID', count: 1, masked: ['1101**********544X'] }],
  length: 42,
  seq: 1,
  time: '2026-01-01T09:00:00.000Z',
  site: 'https://Chat.example.org',
  frameUrl: 'https://widgets.example/embed',
  prevHash: '',
  hash: 'a'.repeat(64),
};

describe('matchesFilter', () => {
  it.each([
    [{}, true],
    [{ action: 'block' }, true],
    [{ action: 'allow' }, false],
    [{ type: 'CN_ID' }, true],
    [{ type: 'EMAIL' }, false],
    [{ site: 'chat.EXAMPLE' }, true],
    [{ site: 'widgets' }, true],
    [{ site: 'crm' }, false],
    [{ from: '2026-01-01T09:00:00.000Z' }, true],
    [{ from: '2026-01-01T09:00:00Z' }, true],
    [{ from: '2026-01-01T09:00:00.001Z' }, false],
    [{ to: '2026-01-01T09:00:00Z' }, true],
    [{ to: '2026-01-01T08:59:59.999Z' }, false],
    [{ from: '2026-01-01T10:00:00+01:00', to: '2026-01-01T10:00:00+01:00' }, true],
    [{ action: 'block', type: 'EMAIL' }, false],
  ] as [EventFilter, boolean][])('%j → %s', (filter, expected) => {
    expect(matchesFilter(e, filter)).toBe(expected);
  });
});
