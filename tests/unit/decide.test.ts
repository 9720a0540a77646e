import { describe, expect, it } from 'vitest';
import { decide, type Decision } from '../../utils/decide';
import { createDetector, type DetectResult, type Finding } from '../../utils/detect';
import {
  compilePolicy,
  DEFAULT_POLICY,
  validatePolicy,
  type CompiledPolicy,
  type Policy,
} from '../../utils/policy';

const detector = createDetector();

function compile(p: unknown): CompiledPolicy {
  const r = validatePolicy(p);
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return compilePolicy(r.policy, 'managed');
}

/** `n` distinct mobile numbers whose masked forms differ too (139****0001, …). */
const phones = (n: number, from = 1) =>
  Array.from({ length: n }, (_, i) => `139123${String(from + i).padStart(5, '0')}`);
/** `n` distinct e-mail addresses with distinct masked forms (a***@…, b***@…). */
const emails = (n: number) =>
  Array.from({ length: n }, (_, i) => `${String.fromCharCode(97 + i)}ang@client-corp.com`);
const sheet = (values: string[]) => values.map((v, i) => `客户${i + 1}\t${v}`).join('\n');

const TEXT = {
  none: '会议纪要：下周二下午讨论预算，地点三楼会议室。',
  phone: '请联系张经理 13812345678',
  contacts9: sheet([...phones(5), ...emails(4)]),
  contacts10: sheet([...phones(5), ...emails(5)]),
  // Ten different people at one client: their addresses all mask to z****@client-corp.com.
  contacts10SameMask: sheet(
    ['zhang', 'zheng', 'zhong', 'zhuang', 'zhaoo', 'zhouu', 'zhuuu', 'zhaaa', 'zheee', 'zhiii'].map(
      (n) => `${n}@client-corp.com`,
    ),
  ),
  samePhone10: sheet(Array.from({ length: 10 }, () => '13812345678')),
  samePhoneTwoWays: '138 1234 5678 / 13812345678',
  id: '客户身份证号码：11010519531220544X',
  card: '收款卡号：6212264727543815561',
  idAndContacts10: `身份证 11010519531220544X\n${sheet([...phones(5), ...emails(5)])}`,
  phoneAndCard: '张三 13812345678 卡号 6212264727543815561',
  email: '抄送 li.na@client-corp.com',
};
type TextName = keyof typeof TEXT;

const results = Object.fromEntries(
  Object.entries(TEXT).map(([k, t]) => [k, detector.detect(t)]),
) as Record<TextName, DetectResult>;

it('the fixture texts hold what their names say', () => {
  const types = (k: TextName) => results[k].findings.map((f) => f.type);
  expect(types('none')).toEqual([]);
  expect(types('phone')).toEqual(['CN_MOBILE']);
  expect(results.contacts9.counts).toEqual({ CN_MOBILE: 5, EMAIL: 4 });
  expect(results.contacts10.counts).toEqual({ CN_MOBILE: 5, EMAIL: 5 });
  expect(results.contacts10SameMask.counts).toEqual({ EMAIL: 10 });
  expect(new Set(results.contacts10SameMask.findings.map((f) => f.masked)).size).toBeLessThan(10);
  expect(results.samePhone10.counts).toEqual({ CN_MOBILE: 1 });
  expect(results.samePhoneTwoWays.counts).toEqual({ CN_MOBILE: 1 });
  expect(types('id')).toEqual(['CN_ID']);
  expect(types('card')).toEqual(['BANK_CARD']);
  expect(types('phoneAndCard')).toEqual(['CN_MOBILE', 'BANK_CARD']);
  expect(types('email')).toEqual(['EMAIL']);
});

const CRM = 'https://crm.acme.example';
const CHAT = 'https://chat.example.org';
const PASTE = 'https://paste.example.net';

const defaultPolicy = compilePolicy(DEFAULT_POLICY, 'default');
const defaultApproved = compile({ ...DEFAULT_POLICY, approvedSites: ['crm.acme.example'] });

