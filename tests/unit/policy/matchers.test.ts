/**
 * The policy's own matchers: admin keywords, admin patterns and the client list — how they
 * are validated (errors that name the field), compiled, turned into a frame's detector, and
 * selected by rules (`groups`).
 */
import { describe, expect, it } from 'vitest';
import { buildClientList, keyFromHex } from '../../../utils/detect/client-list';
import { decide } from '../../../utils/decide';
import { compilePolicy } from '../../../utils/policy/compile';
import { DEFAULT_POLICY } from '../../../utils/policy/default-policy';
import { createPolicyDetector, keywordGroups } from '../../../utils/policy/matchers';
import type { Policy } from '../../../utils/policy/types';
import { validatePolicy } from '../../../utils/policy/validate';

const KEY = '636c69656e7467756172642d756e69742d746573742d6b65792d7075626c6963';
const OTHER_KEY = 'ff'.repeat(32);
const LIST = buildClientList(
  ['示例科技有限公司', 'Example Trading Co., Ltd.', '张三'],
  keyFromHex(KEY),
  {
    salt: new Uint8Array(16).fill(7),
  },
).file;

const base = { version: 1, name: 'Test', approvedSites: ['crm.example.cn'] };

function errorsOf(policy: unknown): string[] {
  const r = validatePolicy(policy);
  return r.ok ? [] : r.errors;
}

function valid(policy: unknown): Policy {
  const r = validatePolicy(policy);
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.policy;
}

