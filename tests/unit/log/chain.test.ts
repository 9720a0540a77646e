import { describe, expect, it } from 'vitest';
import {
  canonicalJson,
  hashEvent,
  verifyChain,
  type UnhashedEvent,
} from '../../../utils/log/chain';
import type { LogEvent } from '../../../utils/log/event';

describe('canonicalJson', () => {
  it.each([
    [{ b: 1, a: 2 }, '{"a":2,"b":1}'],
    [
      { z: { y: 1, x: [3, { q: 1, p: 2 }] }, a: null },
      '{"a":null,"z":{"x":[3,{"p":2,"q":1}],"y":1}}',
    ],
    [{ a: undefined, b: 1 }, '{"b":1}'],
    [[3, 1, 2], '[3,1,2]'],
    [[], '[]'],
    [{}, '{}'],
    ['身份证 "x"\n', '"身份证 \\"x\\"\\n"'],
    [1.5, '1.5'],
    [true, 'true'],
    [null, 'null'],
    [{ B: 1, a: 1, _: 1, '10': 1, '9': 1 }, '{"10":1,"9":1,"B":1,"_":1,"a":1}'],
  ])('%j → %s', (value, expected) => {
    expect(canonicalJson(value)).toBe(expected);
  });

  it('is the same for the same data written in any key order, and parses back', () => {
    const a = { seq: 1, findings: [{ type: 'CN_ID', count: 1 }], site: 'https://x' };
    const b = { site: 'https://x', findings: [{ count: 1, type: 'CN_ID' }], seq: 1 };
    expect(canonicalJson(a)).toBe(canonicalJson(b));
    expect(JSON.parse(canonicalJson(a))).toEqual(a);
  });
});

function event(seq: number, prevHash: string, patch: Partial<UnhashedEvent> = {}): UnhashedEvent {
  return {
    reportId: `report-${String(seq).padStart(4, '0')}`,
    kind: 'paste',
    action: seq % 2 ? 'block' : 'allow',
    ruleId: seq % 2 ? 'block-identifiers' : 'log-contacts',
    policyId: '0bc45874',
    findings: [{ type: 'CN_MOBILE', count: 1, masked: ['138****5678'] }],
    length: 10 + seq,
    seq,
    time: new Date(Date.UTC(2026, 0, 1, 0, 0, seq)).toISOString(),
    site: 'https://chat.example.org',
    frameUrl: 'https://chat.example.org/room',
    prevHash,
    ...patch,
  };
}

async function chain(n: number): Promise<LogEvent[]> {
  const out: LogEvent[] = [];
  let prev = '';
  for (let seq = 1; seq <= n; seq++) {
    const e = event(seq, prev);
    const hashed = { ...e, hash: await hashEvent(e) };
    out.push(hashed);
    prev = hashed.hash;
  }
  return out;
}

function withoutHash(e: LogEvent): UnhashedEvent {
  const copy: Partial<LogEvent> = { ...e };
  delete copy.hash;
  return copy as UnhashedEvent;
}

describe('hashEvent', () => {
  it('is SHA-256 hex over the canonical form, ignoring `hash` and a database `id`', async () => {
    const e = event(1, '');
    const h = await hashEvent(e);
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(await hashEvent({ ...e, hash: 'x', id: 7 } as UnhashedEvent)).toBe(h);
    const reordered = Object.fromEntries(Object.entries(e).reverse()) as UnhashedEvent;
    expect(await hashEvent(reordered)).toBe(h);
  });

  it.each([
    ['action', { action: 'allow' }],
    ['site', { site: 'https://other.example' }],
    ['a masked form', { findings: [{ type: 'CN_MOBILE', count: 1, masked: ['139****5678'] }] }],
    ['prevHash', { prevHash: 'f'.repeat(64) }],
    ['detail', { detail: 'x' }],
  ] as const)('changes when %s changes', async (_n, patch) => {
    const e = event(1, '');
    expect(await hashEvent({ ...e, ...patch } as UnhashedEvent)).not.toBe(await hashEvent(e));
  });
});

describe('verifyChain', () => {
  it('passes on an intact chain, and on an empty one', async () => {
    expect(await verifyChain(await chain(6))).toEqual([]);
    expect(await verifyChain([])).toEqual([]);
  });

  it('passes after a JSON round trip (what an exported file holds)', async () => {
    const events = JSON.parse(JSON.stringify(await chain(6))) as LogEvent[];
    expect(await verifyChain(events)).toEqual([]);
  });

  type Tamper = (events: LogEvent[]) => Promise<LogEvent[]> | LogEvent[];
  const TAMPERED: [string, Tamper, { seq: number; problem: RegExp }[]][] = [
    ['an edited field', (es) => ((es[2]!.action = 'allow'), es), [{ seq: 3, problem: /altered/ }]],
    [
      'an edited masked value',
      (es) => ((es[0]!.findings[0]!.masked = ['138****0000']), es),
      [{ seq: 1, problem: /altered/ }],
    ],
    [
      'an edit with its hash recomputed',
      async (es) => {
        const edited: UnhashedEvent = { ...withoutHash(es[2]!), action: 'allow' };
        es[2] = { ...edited, hash: await hashEvent(edited) };
        return es;
      },
      [{ seq: 4, problem: /previous hash/ }],
    ],
    [
      'a removed event (gap)',
      (es) => es.filter((e) => e.seq !== 3),
      [
        { seq: 4, problem: /gap after event 2/ },
        { seq: 4, problem: /previous hash/ },
      ],
    ],
    ['the first events removed', (es) => es.slice(2), [{ seq: 3, problem: /starts at event 3/ }]],
    [
      'two events swapped',
      (es) => [es[0]!, es[2]!, es[1]!, ...es.slice(3)],
      [
        { seq: 3, problem: /gap after event 1/ },
        { seq: 3, problem: /previous hash/ },
        { seq: 2, problem: /gap after event 3/ },
        { seq: 2, problem: /previous hash/ },
        { seq: 4, problem: /gap after event 2/ },
        { seq: 4, problem: /previous hash/ },
      ],
    ],
    [
      'a renumbered event',
      (es) => ((es[1]!.seq = 7), es),
      [
        { seq: 7, problem: /gap after event 1/ },
        { seq: 7, problem: /altered/ },
        { seq: 3, problem: /gap after event 7/ },
      ],
    ],
    [
      'a first event that claims a predecessor',
      async (es) => {
        const forged: UnhashedEvent = { ...withoutHash(es[0]!), prevHash: 'a'.repeat(64) };
        es[0] = { ...forged, hash: await hashEvent(forged) };
        return es;
      },
      [
        { seq: 1, problem: /first event/ },
        { seq: 2, problem: /previous hash/ },
      ],
    ],
  ];

  it.each(TAMPERED)('reports %s', async (_n, tamper, expected) => {
    const problems = await verifyChain(await tamper(await chain(6)));
    expect(problems).toHaveLength(expected.length);
    expected.forEach((x, i) => {
      expect(problems[i]!.seq).toBe(x.seq);
      expect(problems[i]!.problem).toMatch(x.problem);
    });
  });

  it('a prefix of the chain verifies (cutting the newest events needs an outside anchor)', async () => {
    expect(await verifyChain((await chain(6)).slice(0, 4))).toEqual([]);
  });
});
