import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import { handleMessage, type HandlerEnv, type Sender } from '../../../utils/background/handlers';
import type { DecisionReport } from '../../../utils/log/event';
import { allEvents, createLogWriter, openLogDb, type LogDb } from '../../../utils/log/store';
import type { PolicyStatus } from '../../../utils/messages';
import type { NoticeContent } from '../../../utils/notice-content';
import { compilePolicy, DEFAULT_POLICY } from '../../../utils/policy';

const EXT = 'abcdefghijklmnopabcdefghijklmnop';
const ORIGIN = `chrome-extension://${EXT}`;
const NOW = new Date('2026-03-04T05:06:07.000Z');
const policy = compilePolicy(DEFAULT_POLICY, 'default');
const status: PolicyStatus = {
  name: policy.name,
  source: 'default',
  id: policy.id,
  loadedAt: NOW.toISOString(),
  rejected: null,
};

let db: LogDb;
let env: HandlerEnv;
let relayed: { tabId: number; content: NoticeContent }[] = [];
beforeEach(async () => {
  db = await openLogDb(new IDBFactory());
  const writer = createLogWriter(db);
  env = {
    extensionId: EXT,
    extensionOrigin: ORIGIN,
    policy: async () => policy,
    status: async () => status,
    writer: async () => writer,
    now: () => NOW,
    showInTopFrame: async (tabId, content) => {
      relayed.push({ tabId, content });
      return true;
    },
  };
  relayed = [];
  return () => db.close();
});

const SENDERS = {
  contentScript: {
    id: EXT,
    url: 'https://chat.example.org/room/42?token=secret#msg',
    tab: { url: 'https://chat.example.org/room/42?token=secret' },
  },
  contentScriptInFrame: {
    id: EXT,
    url: 'https://widgets.example/embed?session=abc#x',
    tab: { url: 'https://chat.example.org/room' },
  },
  popup: { id: EXT, url: `${ORIGIN}/popup.html` },
  optionsInTab: { id: EXT, url: `${ORIGIN}/options.html`, tab: { url: `${ORIGIN}/options.html` } },
  otherExtension: {
    id: 'zyxwvutsrqponmlkzyxwvutsrqponmlk',
    url: 'chrome-extension://zyxwvutsrqponmlkzyxwvutsrqponmlk/x.html',
  },
  noId: { url: 'https://evil.example/' },
  // A content script in a page whose URL merely starts with our origin's text.
  lookalike: { id: EXT, url: `${ORIGIN}x/page.html`, tab: { url: `${ORIGIN}x/page.html` } },
} satisfies Record<string, Sender>;

function report(patch: Record<string, unknown> = {}): DecisionReport {
  return {
    reportId: '0123456789abcdef0123456789abcdef',
    kind: 'paste',
    action: 'block',
    ruleId: 'block-identifiers',
    policyId: policy.id,
    findings: [{ type: 'CN_ID', count: 1, masked: ['1101**********544X'] }],
    length: 30,
    ...patch,
  } as DecisionReport;
}

describe('handleMessage: who may send what', () => {
  it.each([
    ['otherExtension', 'getPolicy'],
    ['otherExtension', 'reportDecision'],
    ['otherExtension', 'getPolicyStatus'],
    ['noId', 'getPolicy'],
    ['noId', 'reportDecision'],
  ] as const)('%s cannot send %s', async (sender, type) => {
    const payload = type === 'reportDecision' ? report() : null;
    expect(await handleMessage({ type, payload }, SENDERS[sender], env)).toEqual({
      ok: false,
      error: 'unknown sender',
    });
    expect(await allEvents(db)).toEqual([]);
  });

  it.each([
    [{ type: 'deleteLog', payload: null }],
    [{ type: 'constructor', payload: null }],
    [{ type: 'hasOwnProperty', payload: null }],
    [{ payload: null }],
    [{ type: 7 }],
    [null],
    ['getPolicy'],
  ])('refuses an unknown message %j', async (raw) => {
    expect(await handleMessage(raw, SENDERS.contentScript, env)).toEqual({
      ok: false,
      error: 'unknown message',
    });
  });

  it.each(['popup', 'optionsInTab'] as const)('reportDecision from %s is refused', async (s) => {
    const reply = await handleMessage(
      { type: 'reportDecision', payload: report() },
      SENDERS[s],
      env,
    );
    expect(reply).toEqual({ ok: false, error: 'reportDecision: only content scripts report' });
    expect(await allEvents(db)).toEqual([]);
  });

  it.each(['contentScript', 'contentScriptInFrame', 'lookalike'] as const)(
    'getPolicyStatus from %s is refused',
    async (s) => {
      expect(
        await handleMessage({ type: 'getPolicyStatus', payload: null }, SENDERS[s], env),
      ).toEqual({
        ok: false,
        error: 'getPolicyStatus: extension pages only',
      });
    },
  );

  it.each(['popup', 'optionsInTab'] as const)('getPolicyStatus from %s is answered', async (s) => {
    expect(
      await handleMessage({ type: 'getPolicyStatus', payload: null }, SENDERS[s], env),
    ).toEqual({
      ok: true,
      value: status,
    });
  });

  it.each(['contentScript', 'contentScriptInFrame', 'popup'] as const)(
    'getPolicy from %s',
    async (s) => {
      const reply = await handleMessage({ type: 'getPolicy', payload: null }, SENDERS[s], env);
      expect(reply).toEqual({ ok: true, value: policy });
    },
  );
});

