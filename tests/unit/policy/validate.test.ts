import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, validatePolicy, type Policy } from '../../../utils/policy';

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`../../fixtures/policy/${name}`, import.meta.url), 'utf8'));

/** A small valid policy that each bad case below breaks in exactly one place. */
function base(): Record<string, unknown> {
  return {
    version: 1,
    name: 'Test policy',
    approvedSites: ['crm.example.com'],
    rules: [{ id: 'r1', sites: 'unapproved', types: ['CN_ID'], action: 'block' }],
  };
}

function withTop(patch: Record<string, unknown>): Record<string, unknown> {
  return { ...base(), ...patch };
}

function withRule(patch: Record<string, unknown>): Record<string, unknown> {
  const rule = { id: 'r1', sites: 'unapproved', types: ['CN_ID'], action: 'block', ...patch };
  for (const [k, v] of Object.entries(rule))
    if (v === undefined) delete rule[k as keyof typeof rule];
  return { ...base(), rules: [rule] };
}

function errorsOf(input: unknown): string[] {
  const r = validatePolicy(input);
  if (r.ok) throw new Error('expected the policy to be rejected');
  return r.errors;
}

describe('validatePolicy accepts', () => {
  it('the embedded DEFAULT_POLICY, unchanged', () => {
    const r = validatePolicy(DEFAULT_POLICY);
    expect(r).toEqual({ ok: true, policy: DEFAULT_POLICY });
  });

  it('the frozen v1 default (tests/fixtures/policy/v1-default.json): the migration baseline', () => {
    const r = validatePolicy(fixture('v1-default.json'));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.policy.version).toBe(1);
    expect(r.policy.rules.map((x) => [x.id, x.action, x.minCount ?? 1])).toEqual([
      ['block-identifiers', 'block', 1],
      ['block-contact-lists', 'block', 10],
      ['log-contacts', 'allow', 1],
    ]);
  });

  it('a full example using every field', () => {
    const r = validatePolicy(fixture('full-example.json'));
    expect(r.ok ? [] : r.errors).toEqual([]);
    if (!r.ok) return;
    expect(r.policy.logAllowed).toBe(false);
    expect(r.policy.approvedSites).toHaveLength(4);
    expect(r.policy.rules[1]).toEqual({
      id: 'warn-contacts-on-chat',
      sites: 'hosts',
      hosts: ['chat.example.org', '*.slack.example'],
      types: ['CN_MOBILE', 'EMAIL'],
      minCount: 3,
      minConfidence: 'format',
      action: 'warn',
      message: { en: 'Several contacts: is this chat the right place?' },
    });
  });

  it('fills defaults: sites unapproved, name, approvedSites', () => {
    const r = validatePolicy({
      version: 1,
      rules: [{ id: 'a', types: ['EMAIL'], action: 'warn' }],
    });
    expect(r).toEqual({
      ok: true,
      policy: {
        version: 1,
        name: 'Unnamed policy',
        approvedSites: [],
        rules: [{ id: 'a', sites: 'unapproved', types: ['EMAIL'], action: 'warn' }],
      } satisfies Policy,
    });
  });

  it('returns a fresh object: later edits of the input do not reach the policy', () => {
    const input = base();
    const r = validatePolicy(input);
    (input.approvedSites as string[]).push('evil.example');
    expect(r.ok && r.policy.approvedSites).toEqual(['crm.example.com']);
  });
});

const long = 'x'.repeat(501);

