// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { NoticeContent } from '../../../utils/notice-content';
import type { StoredClientList } from '../../../utils/storage';
import { detectChunked } from '../../../utils/detect/chunked';
import { SYNC_LIMIT, startGuard, type Guard, type GuardEnv } from '../../../utils/content/guard';
import { NOTICE_TAG, showNotice } from '../../../utils/content/notice';
import { buildClientList, keyFromHex } from '../../../utils/detect/client-list';
import { validateReport, type DecisionReport } from '../../../utils/log/event';
import {
  compilePolicy,
  DEFAULT_POLICY,
  validatePolicy,
  type CompiledPolicy,
} from '../../../utils/policy';

// Spies around the real modules: which path ran, what the notice was given, and a way to make
// the engine fail (any text containing ENGINE_FAILS throws inside detect).
vi.mock('../../../utils/detect/chunked', async (importOriginal) => {
  const m = await importOriginal<typeof import('../../../utils/detect/chunked')>();
  return { ...m, detectChunked: vi.fn(m.detectChunked) };
});
vi.mock('../../../utils/content/notice', async (importOriginal) => {
  const m = await importOriginal<typeof import('../../../utils/content/notice')>();
  return { ...m, showNotice: vi.fn(m.showNotice) };
});
vi.mock('../../../utils/detect/engine', async (importOriginal) => {
  const m = await importOriginal<typeof import('../../../utils/detect/engine')>();
  return {
    ...m,
    createDetector: (...args: Parameters<typeof m.createDetector>) => {
      const real = m.createDetector(...args);
      return {
        detect(text: string) {
          if (text.includes('ENGINE_FAILS')) throw new Error('engine bug');
          return real.detect(text);
        },
      };
    },
  };
});

const ID = '11010519531220544X';
const ID_TEXT = `客户身份证号码：${ID}`;
const BENIGN = '会议纪要：下周二讨论预算。';
const PHONE_TEXT = '张经理 13812345678';
const UNAPPROVED = 'https://chat.example.org';
const defaultPolicy = compilePolicy(DEFAULT_POLICY, 'default');

interface Harness {
  guard: Guard;
  env: GuardEnv;
  reports: DecisionReport[];
  /** Page listeners registered after the guard, as a page's scripts would be. */
  pageSaw: string[];
  textarea: HTMLTextAreaElement;
  resolvePolicy(p: CompiledPolicy): void;
  rejectPolicy(e: Error): void;
  changePolicy(p: CompiledPolicy): void;
  invalidate(): void;
}

let current: Harness | null = null;
/** What the guard registered for notices relayed from small frames (top frame only). */
let relayedTo: ((c: NoticeContent) => void) | null = null;

function setup(
  opts: {
    origin?: string;
    policy?: CompiledPolicy | 'later';
    clientList?: () => Promise<StoredClientList | null>;
    isTop?: boolean;
    relay?: (c: NoticeContent) => Promise<boolean>;
  } = {},
): Harness {
  let resolvePolicy!: (p: CompiledPolicy) => void;
  let rejectPolicy!: (e: Error) => void;
  const loaded = new Promise<CompiledPolicy>((res, rej) => {
    resolvePolicy = res;
    rejectPolicy = rej;
  });
  const reports: DecisionReport[] = [];
  const cleanups: (() => void)[] = [];
  let onChange: ((p: CompiledPolicy) => void) | null = null;
  let n = 0;
  const env: GuardEnv = {
    win: window as unknown as Window,
    origin: opts.origin ?? UNAPPROVED,
    loadPolicy: () => loaded,
    onPolicyChange: (l) => void (onChange = l),
    report: async (r) => void reports.push(r),
    t: (key, subs) => (subs ? `${key}(${subs.join(',')})` : key),
    language: 'en',
    newId: () => `report-${String(++n).padStart(8, '0')}`,
    onInvalidated: (c) => void cleanups.push(c),
    readClientList: opts.clientList ?? (async () => null),
    isTop: opts.isTop ?? true,
    relayNotice: opts.relay ?? (async () => false),
    onRelayedNotice: (show) => void (relayedTo = show),
  };
  const guard = startGuard(env);
  const pageSaw: string[] = [];
  const listen = (target: EventTarget, name: string, capture: boolean) => {
    for (const type of ['paste', 'drop'])
      target.addEventListener(type, () => pageSaw.push(`${name}:${type}`), { capture });
  };
  listen(window, 'window-capture', true);
  listen(document, 'document-capture', true);
  listen(window, 'window-bubble', false);
  const textarea = document.createElement('textarea');
  document.body.append(textarea);
  listen(textarea, 'target', false);
  textarea.focus();
  const h: Harness = {
    guard,
    env,
    reports,
    pageSaw,
    textarea,
    resolvePolicy,
    rejectPolicy,
    changePolicy: (p) => onChange?.(p),
    invalidate: () => cleanups.splice(0).forEach((c) => c()),
  };
  if (opts.policy !== 'later') resolvePolicy(opts.policy ?? defaultPolicy);
  current = h;
  return h;
}