const custom: Policy = {
  version: 1,
  name: 'custom',
  approvedSites: ['crm.acme.example'],
  rules: [
    { id: 'warn-phone', sites: 'all', types: ['CN_MOBILE'], action: 'warn' },
    { id: 'redact-phone', sites: 'unapproved', types: ['CN_MOBILE'], action: 'redact' },
    // Same severity as warn-phone and later: never the deciding rule while warn-phone matches.
    { id: 'warn-phone-again', sites: 'all', types: ['CN_MOBILE'], action: 'warn' },
    {
      id: 'block-id-on-chat',
      sites: 'hosts',
      hosts: ['chat.example.org'],
      types: ['CN_ID'],
      action: 'block',
      message: { en: 'No IDs in chat.', zh_CN: '聊天中不得出现身份证号。' },
    },
    { id: 'warn-id', sites: 'all', types: ['CN_ID'], action: 'warn' },
    { id: 'block-card-unapproved', sites: 'unapproved', types: ['BANK_CARD'], action: 'block' },
    { id: 'allow-email', sites: 'all', types: ['EMAIL'], action: 'allow' },
  ],
};
const customPolicy = compile(custom);
const customNoLog = compile({ ...custom, logAllowed: false });
const defaultNoLog = compile({ ...DEFAULT_POLICY, logAllowed: false });

interface Row {
  policy: [string, CompiledPolicy];
  origin: string;
  text: TextName;
  action: Decision['action'];
  ruleId: string | null;
  log: boolean;
  /** Types of the findings the decision carries. */
  found: string[];
}

const P = {
  default: ['default', defaultPolicy],
  defaultApproved: ['default+crm approved', defaultApproved],
  defaultNoLog: ['default, logAllowed false', defaultNoLog],
  custom: ['custom', customPolicy],
  customNoLog: ['custom, logAllowed false', customNoLog],
} as const satisfies Record<string, [string, CompiledPolicy]>;

const r = (
  policy: [string, CompiledPolicy],
  origin: string,
  text: TextName,
  action: Decision['action'],
  ruleId: string | null,
  log: boolean,
  found: string[],
): Row => ({ policy, origin, text, action, ruleId, log, found });

const MOBILE = 'CN_MOBILE';
const EMAIL = 'EMAIL';
const contacts = (nPhones: number, nEmails: number) => [
  ...Array<string>(nPhones).fill(MOBILE),
  ...Array<string>(nEmails).fill(EMAIL),
];