describe('validation of keywords, patterns and the client list', () => {
  it('accepts a policy with all three, the list as text or as the parsed file', () => {
    for (const list of [LIST, JSON.parse(LIST) as Record<string, unknown>]) {
      const p = valid({
        ...base,
        keywords: [
          { id: 'classification', builtin: 'classification-marks' },
          { id: 'projects', words: ['Project Falcon', '猎鹰计划'] },
        ],
        patterns: [{ id: 'acct', pattern: 'ACCT-\\d{6}', flags: 'i' }],
        clientList: { key: KEY, list },
        rules: [
          { id: 'codes', types: ['KEYWORD'], groups: ['projects'], action: 'block' },
          { id: 'clients', types: ['CLIENT_NAME', 'CUSTOM_PATTERN'], action: 'block' },
        ],
      });
      expect(p.keywords).toHaveLength(2);
      expect(p.patterns).toHaveLength(1);
      expect(p.clientList?.key).toBe(KEY);
    }
  });

  it.each([
    ['keywords not a list', { keywords: {} }, /^keywords: must be a list/],
    ['group without words or builtin', { keywords: [{ id: 'g' }] }, /^keywords\[0\]: needs words/],
    [
      'unknown builtin',
      { keywords: [{ id: 'g', builtin: 'top-secret' }] },
      /^keywords\[0\]\.builtin: must be one of classification-marks/,
    ],
    ['bad group id', { keywords: [{ id: 'a b', words: ['x'] }] }, /^keywords\[0\]\.id: must be/],
    [
      'unknown group field',
      { keywords: [{ id: 'g', words: ['xy'], case: true }] },
      /^keywords\[0\]\.case: unknown field/,
    ],
    [
      'an empty word',
      { keywords: [{ id: 'g', words: ['ok', ''] }] },
      /^keywords: keyword group 'g' words\[1\]: is empty/,
    ],
    [
      'a pattern that is not a string',
      { patterns: [{ id: 'p', pattern: 5 }] },
      /^patterns\[0\]\.pattern: must be a string/,
    ],
    [
      'a back-reference',
      { patterns: [{ id: 'p', pattern: '(a)\\1' }] },
      /^patterns\[0\]\.pattern \('p'\): .*back-reference/,
    ],
    [
      'a pattern that matches nothing at all',
      { patterns: [{ id: 'p', pattern: 'a*' }] },
      /^patterns\[0\]\.pattern \('p'\): .*empty string/,
    ],
    [
      'a bad flag',
      { patterns: [{ id: 'p', pattern: 'ab', flags: 'x' }] },
      /^patterns\[0\]\.pattern \('p'\): unsupported flag 'x'/,
    ],
    [
      'an id used twice',
      { keywords: [{ id: 'x', words: ['ab'] }], patterns: [{ id: 'x', pattern: 'ab' }] },
      /^patterns\[0\]\.id: "x" is used by another group or pattern/,
    ],
    ['client list not an object', { clientList: 'file' }, /^clientList: must be an object/],
    ['client list without key', { clientList: { list: LIST } }, /^clientList\.key: must be/],
    [
      'client list key not hex',
      { clientList: { key: 'secret', list: LIST } },
      /^clientList: the client-list key must be written as hex/,
    ],
    [
      'client list with another key',
      { clientList: { key: OTHER_KEY, list: LIST } },
      /^clientList: the client list was hashed with a different key/,
    ],
    [
      'a damaged client list',
      {
        clientList: {
          key: KEY,
          list: LIST.replace(/"data":"(.)/, (_m, c: string) => `"data":"${c === 'A' ? 'B' : 'A'}`),
        },
      },
      /^clientList: .*(damaged|checksum)/,
    ],
    ['not a client list', { clientList: { key: KEY, list: '{"format":"csv"}' } }, /^clientList: /],
  ])('rejects %s with a readable error', (_name, extra, message) => {
    const errors = errorsOf({ ...base, rules: [], ...extra });
    expect(errors.length).toBeGreaterThan(0);
    expect(
      errors.some((e) => message.test(e)),
      errors.join('\n'),
    ).toBe(true);
  });

  it('rejects rule groups that name nothing, or a rule that cannot have groups', () => {
    expect(
      errorsOf({
        ...base,
        keywords: [{ id: 'g', words: ['ab'] }],
        rules: [
          { id: 'a', types: ['KEYWORD'], groups: ['nope'], action: 'block' },
          { id: 'b', types: ['CN_ID'], groups: ['g'], action: 'block' },
        ],
      }),
    ).toEqual([
      'rules[1].groups: only applies to rules whose types include KEYWORD or CUSTOM_PATTERN',
      'rules[0].groups[0]: no keyword group or pattern has the id "nope"',
    ]);
  });
});

describe('the detector of a compiled policy', () => {
  const policy = compilePolicy(
    valid({
      ...base,
      keywords: [
        { id: 'classification', builtin: 'classification-marks' },
        { id: 'projects', words: ['Project Falcon'] },
      ],
      patterns: [{ id: 'acct', pattern: 'ACCT-\\d{6}' }],
      clientList: { key: KEY, list: LIST },
      rules: [
        { id: 'block-projects', types: ['KEYWORD'], groups: ['projects'], action: 'block' },
        { id: 'block-clients', types: ['CLIENT_NAME'], action: 'block' },
        { id: 'log-marks', types: ['KEYWORD'], groups: ['classification'], action: 'allow' },
      ],
    }),
    'managed',
    3,
  );

  it('compiles without the list itself: only its size and digest travel with the policy', () => {
    expect(policy.clientList).toEqual({
      entries: 3,
      digest: expect.stringMatching(/^[0-9a-f]{8}$/),
    });
    expect(JSON.stringify(policy)).not.toContain('"data"');
    expect(policy.keywords[0]!.words).toContain('绝密');
  });

  it('finds keywords, patterns and client names, with the group or pattern id as rule', async () => {
    const { loadClientList } = await import('../../../utils/detect/client-list');
    const detector = createPolicyDetector(policy, loadClientList(LIST, KEY));
    const text = '【机密】示例科技有限公司 Project Falcon 账户 ACCT-123456';
    const found = detector
      .detect(text)
      .findings.map((f) => [f.type, f.rule ?? null, text.slice(f.start, f.end)]);
    expect(found).toEqual([
      ['KEYWORD', 'classification', '机密'],
      ['CLIENT_NAME', null, '示例科技有限公司'],
      ['KEYWORD', 'projects', 'Project Falcon'],
      ['CUSTOM_PATTERN', 'acct', 'ACCT-123456'],
    ]);
  });

  it('without the list, finds the rest and no client names', () => {
    const found = createPolicyDetector(policy).detect('示例科技有限公司 绝密').findings;
    expect(found.map((f) => f.type)).toEqual(['KEYWORD']);
  });

  it('decides by groups: a classification mark is only logged, a code name is blocked', () => {
    const detector = createPolicyDetector(policy);
    const mark = decide(detector.detect('本文件为机密'), 'https://chat.example.net', policy);
    expect([mark.action, mark.ruleId]).toEqual(['allow', 'log-marks']);
    const code = decide(
      detector.detect('about Project Falcon'),
      'https://chat.example.net',
      policy,
    );
    expect([code.action, code.ruleId]).toEqual(['block', 'block-projects']);
    const approved = decide(
      detector.detect('about Project Falcon'),
      'https://crm.example.cn',
      policy,
    );
    expect(approved.action).toBe('allow');
  });
});

describe('the embedded default policy', () => {
  const policy = compilePolicy(DEFAULT_POLICY, 'default');
  const detector = createPolicyDetector(policy);
  const at = 'https://chat.example.net';

  it.each([
    ['a resident ID', '身份证 11010519491231002X', 'block', 'block-identifiers'],
    ['a passport', '护照号 E39281746', 'block', 'block-identifiers'],
    ['an AWS key', 'aws_access_key_id=AKIAZ7QH3N2LXKWP4TRM', 'block', 'block-secrets'],
    ['a classification mark', '【绝密】季度计划', 'allow', 'log-classified'],
    ['one phone', '电话 13912345678', 'allow', 'log-contacts'],
    ['nothing', '会议改到下午三点', 'allow', null],
  ])('%s → %s', (_name, text, action, rule) => {
    const d = decide(detector.detect(text), at, policy);
    expect([d.action, d.ruleId]).toEqual([action, rule]);
  });

  it('expands the built-in classification marks', () => {
    expect(keywordGroups(DEFAULT_POLICY.keywords!)[0]!.words).toEqual([
      '机密',
      '绝密',
      '秘密',
      '内部',
      '商业秘密',
      'CONFIDENTIAL',
      'STRICTLY CONFIDENTIAL',
    ]);
  });
});