describe('handleMessage: reportDecision', () => {
  it('stores the event with time, site and frame URL from the browser, and returns its seq', async () => {
    const reply = await handleMessage(
      { type: 'reportDecision', payload: report() },
      SENDERS.contentScript,
      env,
    );
    expect(reply).toEqual({ ok: true, value: { seq: 1 } });
    const [e] = await allEvents(db);
    expect(e).toMatchObject({
      ...report(),
      seq: 1,
      time: NOW.toISOString(),
      site: 'https://chat.example.org',
      frameUrl: 'https://chat.example.org/room/42',
      prevHash: '',
    });
    expect(JSON.stringify(e)).not.toContain('secret');
  });

  it('in a frame: site is the tab’s origin, frameUrl the frame’s URL without query or fragment', async () => {
    await handleMessage(
      { type: 'reportDecision', payload: report() },
      SENDERS.contentScriptInFrame,
      env,
    );
    const [e] = await allEvents(db);
    expect([e!.site, e!.frameUrl]).toEqual([
      'https://chat.example.org',
      'https://widgets.example/embed',
    ]);
  });

  it('a page cannot forge where it is, when, or the chain: extra payload fields are ignored', async () => {
    const forged = report({
      site: 'https://crm.acme.example',
      frameUrl: 'https://crm.acme.example/ok',
      time: '2000-01-01T00:00:00.000Z',
      seq: 99,
      prevHash: 'x',
      hash: 'y',
      detail: '11010519531220544X',
    });
    const reply = await handleMessage(
      { type: 'reportDecision', payload: forged },
      SENDERS.contentScript,
      env,
    );
    expect(reply).toEqual({ ok: true, value: { seq: 1 } });
    const [e] = await allEvents(db);
    expect(e).toMatchObject({
      site: 'https://chat.example.org',
      seq: 1,
      time: NOW.toISOString(),
      prevHash: '',
    });
    expect(e!.detail).toBeUndefined();
    expect(JSON.stringify(e)).not.toContain('crm.acme.example');
    expect(JSON.stringify(e)).not.toContain('11010519531220544X');
  });

  it('a retried report is stored once and answers with the same seq', async () => {
    const send = () =>
      handleMessage({ type: 'reportDecision', payload: report() }, SENDERS.contentScript, env);
    expect(await send()).toEqual({ ok: true, value: { seq: 1 } });
    expect(await send()).toEqual({ ok: true, value: { seq: 1 } });
    expect(await allEvents(db)).toHaveLength(1);
  });

  it.each([
    ['no payload', undefined],
    ['null', null],
    ['a string', 'block'],
    ['an empty object', {}],
    [
      'a raw ID number as masked value',
      report({ findings: [{ type: 'CN_ID', count: 1, masked: ['11010519531220544X'] }] }),
    ],
    ['an unknown action', report({ action: 'ignore' })],
    ['kind policy', report({ kind: 'policy' })],
    ['a negative length', report({ length: -5 })],
  ])('a malformed payload (%s) is refused and nothing is stored', async (_n, payload) => {
    const reply = await handleMessage(
      { type: 'reportDecision', payload },
      SENDERS.contentScript,
      env,
    );
    expect(reply).toEqual({ ok: false, error: 'reportDecision: malformed report' });
    expect(await allEvents(db)).toEqual([]);
  });

  it('a failing writer becomes an error reply, not a throw', async () => {
    env.writer = async () => ({ append: () => Promise.reject(new Error('QuotaExceededError')) });
    const reply = await handleMessage(
      { type: 'reportDecision', payload: report() },
      SENDERS.contentScript,
      env,
    );
    expect(reply).toEqual({ ok: false, error: 'QuotaExceededError' });
  });
});

describe('relayNotice', () => {
  const content: NoticeContent = {
    title: 'ClientGuard blocked this paste',
    reason: 'This site is not approved for this kind of client data.',
    where: 'In an embedded frame of widget.example.net',
    message: null,
    foundLabel: 'Found',
    findings: [{ label: 'Resident ID number', count: 1, masked: ['1101**********002X'] }],
    ruleLabel: 'Rule: block-identifiers',
    dismissLabel: 'Dismiss',
  };
  const frame = {
    id: EXT,
    url: 'https://widget.example.net/chat',
    tab: { url: 'https://shop.example.org/', id: 7 },
    frameId: 3,
  };

  it('passes a small frame’s notice to its tab’s top frame', async () => {
    const r = await handleMessage({ type: 'relayNotice', payload: content }, frame, env);
    expect(r).toEqual({ ok: true, value: { shown: true } });
    expect(relayed).toEqual([{ tabId: 7, content }]);
  });

  it.each([
    ['the top frame itself', { ...frame, frameId: 0 }],
    ['an extension page', { id: EXT, url: `${ORIGIN}/popup.html` }],
    ['another extension', { ...frame, id: 'other' }],
  ])('refuses %s', async (_n, sender) => {
    const r = await handleMessage({ type: 'relayNotice', payload: content }, sender, env);
    expect(r.ok).toBe(false);
    expect(relayed).toEqual([]);
  });

  it.each([
    [
      'a raw value instead of a masked one',
      { findings: [{ label: 'ID', count: 1, masked: ['11010519491231002X'] }] },
    ],
    ['a missing field', { title: undefined }],
    ['a huge text', { reason: 'x'.repeat(5000) }],
    ['control characters', { where: 'a\u0000b' }],
  ])('refuses a notice with %s', async (_n, change) => {
    const r = await handleMessage(
      { type: 'relayNotice', payload: { ...content, ...change } },
      frame,
      env,
    );
    expect(r).toEqual({ ok: false, error: 'relayNotice: malformed notice' });
    expect(relayed).toEqual([]);
  });

  it('says shown: false when the top frame could not show it', async () => {
    env.showInTopFrame = () => Promise.reject(new Error('no receiving end'));
    const r = await handleMessage({ type: 'relayNotice', payload: content }, frame, env);
    expect(r).toEqual({ ok: true, value: { shown: false } });
  });
});