const TABLE: Row[] = [
  // Default policy, unapproved site.
  r(P.default, PASTE, 'none', 'allow', null, false, []),
  r(P.default, PASTE, 'phone', 'allow', 'log-contacts', true, [MOBILE]),
  r(P.default, PASTE, 'contacts9', 'allow', 'log-contacts', true, contacts(5, 4)),
  r(P.default, PASTE, 'contacts10', 'block', 'block-contact-lists', true, contacts(5, 5)),
  r(P.default, PASTE, 'contacts10SameMask', 'block', 'block-contact-lists', true, contacts(0, 10)),
  r(P.default, PASTE, 'samePhone10', 'allow', 'log-contacts', true, contacts(10, 0)),
  r(P.default, PASTE, 'samePhoneTwoWays', 'allow', 'log-contacts', true, contacts(2, 0)),
  r(P.default, PASTE, 'id', 'block', 'block-identifiers', true, ['CN_ID']),
  r(P.default, PASTE, 'card', 'block', 'block-identifiers', true, ['BANK_CARD']),
  // Two block rules match: the earlier wins and its findings are the ones reported.
  r(P.default, PASTE, 'idAndContacts10', 'block', 'block-identifiers', true, ['CN_ID']),
  r(P.default, PASTE, 'phoneAndCard', 'block', 'block-identifiers', true, ['BANK_CARD']),
  // Opaque origins are unapproved.
  r(P.default, 'null', 'id', 'block', 'block-identifiers', true, ['CN_ID']),
  // Default rules only cover unapproved sites: on the CRM everything passes (and is logged).
  r(P.defaultApproved, CRM, 'id', 'allow', null, true, ['CN_ID']),
  r(P.defaultApproved, CRM, 'contacts10', 'allow', null, true, contacts(5, 5)),
  r(P.defaultApproved, CRM, 'none', 'allow', null, false, []),
  r(P.defaultApproved, PASTE, 'card', 'block', 'block-identifiers', true, ['BANK_CARD']),
  // logAllowed false: allowed pastes are not logged, blocks always are.
  r(P.defaultNoLog, PASTE, 'phone', 'allow', 'log-contacts', false, [MOBILE]),
  r(P.defaultNoLog, PASTE, 'contacts10', 'block', 'block-contact-lists', true, contacts(5, 5)),
  r(P.defaultNoLog, PASTE, 'id', 'block', 'block-identifiers', true, ['CN_ID']),
  // Custom policy: the most severe action wins, among equals the earlier rule.
  r(P.custom, PASTE, 'phone', 'redact', 'redact-phone', true, [MOBILE]),
  r(P.custom, CRM, 'phone', 'warn', 'warn-phone', true, [MOBILE]),
  r(P.custom, CHAT, 'phone', 'redact', 'redact-phone', true, [MOBILE]),
  r(P.custom, CHAT, 'id', 'block', 'block-id-on-chat', true, ['CN_ID']),
  r(P.custom, PASTE, 'id', 'warn', 'warn-id', true, ['CN_ID']),
  r(P.custom, CRM, 'id', 'warn', 'warn-id', true, ['CN_ID']),
  r(P.custom, PASTE, 'card', 'block', 'block-card-unapproved', true, ['BANK_CARD']),
  r(P.custom, CRM, 'card', 'allow', null, true, ['BANK_CARD']),
  r(P.custom, PASTE, 'phoneAndCard', 'block', 'block-card-unapproved', true, ['BANK_CARD']),
  r(P.custom, CRM, 'phoneAndCard', 'warn', 'warn-phone', true, [MOBILE]),
  r(P.custom, PASTE, 'email', 'allow', 'allow-email', true, [EMAIL]),
  r(P.custom, PASTE, 'none', 'allow', null, false, []),
  r(P.customNoLog, PASTE, 'email', 'allow', 'allow-email', false, [EMAIL]),
  r(P.customNoLog, CRM, 'card', 'allow', null, false, ['BANK_CARD']),
  r(P.customNoLog, PASTE, 'phone', 'redact', 'redact-phone', true, [MOBILE]),
  r(P.customNoLog, CRM, 'phone', 'warn', 'warn-phone', true, [MOBILE]),
  r(P.customNoLog, CHAT, 'id', 'block', 'block-id-on-chat', true, ['CN_ID']),
];

describe('decide', () => {
  it.each(TABLE.map((row) => [row.policy[0], row.origin, row.text, row.action, row.ruleId, row]))(
    '%s | %s | %s → %s (%s)',
    (_p, _o, _t, _a, _r, row) => {
      const d = decide(results[row.text], row.origin, row.policy[1]);
      expect({
        action: d.action,
        ruleId: d.ruleId,
        log: d.log,
        found: d.findings.map((f) => f.type),
      }).toEqual({ action: row.action, ruleId: row.ruleId, log: row.log, found: row.found });
      expect(d.approved).toBe(row.origin === CRM && row.policy[1].approved.length > 0);
    },
  );

  it('carries the deciding rule’s message', () => {
    const d = decide(results.id, CHAT, customPolicy);
    expect(d.message).toEqual({ en: 'No IDs in chat.', zh_CN: '聊天中不得出现身份证号。' });
    expect(decide(results.id, PASTE, customPolicy).message).toBeNull();
    expect(decide(results.none, PASTE, customPolicy).message).toBeNull();
  });

  it('the findings of a decision are those of the input, unmodified', () => {
    const d = decide(results.phoneAndCard, PASTE, defaultPolicy);
    expect(d.findings).toEqual([results.phoneAndCard.findings[1]]);
  });
});

