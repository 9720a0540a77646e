import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createDetector } from '../../../utils/detect';
import {
  MAX_MASKED,
  originOf,
  stripUrl,
  summarise,
  validateReport,
  type DecisionReport,
} from '../../../utils/log/event';
import { maskValue } from '../../../utils/mask';

describe('stripUrl', () => {
  it.each([
    ['https://crm.example.com/clients/42?token=abc#row-7', 'https://crm.example.com/clients/42'],
    ['https://crm.example.com/?q=11010519531220544X', 'https://crm.example.com/'],
    ['https://crm.example.com', 'https://crm.example.com/'],
    ['http://intranet.local:8443/a/b#frag', 'http://intranet.local:8443/a/b'],
    ['https://user:secret@crm.example.com/x?y', 'https://crm.example.com/x'],
    ['HTTPS://CRM.Example.COM/Path', 'https://crm.example.com/Path'],
    ['http://[::1]:3000/p?x=1', 'http://[::1]:3000/p'],
    ['about:blank', 'about:blank'],
    ['about:blank?x=1#y', 'about:blank'],
    ['about:srcdoc', 'about:srcdoc'],
    // The body of a data: URL is the page itself: keep only what kind of data it was.
    ['data:text/html,<p>身份证 11010519531220544X</p>', 'data:text/html'],
    ['data:text/html;base64,PHA+aGk8L3A+', 'data:text/html'],
    ['data:,hello', 'data:'],
    [
      'blob:https://crm.example.com/6f1c7e1a-1b2c-4d5e-8f90-123456789abc',
      'blob:https://crm.example.com/6f1c7e1a-1b2c-4d5e-8f90-123456789abc',
    ],
    ['file:///C:/Users/zhang/clients.html?x#y', 'file:///C:/Users/zhang/clients.html'],
    ['file:///home/zhang/a%20b.html', 'file:///home/zhang/a%20b.html'],
    [
      'chrome-extension://abcdefghijklmnopabcdefghijklmnop/popup.html?x',
      'chrome-extension://abcdefghijklmnopabcdefghijklmnop/popup.html',
    ],
    ['not a url', ''],
    ['', ''],
    ['/relative/path?x', ''],
  ])('%j → %j', (url, expected) => {
    expect(stripUrl(url)).toBe(expected);
  });

  it('never keeps a query, fragment or credentials, whatever the scheme', () => {
    for (const scheme of [
      'https://h.example',
      'http://h.example',
      'file://',
      'about:blank',
      'blob:https://h.example',
    ]) {
      const out = stripUrl(`${scheme}/p?secret=1#secret2`.replace('about:blank/p', 'about:blank'));
      expect(out).not.toContain('secret');
    }
  });
});

describe('originOf', () => {
  it.each([
    ['https://crm.example.com/a?b', 'https://crm.example.com'],
    ['http://localhost:5173/', 'http://localhost:5173'],
    [undefined, ''],
    ['', ''],
    ['nonsense', ''],
  ])('%j → %j', (url, expected) => {
    expect(originOf(url)).toBe(expected);
  });
});

const privateKeyText = (
  JSON.parse(
    readFileSync(new URL('../../fixtures/detectors/PRIVATE_KEY.json', import.meta.url), 'utf8'),
  ) as { positive: { text: string }[] }
).positive[0]!.text;