beforeEach(() => {
  // happy-dom has no execCommand; a browser that refuses insertText returns false like this.
  (document as unknown as { execCommand: () => boolean }).execCommand = () => false;
  vi.mocked(detectChunked).mockClear();
  vi.mocked(showNotice).mockClear();
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
});
afterEach(() => {
  current?.invalidate();
  current = null;
  document.body.replaceChildren();
  vi.restoreAllMocks();
});

function transfer(data: { text?: string; html?: string; file?: boolean }): DataTransfer {
  const dt = new DataTransfer();
  if (data.text !== undefined) dt.setData('text/plain', data.text);
  if (data.html !== undefined) dt.setData('text/html', data.html);
  if (data.file) dt.items.add(new File(['\x89PNG'], 'scan.png', { type: 'image/png' }));
  return dt;
}

function paste(target: EventTarget, data: Parameters<typeof transfer>[0]): ClipboardEvent {
  const e = new ClipboardEvent('paste', {
    clipboardData: transfer(data),
    bubbles: true,
    cancelable: true,
    composed: true,
  });
  target.dispatchEvent(e);
  return e;
}

function drop(target: EventTarget, data: Parameters<typeof transfer>[0]): DragEvent {
  const e = new DragEvent('drop', { bubbles: true, cancelable: true });
  // happy-dom's DragEvent ignores the dataTransfer option.
  Object.defineProperty(e, 'dataTransfer', { value: transfer(data) });
  target.dispatchEvent(e);
  return e;
}

const ready = (h: Harness) => vi.waitFor(() => expect(h.guard.policy()).not.toBeNull());
const notices = () => document.querySelectorAll(NOTICE_TAG).length;

function expectSafeReport(r: DecisionReport | undefined, ...raw: string[]) {
  expect(r).toBeDefined();
  expect(validateReport(r)).toEqual(r);
  for (const v of raw) expect(JSON.stringify(r)).not.toContain(v);
}