describe('decide: confidence', () => {
  const f = (
    type: Finding['type'],
    masked: string,
    confidence: Finding['confidence'],
  ): Finding => ({
    type,
    start: 0,
    end: 1,
    confidence,
    masked,
  });
  const result = (findings: Finding[], counts: DetectResult['counts']): DetectResult => ({
    findings,
    counts,
    truncated: false,
  });
  const contextOnly = compile({
    version: 1,
    rules: [{ id: 'ctx', types: ['CN_MOBILE'], minConfidence: 'context', action: 'block' }],
  });
  const ten = (confidence: Finding['confidence']) =>
    Array.from({ length: 10 }, (_, i) => f('CN_MOBILE', `139****${1000 + i}`, confidence));

  it.each([
    [
      'format finding, default minConfidence validated',
      defaultPolicy,
      [f('CN_ID', '1101**********544X', 'format')],
      { CN_ID: 1 },
      'allow',
      null,
    ],
    [
      'validated finding, default minConfidence',
      defaultPolicy,
      [f('CN_ID', '1101**********544X', 'validated')],
      { CN_ID: 1 },
      'block',
      'block-identifiers',
    ],
    [
      'validated finding, rule wants context',
      contextOnly,
      [f('CN_MOBILE', '138****5678', 'validated')],
      { CN_MOBILE: 1 },
      'allow',
      null,
    ],
    [
      'context finding, rule wants context',
      contextOnly,
      [f('CN_MOBILE', '138****5678', 'context')],
      { CN_MOBILE: 1 },
      'block',
      'ctx',
    ],
    [
      '10 phones, one only format: 9 count',
      defaultPolicy,
      [...ten('validated').slice(0, 9), f('CN_MOBILE', '139****2000', 'format')],
      { CN_MOBILE: 10 },
      'allow',
      'log-contacts',
    ],
    [
      '10 phones, all validated',
      defaultPolicy,
      ten('validated'),
      { CN_MOBILE: 10 },
      'block',
      'block-contact-lists',
    ],
    [
      '10 phones sharing a mask, all validated (engine counts 10)',
      defaultPolicy,
      ten('validated').map((x) => ({ ...x, masked: '139****1000' })),
      { CN_MOBILE: 10 },
      'block',
      'block-contact-lists',
    ],
    [
      '10 phones sharing a mask, 1 format: at least 9',
      defaultPolicy,
      [...ten('validated').slice(0, 9), f('CN_MOBILE', '139****1000', 'format')].map((x) => ({
        ...x,
        masked: '139****1000',
      })),
      { CN_MOBILE: 10 },
      'allow',
      'log-contacts',
    ],
  ] as const)('%s', (_n, policy, findings, counts, action, ruleId) => {
    const d = decide(result([...findings], counts), PASTE, policy);
    expect([d.action, d.ruleId]).toEqual([action, ruleId]);
    if (ruleId !== null) for (const x of d.findings) expect(x.confidence).not.toBe('format');
  });
});

describe('decide: text the engine could not scan to the end', () => {
  const truncated = (k: TextName): DetectResult => ({ ...results[k], truncated: true });
  const lenient = compile({
    version: 1,
    rules: [
      { id: 'warn-phone', types: ['CN_MOBILE'], action: 'warn' },
      { id: 'redact-email', types: ['EMAIL'], action: 'redact' },
      { id: 'allow-card', types: ['BANK_CARD'], action: 'allow' },
    ],
  });

  it.each([
    ['no findings', defaultPolicy, 'none', 'engine-limit'],
    ['an allow rule matched', defaultPolicy, 'phone', 'engine-limit'],
    ['no rule on an approved site', defaultApproved, 'id', 'engine-limit'],
    ['a warn rule matched', lenient, 'phone', 'engine-limit'],
    ['a redact rule matched', lenient, 'email', 'engine-limit'],
    ['an allow rule matched (custom)', lenient, 'card', 'engine-limit'],
    ['logAllowed false', defaultNoLog, 'none', 'engine-limit'],
    ['a block rule matched: that rule decides', defaultPolicy, 'id', 'block-identifiers'],
  ] as const)('%s → block, logged', (_n, policy, text, ruleId) => {
    const d = decide(truncated(text), CRM, policy);
    expect([d.action, d.ruleId, d.log]).toEqual(['block', ruleId, true]);
  });
});