function good(): DecisionReport {
  return {
    reportId: '0123456789abcdef0123456789abcdef',
    kind: 'paste',
    action: 'block',
    ruleId: 'block-identifiers',
    policyId: '0bc45874',
    findings: [
      { type: 'CN_ID', count: 1, masked: ['1101**********544X'] },
      { type: 'CN_MOBILE', count: 2, masked: ['138****5678', '139****0001'] },
      { type: 'EMAIL', count: 1, masked: ['z****@client-corp.com'] },
      { type: 'PRIVATE_KEY', count: 1, masked: [maskValue('PRIVATE_KEY', 'MIIEv...')] },
      { type: 'IPV4', count: 1, masked: [maskValue('IPV4', '192.168.100.254')] },
      {
        type: 'JWT',
        count: 1,
        masked: [maskValue('JWT', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.abc')],
      },
      {
        type: 'CLIENT_NAME',
        count: 1,
        masked: [maskValue('CLIENT_NAME', '阿里巴巴网络技术有限公司')],
      },
    ],
    length: 120,
  };
}

type Mutation = (r: Record<string, unknown> & { findings: Record<string, unknown>[] }) => void;
const finding0 = (r: Parameters<Mutation>[0]) => r.findings[0]!;

/** [case, mutation of a good report]: each must be refused. */
const REFUSED: [string, Mutation][] = [
  ['masked value without *', (r) => (finding0(r).masked = ['11010519531220544X'])],
  [
    'masked value that is a full ID number with a * added',
    (r) => (finding0(r).masked = ['11010519531220544X*']),
  ],
  [
    'masked value that is a full ID with a star inside',
    (r) => (finding0(r).masked = ['1101051953122*0544X']),
  ],
  ['masked phone with too much shown', (r) => (finding0(r).masked = ['1381234*5678'])],
  ['e-mail local part shown', (r) => (r.findings[2]!.masked = ['zhangwei1988@qq.com*'])],
  [
    'e-mail with the star only in the domain',
    (r) => (r.findings[2]!.masked = ['zhangwei1988@q*q.com']),
  ],
  [
    'fake private key marker',
    (r) => (r.findings[3]!.masked = ['-----BEGIN PRIVATE KEY-----MIIEvQIBADANBg']),
  ],
  ['masked value with a newline', (r) => (finding0(r).masked = ['1101****\n****544X'])],
  [
    'masked value with a control character',
    (r) => (finding0(r).masked = ['1101****\u0000****544X']),
  ],
  ['masked value too long', (r) => (finding0(r).masked = ['*'.repeat(81)])],
  ['masked value not a string', (r) => (finding0(r).masked = [1101])],
  ['masked not a list', (r) => (finding0(r).masked = '1101**********544X')],
  [
    'too many masked values',
    (r) => (finding0(r).masked = Array(MAX_MASKED + 1).fill('1101**********544X')),
  ],
  ['unknown finding type', (r) => (finding0(r).type = 'PHONE')],
  ['the same type twice', (r) => r.findings.push({ ...finding0(r) })],
  [
    'too many findings',
    (r) => (r.findings = Array.from({ length: 22 }, () => ({ ...finding0(r) }))),
  ],
  ['finding not an object', (r) => (r.findings = ['CN_ID'] as never)],
  ['findings not a list', (r) => (r.findings = {} as never)],
  ['negative count', (r) => (finding0(r).count = -1)],
  ['non-integer count', (r) => (finding0(r).count = 1.5)],
  ['count as a string', (r) => (finding0(r).count = '1')],
  [
    'count larger than the text (a number smuggled as a count)',
    (r) => (finding0(r).count = 11010519531220544),
  ],
  ['unknown kind', (r) => (r.kind = 'typing')],
  ['kind policy (only the background writes policy events)', (r) => (r.kind = 'policy')],
  ['unknown action', (r) => (r.action = 'deny')],
  ['reportId too short', (r) => (r.reportId = 'abc')],
  ['reportId with a space', (r) => (r.reportId = '0123456789 abcdef')],
  ['reportId not a string', (r) => (r.reportId = 12345678901)],
  ['ruleId with a newline', (r) => (r.ruleId = 'rule\n11010519531220544X')],
  ['ruleId too long', (r) => (r.ruleId = 'r'.repeat(65))],
  ['ruleId free text', (r) => (r.ruleId = '张三 13812345678')],
  ['ruleId empty', (r) => (r.ruleId = '')],
  ['ruleId a number', (r) => (r.ruleId = 5)],
  ['policyId not a digest', (r) => (r.policyId = '11010519531220544X')],
  ['policyId missing', (r) => delete r.policyId],
  ['negative length', (r) => (r.length = -1)],
  ['non-integer length', (r) => (r.length = 10.5)],
  ['length NaN', (r) => (r.length = NaN)],
  ['length Infinity', (r) => (r.length = Infinity)],
  ['extra big length (a number smuggled as a length)', (r) => (r.length = 11010519531220544)],
  ['length as a string', (r) => (r.length = '120')],
];

describe('validateReport', () => {
  it('accepts a good report and returns only the known fields', () => {
    const input = { ...good(), site: 'https://forged.example', frameUrl: 'x', seq: 1, hash: 'h' };
    expect(validateReport(input)).toEqual(good());
  });

  it.each([
    ['ruleId null', (r: DecisionReport) => (r.ruleId = null)],
    ['ruleId engine-limit', (r: DecisionReport) => (r.ruleId = 'engine-limit')],
    ['no findings', (r: DecisionReport) => (r.findings = [])],
    ['kind drop', (r: DecisionReport) => (r.kind = 'drop')],
    ['allow', (r: DecisionReport) => (r.action = 'allow')],
    [
      'five masked values',
      (r: DecisionReport) =>
        (r.findings[1] = {
          type: 'CN_MOBILE',
          count: 7,
          masked: ['138****0001', '138****0002', '138****0003', '138****0004', '138****0005'],
        }),
    ],
  ])('accepts a good report with %s', (_n, edit) => {
    const r = good();
    edit(r);
    expect(validateReport(r)).toEqual(r);
  });

  it.each([null, undefined, 'report', 42, []])('refuses %j', (v) => {
    expect(validateReport(v)).toBeNull();
  });

  it.each(REFUSED)('refuses %s', (_n, mutate) => {
    // Not vacuous: the same report unmutated is accepted.
    expect(validateReport(good())).not.toBeNull();
    const r = structuredClone(good()) as unknown as Parameters<Mutation>[0];
    mutate(r);
    expect(validateReport(r)).toBeNull();
  });

  it('accepts every masked form the engine produces for real detections', () => {
    const text = [
      '身份证 11010519531220544X 旧版身份证号码 310115500301890',
      '统一社会信用代码：915101075GQCH9GQRN 收款卡号：6212264727543815561',
      'Visa 4573 6203 2713 0393 邮箱：zhangwei1988@qq.com 手机 138-1234-5678',
      'aws_access_key_id = AKIANH5WL7KISQ62B36Z 护照号码：E70318294',
      privateKeyText,
    ].join('\n');
    const findings = createDetector().detect(text).findings;
    expect(new Set(findings.map((f) => f.type))).toEqual(
      new Set([
        'CN_ID',
        'CN_USCC',
        'BANK_CARD',
        'CREDIT_CARD',
        'EMAIL',
        'CN_MOBILE',
        'AWS_ACCESS_KEY',
        'CN_PASSPORT',
        'PRIVATE_KEY',
      ]),
    );
    const report = { ...good(), findings: summarise(findings), length: text.length };
    expect(validateReport(report)).toEqual(report);
  });
});

describe('summarise', () => {
  it('counts distinct masked forms per type, keeps at most MAX_MASKED, in first-seen order', () => {
    const f = (type: 'CN_MOBILE' | 'CN_ID', masked: string) => ({ type, masked });
    const phones = Array.from({ length: 7 }, (_, i) => f('CN_MOBILE', `139****000${i}`));
    expect(
      summarise([
        f('CN_ID', '1101**********544X'),
        ...phones,
        phones[0]!,
        f('CN_ID', '1101**********544X'),
      ]),
    ).toEqual([
      { type: 'CN_ID', count: 1, masked: ['1101**********544X'] },
      { type: 'CN_MOBILE', count: 7, masked: phones.slice(0, MAX_MASKED).map((p) => p.masked) },
    ]);
  });
  it('of nothing is empty', () => {
    expect(summarise([])).toEqual([]);
  });
});