describe('startGuard: policy loaded, synchronous decision', () => {
  it('blocks an ID number on an unapproved site: prevented, page never sees it, notice, masked report', async () => {
    const h = setup();
    await ready(h);
    const e = paste(h.textarea, { text: ID_TEXT });
    expect(e.defaultPrevented).toBe(true);
    expect(h.pageSaw).toEqual([]);
    expect(notices()).toBe(1);
    expect(h.reports).toHaveLength(1);
    expect(h.reports[0]).toMatchObject({
      kind: 'paste',
      action: 'block',
      ruleId: 'block-identifiers',
      policyId: defaultPolicy.id,
      length: ID_TEXT.length,
      findings: [{ type: 'CN_ID', count: 1, masked: ['1101**********544X'] }],
    });
    expectSafeReport(h.reports[0], ID);
    // The notice names what was found (masked), the rule and the admin's message.
    const props = vi.mocked(showNotice).mock.calls[0]![1];
    expect(props).toMatchObject({
      title: 'noticeBlockedTitle',
      reason: 'noticeReasonSite',
      message: DEFAULT_POLICY.rules[0]!.message!.en,
      findings: [{ label: 'type_CN_ID', count: 1, masked: ['1101**********544X'] }],
      ruleLabel: 'noticeRule(block-identifiers)',
    });
    expect(JSON.stringify(props)).not.toContain(ID);
  });

  it('uses the user’s language for the admin’s message', async () => {
    const h = setup();
    h.env.language = 'zh_CN';
    await ready(h);
    paste(h.textarea, { text: ID_TEXT });
    expect(vi.mocked(showNotice).mock.calls[0]![1].message).toBe(
      DEFAULT_POLICY.rules[0]!.message!.zh_CN,
    );
  });

  it('lets benign text through untouched: not prevented, the page sees it, no notice, no report', async () => {
    const h = setup();
    await ready(h);
    const e = paste(h.textarea, { text: BENIGN, html: `<p>${BENIGN}</p>` });
    expect(e.defaultPrevented).toBe(false);
    expect(h.pageSaw).toEqual([
      'window-capture:paste',
      'document-capture:paste',
      'target:paste',
      'window-bubble:paste',
    ]);
    expect(notices()).toBe(0);
    expect(h.reports).toEqual([]);
  });

  it('lets one phone number through and logs it as allowed', async () => {
    const h = setup();
    await ready(h);
    const e = paste(h.textarea, { text: PHONE_TEXT });
    expect(e.defaultPrevented).toBe(false);
    expect(h.pageSaw).toHaveLength(4);
    expect(h.reports).toMatchObject([{ action: 'allow', ruleId: 'log-contacts' }]);
    expectSafeReport(h.reports[0], '13812345678');
  });

  it('lets an ID through on an approved site', async () => {
    const approved = validatePolicy({ ...DEFAULT_POLICY, approvedSites: ['chat.example.org'] });
    if (!approved.ok) throw new Error('policy');
    const h = setup({ policy: compilePolicy(approved.policy, 'managed') });
    await ready(h);
    expect(paste(h.textarea, { text: ID_TEXT }).defaultPrevented).toBe(false);
    expect(h.reports).toMatchObject([{ action: 'allow', ruleId: null }]);
  });

  it('blocks an ID carried only in the HTML of a rich paste', async () => {
    const h = setup();
    await ready(h);
    const e = paste(h.textarea, {
      text: '见附件',
      html: `<p>见附件</p><span style="display:none">${ID}</span>`,
    });
    expect(e.defaultPrevented).toBe(true);
    expect(h.pageSaw).toEqual([]);
  });

  it('blocks a drop with an ID number', async () => {
    const h = setup();
    await ready(h);
    const e = drop(h.textarea, { text: ID_TEXT });
    expect(e.defaultPrevented).toBe(true);
    expect(h.pageSaw).toEqual([]);
    expect(h.reports).toMatchObject([{ kind: 'drop', action: 'block' }]);
  });

  it('passes a paste with no text (files only) untouched', async () => {
    const h = setup();
    await ready(h);
    const e = paste(h.textarea, { file: true });
    expect(e.defaultPrevented).toBe(false);
    expect(h.pageSaw).toHaveLength(4);
    expect(h.reports).toEqual([]);
  });

  it('follows a policy change', async () => {
    const h = setup();
    await ready(h);
    const strict = validatePolicy({
      version: 1,
      rules: [{ id: 'no-phones', types: ['CN_MOBILE'], action: 'block' }],
    });
    if (!strict.ok) throw new Error('policy');
    h.changePolicy(compilePolicy(strict.policy, 'managed'));
    expect(paste(h.textarea, { text: PHONE_TEXT }).defaultPrevented).toBe(true);
    expect(h.reports).toMatchObject([{ action: 'block', ruleId: 'no-phones' }]);
  });

  it('enforces warn and redact as block for now (their UI does not exist yet)', async () => {
    const p = validatePolicy({
      version: 1,
      rules: [
        { id: 'warn-phone', types: ['CN_MOBILE'], action: 'warn' },
        { id: 'redact-id', types: ['CN_ID'], action: 'redact' },
      ],
    });
    if (!p.ok) throw new Error('policy');
    const h = setup({ policy: compilePolicy(p.policy, 'managed') });
    await ready(h);
    expect(paste(h.textarea, { text: PHONE_TEXT }).defaultPrevented).toBe(true);
    expect(paste(h.textarea, { text: ID_TEXT }).defaultPrevented).toBe(true);
    expect(h.reports.map((r) => [r.action, r.ruleId])).toEqual([
      ['block', 'warn-phone'],
      ['block', 'redact-id'],
    ]);
  });

  it('an engine exception blocks (never lets the text through), tells the user and logs it', async () => {
    const h = setup();
    await ready(h);
    const e = paste(h.textarea, { text: `${BENIGN} ENGINE_FAILS` });
    expect(e.defaultPrevented).toBe(true);
    expect(h.pageSaw).toEqual([]);
    expect(notices()).toBe(1);
    expect(h.reports).toMatchObject([{ action: 'block', ruleId: 'engine-error', findings: [] }]);
    expectSafeReport(h.reports[0]);
  });
});