/** [case, input, an error that must be reported (exact)]. */
const REJECTED: [string, unknown, string][] = [
  ['null', null, 'policy: must be a JSON object'],
  ['an array', [base()], 'policy: must be a JSON object'],
  ['a string', JSON.stringify(base()), 'policy: must be a JSON object'],
  ['version 2', withTop({ version: 2 }), 'version: must be 1 (got 2)'],
  ['version "1"', withTop({ version: '1' }), 'version: must be 1 (got "1")'],
  ['no version', withTop({ version: undefined }), 'version: must be 1 (got undefined)'],
  ['name not a string', withTop({ name: 5 }), 'name: must be a string'],
  ['unknown top-level field', withTop({ approvedSite: [] }), 'approvedSite: unknown field'],
  [
    '__proto__ at the top',
    JSON.parse('{"version":1,"rules":[],"__proto__":{"x":1}}'),
    '__proto__: unknown field',
  ],
  ['logAllowed not boolean', withTop({ logAllowed: 'yes' }), 'logAllowed: must be true or false'],
  ['rules missing', withTop({ rules: undefined }), 'rules: must be a list of rules'],
  ['rules an object', withTop({ rules: {} }), 'rules: must be a list of rules'],
  ['rule not an object', withTop({ rules: ['block'] }), 'rules[0]: must be an object'],
  [
    'approvedSites a string',
    withTop({ approvedSites: 'crm.example.com' }),
    'approvedSites: must be a list of host patterns',
  ],
  [
    'approvedSites entry a number',
    withTop({ approvedSites: [42] }),
    'approvedSites[0]: must be a string',
  ],
  [
    'approvedSites entry a URL',
    withTop({ approvedSites: ['crm.example.com', 'https://crm.example.com/app'] }),
    'approvedSites[1]: "https://crm.example.com/app" must be a host such as example.com or *.example.com, not a URL',
  ],
  [
    'approvedSites entry with a path',
    withTop({ approvedSites: ['crm.example.com/app'] }),
    'approvedSites[0]: "crm.example.com/app" must be a host such as example.com or *.example.com, not a URL',
  ],
  [
    'approvedSites entry empty',
    withTop({ approvedSites: [''] }),
    'approvedSites[0]: empty host pattern',
  ],
  [
    'approvedSites entry blank',
    withTop({ approvedSites: ['  '] }),
    'approvedSites[0]: empty host pattern',
  ],
  [
    'approvedSites entry a bare *',
    withTop({ approvedSites: ['*'] }),
    'approvedSites[0]: "*" is not a host pattern (use example.com, *.example.com or host:port)',
  ],
  [
    'approvedSites wildcard in the middle',
    withTop({ approvedSites: ['crm.*.example.com'] }),
    'approvedSites[0]: "crm.*.example.com" is not a host pattern (use example.com, *.example.com or host:port)',
  ],
  [
    'approvedSites port out of range',
    withTop({ approvedSites: ['crm.example.com:70000'] }),
    'approvedSites[0]: "crm.example.com:70000": port must be 1-65535',
  ],
  [
    'unknown field in a rule',
    withRule({ minconfidence: 'context' }),
    'rules[0].minconfidence: unknown field',
  ],
  [
    'rule id missing',
    withRule({ id: undefined }),
    'rules[0].id: must be 1-64 letters, digits or _ . : -',
  ],
  [
    'rule id with a space',
    withRule({ id: 'block ids' }),
    'rules[0].id: must be 1-64 letters, digits or _ . : -',
  ],
  [
    'duplicate rule id',
    withTop({
      rules: [
        { id: 'same', types: ['CN_ID'], action: 'block' },
        { id: 'same', types: ['EMAIL'], action: 'allow' },
      ],
    }),
    'rules[1].id: "same" is used by another rule',
  ],
  [
    'unknown sites',
    withRule({ sites: 'everywhere' }),
    'rules[0].sites: must be one of unapproved, approved, all, hosts',
  ],
  [
    'hosts without sites "hosts"',
    withRule({ hosts: ['chat.example.org'] }),
    'rules[0].hosts: only allowed when sites is "hosts"',
  ],
  [
    'sites "hosts" without hosts',
    withRule({ sites: 'hosts' }),
    'rules[0].hosts: required when sites is "hosts"',
  ],
  [
    'rule host a URL',
    withRule({ sites: 'hosts', hosts: ['http://chat.example.org'] }),
    'rules[0].hosts[0]: "http://chat.example.org" must be a host such as example.com or *.example.com, not a URL',
  ],
  [
    'rule host empty',
    withRule({ sites: 'hosts', hosts: [''] }),
    'rules[0].hosts[0]: empty host pattern',
  ],
  [
    'types empty',
    withRule({ types: [] }),
    'rules[0].types: must be a non-empty list of finding types',
  ],
  [
    'types not a list',
    withRule({ types: 'CN_ID' }),
    'rules[0].types: must be a non-empty list of finding types',
  ],
  [
    'unknown type',
    withRule({ types: ['CN_ID', 'PHONE'] }),
    'rules[0].types[1]: unknown type "PHONE"',
  ],
  ['type in lower case', withRule({ types: ['cn_id'] }), 'rules[0].types[0]: unknown type "cn_id"'],
  [
    'bad action',
    withRule({ action: 'deny' }),
    'rules[0].action: must be one of allow, warn, redact, block',
  ],
  [
    'action missing',
    withRule({ action: undefined }),
    'rules[0].action: must be one of allow, warn, redact, block',
  ],
  ['minCount 0', withRule({ minCount: 0 }), 'rules[0].minCount: must be a whole number ≥ 1'],
  ['minCount 1.5', withRule({ minCount: 1.5 }), 'rules[0].minCount: must be a whole number ≥ 1'],
  ['minCount "10"', withRule({ minCount: '10' }), 'rules[0].minCount: must be a whole number ≥ 1'],
  ['minCount -3', withRule({ minCount: -3 }), 'rules[0].minCount: must be a whole number ≥ 1'],
  [
    'minConfidence unknown',
    withRule({ minConfidence: 'high' }),
    'rules[0].minConfidence: must be one of format, validated, context',
  ],
  [
    'message a string',
    withRule({ message: 'no' }),
    'rules[0].message: must be an object like {"en": "…", "zh_CN": "…"}',
  ],
  [
    'message unknown language',
    withRule({ message: { en: 'ok', fr: 'non' } }),
    'rules[0].message.fr: unknown language (use en or zh_CN)',
  ],
  [
    'message zh (not zh_CN)',
    withRule({ message: { zh: '不' } }),
    'rules[0].message.zh: unknown language (use en or zh_CN)',
  ],
  [
    'message text not a string',
    withRule({ message: { en: 5 } }),
    'rules[0].message.en: must be a string',
  ],
  [
    'message too long',
    withRule({ message: { zh_CN: long } }),
    'rules[0].message.zh_CN: longer than 500 characters',
  ],
];

