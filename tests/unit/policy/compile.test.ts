import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decide } from '../../../utils/decide';
import { createDetector } from '../../../utils/detect';
import {
  compilePolicy,
  DEFAULT_POLICY,
  policyId,
  validatePolicy,
  type CompiledPolicy,
  type Policy,
} from '../../../utils/policy';

function load(name: string): Policy {
  const raw: unknown = JSON.parse(
    readFileSync(new URL(`../../fixtures/policy/${name}`, import.meta.url), 'utf8'),
  );
  const r = validatePolicy(raw);
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.policy;
}

const detector = createDetector();

/** Texts × origins whose decisions must survive serialisation. */
const TEXTS = [
  '会议纪要：下周二讨论预算。',
  '张三 13812345678',
  '身份证 11010519531220544X',
  '收款卡号：6212264727543815561',
  'aws_access_key_id = AKIANH5WL7KISQ62B36Z',
  // Twelve distinct addresses that all mask to u***@client-corp.com.
  Array.from({ length: 12 }, (_, i) => `u${i}@client-corp.com`).join('\n'),
];
const ORIGINS = [
  'https://crm.acme.example',
  'https://wiki.acme-internal.example',
  'https://intranet.local:8443',
  'http://[::1]:3000',
  'https://chat.example.org',
  'https://paste.example.net',
  'null',
];

function decisions(p: CompiledPolicy) {
  return TEXTS.flatMap((t) => ORIGINS.map((o) => decide(detector.detect(t), o, p)));
}

describe('compilePolicy', () => {
  const policies: [string, CompiledPolicy][] = [
    ['default', compilePolicy(DEFAULT_POLICY, 'default')],
    ['full example', compilePolicy(load('full-example.json'), 'managed')],
  ];

  it.each(policies)('%s: a JSON round trip keeps the compiled form and its decisions', (_n, p) => {
    const copy = JSON.parse(JSON.stringify(p)) as CompiledPolicy;
    expect(copy).toEqual(p);
    expect(decisions(copy)).toEqual(decisions(p));
  });

  it.each(policies)('%s: structuredClone keeps the compiled form and its decisions', (_n, p) => {
    const copy = structuredClone(p);
    expect(copy).toEqual(p);
    expect(decisions(copy)).toEqual(decisions(p));
  });

  it('the round trip is not vacuous: the full example decides differently per site', () => {
    const p = policies[1]![1];
    const actions = new Set(decisions(p).map((d) => `${d.action}:${d.ruleId}`));
    expect([...actions].sort()).toEqual([
      'allow:approved-log',
      'allow:null',
      'block:block-ids-everywhere-but-crm',
      'redact:redact-keys',
      'warn:warn-contacts-on-chat',
    ]);
  });

  it('pre-parses host patterns and fills defaults', () => {
    const p = compilePolicy(load('full-example.json'), 'managed');
    expect(p.source).toBe('managed');
    expect(p.name).toBe('Acme policy 2026-11');
    expect(p.logAllowed).toBe(false);
    expect(p.approved).toEqual([
      { host: 'crm.acme.example', wildcard: false, port: null },
      { host: 'acme-internal.example', wildcard: true, port: null },
      { host: 'intranet.local', wildcard: false, port: '8443' },
      { host: '[::1]', wildcard: false, port: null },
    ]);
    expect(p.rules.map((r) => r.hosts)).toEqual([
      [],
      [
        { host: 'chat.example.org', wildcard: false, port: null },
        { host: 'slack.example', wildcard: true, port: null },
      ],
      [],
      [],
    ]);
    const noLogAllowed = { ...DEFAULT_POLICY, logAllowed: undefined };
    expect(compilePolicy(noLogAllowed, 'default').logAllowed).toBe(true);
  });
});

describe('policyId', () => {
  const reorder = (p: Policy): Policy =>
    JSON.parse(
      JSON.stringify(p, (_k, v: unknown) =>
        v && typeof v === 'object' && !Array.isArray(v)
          ? Object.fromEntries(Object.entries(v).reverse())
          : v,
      ),
    ) as Policy;

  it('is 8 hex digits and the same for the same policy', () => {
    expect(policyId(DEFAULT_POLICY)).toMatch(/^[0-9a-f]{8}$/);
    expect(policyId(structuredClone(DEFAULT_POLICY))).toBe(policyId(DEFAULT_POLICY));
    expect(compilePolicy(DEFAULT_POLICY, 'default').id).toBe(policyId(DEFAULT_POLICY));
  });

  it('does not depend on key order (the admin tool may write keys in any order)', () => {
    const reordered = reorder(load('full-example.json'));
    expect(Object.keys(reordered)[0]).not.toBe(Object.keys(load('full-example.json'))[0]);
    expect(policyId(reordered)).toBe(policyId(load('full-example.json')));
  });

  it('is the same before and after validation (validatePolicy rebuilds the object)', () => {
    const r = validatePolicy(DEFAULT_POLICY);
    expect(r.ok && policyId(r.policy)).toBe(policyId(DEFAULT_POLICY));
  });

  it('changes when anything that decides changes', () => {
    const id = policyId(DEFAULT_POLICY);
    const edits: ((p: Policy) => void)[] = [
      (p) => (p.rules[1]!.minCount = 11),
      (p) => (p.rules[0]!.action = 'warn'),
      (p) => p.approvedSites.push('crm.example.com'),
      (p) => p.rules[0]!.types.pop(),
      (p) => (p.logAllowed = false),
    ];
    for (const edit of edits) {
      const p = structuredClone(DEFAULT_POLICY);
      edit(p);
      expect(policyId(p)).not.toBe(id);
    }
  });

  it('of the frozen first default is pinned (old log entries name the policy by it)', () => {
    expect(policyId(load('v1-default.json'))).toBe('0bc45874');
    // The embedded default has grown since (more types, secrets, classification marks).
    expect(policyId(DEFAULT_POLICY)).not.toBe('0bc45874');
  });
});