describe('startGuard: held paths', () => {
  it('a paste before the policy arrives is held, then inserted when the policy allows it', async () => {
    const h = setup({ policy: 'later' });
    h.textarea.value = 'Dear ';
    h.textarea.setSelectionRange(5, 5);
    const e = paste(h.textarea, { text: BENIGN });
    expect(e.defaultPrevented).toBe(true);
    expect(h.pageSaw).toEqual([]);
    await new Promise((r) => setTimeout(r, 10));
    expect(h.textarea.value).toBe('Dear ');
    h.resolvePolicy(defaultPolicy);
    await vi.waitFor(() => expect(h.textarea.value).toBe(`Dear ${BENIGN}`));
    expect(notices()).toBe(0);
  });

  it('a paste before the policy arrives is held, then blocked when the policy says so', async () => {
    const h = setup({ policy: 'later' });
    const e = paste(h.textarea, { text: ID_TEXT });
    expect(e.defaultPrevented).toBe(true);
    h.resolvePolicy(defaultPolicy);
    await vi.waitFor(() => expect(h.reports).toHaveLength(1));
    expect(h.reports[0]).toMatchObject({ action: 'block', ruleId: 'block-identifiers' });
    expectSafeReport(h.reports[0], ID);
    expect(notices()).toBe(1);
    expect(h.textarea.value).toBe('');
  });

  it('a held paste is released by a policy that arrives as a change, even if loading failed', async () => {
    const h = setup({ policy: 'later' });
    paste(h.textarea, { text: BENIGN });
    h.rejectPolicy(new Error('background unreachable'));
    await new Promise((r) => setTimeout(r, 10));
    expect(h.textarea.value).toBe('');
    h.changePolicy(defaultPolicy);
    await vi.waitFor(() => expect(h.textarea.value).toBe(BENIGN));
  });

  it('an allowed held paste is offered to the page’s editor first (a new paste event)', async () => {
    const h = setup({ policy: 'later' });
    const editorGot: string[] = [];
    h.textarea.addEventListener('paste', (e) => {
      editorGot.push((e as ClipboardEvent).clipboardData!.getData('text/html'));
      e.preventDefault();
    });
    paste(h.textarea, { text: BENIGN, html: `<b>${BENIGN}</b>` });
    expect(editorGot).toEqual([]);
    h.resolvePolicy(defaultPolicy);
    await vi.waitFor(() => expect(editorGot).toEqual([`<b>${BENIGN}</b>`]));
    // The editor took it: ClientGuard inserts nothing itself.
    expect(h.textarea.value).toBe('');
  });

  it('a held drop is decided but never re-inserted', async () => {
    const h = setup({ policy: 'later' });
    const e = drop(h.textarea, { text: PHONE_TEXT });
    expect(e.defaultPrevented).toBe(true);
    h.resolvePolicy(defaultPolicy);
    await vi.waitFor(() => expect(h.reports).toHaveLength(1));
    expect(h.reports[0]).toMatchObject({ kind: 'drop', action: 'allow' });
    expect(h.textarea.value).toBe('');
  });

  it('a text over SYNC_LIMIT takes the held, chunked path and is inserted when allowed', async () => {
    const h = setup();
    await ready(h);
    const big = `${'lorem ipsum '.repeat(Math.ceil((SYNC_LIMIT + 100_000) / 12))}`;
    expect(big.length).toBeGreaterThan(SYNC_LIMIT);
    const e = paste(h.textarea, { text: big });
    expect(e.defaultPrevented).toBe(true);
    expect(h.pageSaw).toEqual([]);
    await vi.waitFor(() => expect(h.textarea.value.length).toBe(big.length), { timeout: 10_000 });
    expect(h.textarea.value).toBe(big);
    expect(detectChunked).toHaveBeenCalledTimes(1);
  });

  it('a text over SYNC_LIMIT with an ID at the end is blocked after the chunked scan', async () => {
    const h = setup();
    await ready(h);
    const big = `${'x'.repeat(SYNC_LIMIT + 100_000)}\n${ID_TEXT}`;
    paste(h.textarea, { text: big });
    await vi.waitFor(() => expect(h.reports).toHaveLength(1), { timeout: 10_000 });
    expect(h.reports[0]).toMatchObject({
      action: 'block',
      ruleId: 'block-identifiers',
      length: big.length,
    });
    expect(detectChunked).toHaveBeenCalledTimes(1);
    expect(h.textarea.value).toBe('');
  });

  it('an engine exception on the held path blocks too, tells the user and logs it', async () => {
    const h = setup({ policy: 'later' });
    paste(h.textarea, { text: `${BENIGN} ENGINE_FAILS` });
    h.resolvePolicy(defaultPolicy);
    await vi.waitFor(() => expect(h.reports).toHaveLength(1));
    expect(h.reports[0]).toMatchObject({ action: 'block', ruleId: 'engine-error' });
    expect(h.textarea.value).toBe('');
    expect(notices()).toBe(1);
  });

  it('inserts a held paste into a contenteditable element at the caret', async () => {
    const h = setup({ policy: 'later' });
    const div = document.createElement('div');
    div.contentEditable = 'true';
    div.textContent = 'Hello ';
    document.body.append(div);
    const range = document.createRange();
    range.setStart(div.firstChild!, 6);
    range.collapse(true);
    document.getSelection()!.removeAllRanges();
    document.getSelection()!.addRange(range);
    const inputs: string[] = [];
    div.addEventListener('input', (e) => inputs.push((e as InputEvent).inputType));
    paste(div, { text: 'world' });
    h.resolvePolicy(defaultPolicy);
    await vi.waitFor(() => expect(div.textContent).toBe('Hello world'));
    expect(inputs).toEqual(['insertFromPaste']);
  });
});