describe('validatePolicy rejects with an error naming the field', () => {
  it.each(REJECTED)('%s', (_name, input, expected) => {
    const errors = errorsOf(input);
    // Unknown types list the known ones after the name; compare the part that names the field.
    expect(errors.some((e) => e === expected || e.startsWith(`${expected} (known: `))).toBe(true);
  });

  it.each(REJECTED)('%s: every error starts with the path of a field', (_name, input) => {
    for (const e of errorsOf(input))
      expect(e).toMatch(/^(policy|[\w$]+)(\[\d+\])?(\.\w+(\[\d+\])?)*: \S/);
  });

  it('a 500-character message is still accepted (the limit is inclusive)', () => {
    expect(validatePolicy(withRule({ message: { en: 'x'.repeat(500) } })).ok).toBe(true);
  });

  it('reports every mistake at once, not just the first', () => {
    const errors = errorsOf({
      version: 1,
      approvedSites: ['https://a.example'],
      rules: [{ id: 'x', types: ['NOPE'], action: 'deny', minCount: 0 }],
      extra: true,
    });
    expect(errors.map((e) => e.split(':')[0])).toEqual([
      'approvedSites[0]',
      'rules[0].types[0]',
      'rules[0].minCount',
      'rules[0].action',
      'extra',
    ]);
  });

  it('an invalid rule is never kept partially', () => {
    const r = validatePolicy(
      withTop({
        rules: [
          { id: 'good', types: ['CN_ID'], action: 'block' },
          { id: 'bad', types: ['CN_ID'], action: 'nope' },
        ],
      }),
    );
    expect(r.ok).toBe(false);
  });
});