describe('startGuard: context invalidation', () => {
  it('removes the listeners and the notice', async () => {
    const h = setup();
    await ready(h);
    paste(h.textarea, { text: ID_TEXT });
    expect(notices()).toBe(1);
    h.invalidate();
    expect(notices()).toBe(0);
    const e = paste(h.textarea, { text: ID_TEXT });
    expect(e.defaultPrevented).toBe(false);
    expect(h.pageSaw).toContain('target:paste');
    expect(h.reports).toHaveLength(1);
  });
});

describe('startGuard: notices in small frames', () => {
  const small = () => {
    Object.defineProperty(window, 'innerWidth', { value: 300, configurable: true });
    Object.defineProperty(window, 'innerHeight', { value: 120, configurable: true });
  };
  afterEach(() => {
    Object.defineProperty(window, 'innerWidth', { value: 1024, configurable: true });
    Object.defineProperty(window, 'innerHeight', { value: 768, configurable: true });
  });

  it('a small subframe hands its notice to the top frame, which shows it', async () => {
    small();
    const sent: NoticeContent[] = [];
    const h = setup({ isTop: false, relay: async (c) => (sent.push(c), true) });
    await ready(h);
    const e = paste(h.textarea, { text: ID_TEXT });
    expect(e.defaultPrevented).toBe(true);
    await vi.waitFor(() => expect(sent).toHaveLength(1));
    expect(notices()).toBe(0);
    expect(sent[0]!.where).toBe('noticeWhereFrame(chat.example.org)');
    expect(JSON.stringify(sent[0])).toContain('1101**********544X');
    expect(JSON.stringify(sent[0])).not.toContain(ID);
  });

  it('shows it in the frame itself when the top frame cannot', async () => {
    small();
    const h = setup({ isTop: false, relay: async () => false });
    await ready(h);
    paste(h.textarea, { text: ID_TEXT });
    await vi.waitFor(() => expect(notices()).toBe(1));
  });

  it('a large subframe, or the top frame, shows its own', async () => {
    const relay = vi.fn(async () => true);
    const h = setup({ isTop: false, relay });
    await ready(h);
    paste(h.textarea, { text: ID_TEXT });
    expect(notices()).toBe(1);
    expect(relay).not.toHaveBeenCalled();
  });

  it('the top frame shows notices relayed to it', async () => {
    const h = setup({ isTop: true });
    await ready(h);
    relayedTo!({
      title: 't',
      reason: 'r',
      where: 'w',
      message: null,
      foundLabel: 'f',
      findings: [],
      ruleLabel: 'rule',
      dismissLabel: 'd',
    });
    expect(notices()).toBe(1);
  });
});

describe('startGuard: a policy with a client list', () => {
  const KEY = '636c69656e7467756172642d756e69742d746573742d6b65792d7075626c6963';
  const NAME = '示例科技有限公司';
  const listFile = buildClientList([NAME], keyFromHex(KEY)).file;
  const withList = (() => {
    const r = validatePolicy({
      version: 1,
      name: 'list',
      approvedSites: [],
      clientList: { key: KEY, list: listFile },
      rules: [{ id: 'block-clients', types: ['CLIENT_NAME'], action: 'block' }],
    });
    if (!r.ok) throw new Error(r.errors.join('; '));
    return compilePolicy(r.policy, 'managed', 1);
  })();
  const stored: StoredClientList = {
    digest: withList.clientList!.digest,
    key: KEY,
    list: listFile,
  };

  it('holds a paste that arrives before the list is loaded, then blocks the client name', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const reads = vi.fn(async () => {
      await gate;
      return stored;
    });
    const h = setup({ policy: withList, clientList: reads });
    await ready(h);
    const e = paste(h.textarea, { text: `本周拜访${NAME}` });
    expect(e.defaultPrevented).toBe(true);
    expect(h.textarea.value).toBe('');
    release();
    await vi.waitFor(() => expect(h.reports).toHaveLength(1));
    expect(h.reports[0]).toMatchObject({ action: 'block', ruleId: 'block-clients' });
    expect(JSON.stringify(h.reports[0])).not.toContain(NAME);
    expect(notices()).toBe(1);
    expect(reads).toHaveBeenCalledTimes(1);
  });

  it('after a focus has warmed it up, decides in the handler; benign text goes through', async () => {
    const reads = vi.fn(async () => stored);
    const h = setup({ policy: withList, clientList: reads });
    await ready(h);
    h.textarea.dispatchEvent(new FocusEvent('focusin', { bubbles: true }));
    await vi.waitFor(() => expect(reads).toHaveBeenCalled());
    await new Promise((r) => setTimeout(r, 20));
    const blocked = paste(h.textarea, { text: `联系${NAME}的张三` });
    expect(blocked.defaultPrevented).toBe(true);
    expect(h.reports.at(-1)).toMatchObject({ action: 'block', ruleId: 'block-clients' });
    const benign = paste(h.textarea, { text: BENIGN });
    expect(benign.defaultPrevented).toBe(false);
    expect(reads).toHaveBeenCalledTimes(1);
  });

  it('blocks with engine-error when the list in storage is not the policy’s', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const h = setup({ policy: withList, clientList: async () => ({ ...stored, digest: 'other' }) });
    await ready(h);
    const e = paste(h.textarea, { text: BENIGN });
    expect(e.defaultPrevented).toBe(true);
    await vi.waitFor(() => expect(h.reports).toHaveLength(1));
    expect(h.reports[0]).toMatchObject({ action: 'block', ruleId: 'engine-error' });
    expect(h.textarea.value).toBe('');
  });
});
