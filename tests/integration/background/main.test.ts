// The background wired to a fake browser: fake-browser's `auto` installs it as the global
// `browser`/`chrome` that WXT's storage items use, fake-indexeddb's `auto` the IndexedDB.
import '@webext-core/fake-browser/auto';
import 'fake-indexeddb/auto';
import { fakeBrowser } from '@webext-core/fake-browser';
import { IDBFactory } from 'fake-indexeddb';
import type { Browser } from 'webextension-polyfill';
import { beforeEach, describe, expect, it } from 'vitest';
import { createBackground } from '../../../utils/background/main';
import type { Sender } from '../../../utils/background/handlers';
import { allEvents, openLogDb } from '../../../utils/log/store';
import type { Reply } from '../../../utils/messages';
import { compilePolicy, DEFAULT_POLICY, type CompiledPolicy } from '../../../utils/policy';
import { compiledPolicyItem, policyStatusItem } from '../../../utils/storage';

const EXT = fakeBrowser.runtime.id;
const content: Sender = {
  id: EXT,
  url: 'https://chat.example.org/x?q=1',
  tab: { url: 'https://chat.example.org/x?q=1' },
};
const popup: Sender = { id: EXT, url: `chrome-extension://${EXT}/popup.html` };

async function send(message: unknown, sender: Sender): Promise<Reply<'getPolicy'>> {
  const replies = (await fakeBrowser.runtime.onMessage.trigger(
    message,
    sender as never,
    () => undefined,
  )) as unknown as Reply<'getPolicy'>[];
  expect(replies).toHaveLength(1);
  return replies[0]!;
}

const validManaged = {
  version: 1,
  name: 'Acme',
  approvedSites: ['crm.acme.example'],
  rules: [{ id: 'block-all-phones', sites: 'all', types: ['CN_MOBILE'], action: 'block' }],
};

const settle = () => new Promise((r) => setTimeout(r, 20));

beforeEach(() => {
  fakeBrowser.reset();
  // A fresh, empty database per test.
  globalThis.indexedDB = new IDBFactory();
});

describe('createBackground', () => {
  it('with no managed policy, serves and stores the embedded default', async () => {
    createBackground(fakeBrowser as unknown as Browser);
    const reply = await send({ type: 'getPolicy', payload: null }, content);
    expect(reply.ok && (reply.value as CompiledPolicy).id).toBe(
      compilePolicy(DEFAULT_POLICY, 'default').id,
    );
    expect(await compiledPolicyItem.getValue()).toEqual(reply.ok && reply.value);
    expect(await send({ type: 'getPolicyStatus', payload: null }, popup)).toMatchObject({
      ok: true,
      value: { source: 'default', rejected: null },
    });
  });

  it('logs a report from a content script into IndexedDB', async () => {
    createBackground(fakeBrowser as unknown as Browser);
    const policy = (await send({ type: 'getPolicy', payload: null }, content)) as {
      value: CompiledPolicy;
    };
    const reply = await send(
      {
        type: 'reportDecision',
        payload: {
          reportId: 'r-0123456789',
          kind: 'paste',
          action: 'block',
          ruleId: 'block-identifiers',
          policyId: policy.value.id,
          findings: [{ type: 'CN_ID', count: 1, masked: ['1101**********544X'] }],
          length: 18,
        },
      },
      content,
    );
    expect(reply).toEqual({ ok: true, value: { seq: 1 } });
    const events = await allEvents(await openLogDb());
    expect(events).toMatchObject([
      { seq: 1, site: 'https://chat.example.org', frameUrl: 'https://chat.example.org/x' },
    ]);
  });

  it('refuses messages from other extensions', async () => {
    createBackground(fakeBrowser as unknown as Browser);
    expect(await send({ type: 'getPolicy', payload: null }, { ...content, id: 'other' })).toEqual({
      ok: false,
      error: 'unknown sender',
    });
  });

  it('a valid managed policy is used; a broken update keeps it, is shown and logged once', async () => {
    await fakeBrowser.storage.managed.set({ policy: validManaged });
    createBackground(fakeBrowser as unknown as Browser);
    const first = (await send({ type: 'getPolicy', payload: null }, content)) as {
      value: CompiledPolicy;
    };
    expect([first.value.source, first.value.name]).toEqual(['managed', 'Acme']);

    // The admin pushes broken JSON: storage.onChanged('managed') reloads.
    await fakeBrowser.storage.managed.set({ policy: null, policyJson: '{"version":1,"rules":[' });
    await settle();
    const after = (await send({ type: 'getPolicy', payload: null }, content)) as {
      value: CompiledPolicy;
    };
    expect(after.value.id).toBe(first.value.id);
    expect((await compiledPolicyItem.getValue())!.id).toBe(first.value.id);
    const status = await policyStatusItem.getValue();
    expect(status).toMatchObject({ source: 'managed', name: 'Acme' });
    expect(status!.rejected!.errors).toEqual([
      expect.stringMatching(/^policyJson: not valid JSON/),
    ]);

    // Browser start-up and install events reload again: still one policy event.
    await fakeBrowser.runtime.onStartup.trigger();
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'update', previousVersion: '0.0.9' });
    await send({ type: 'getPolicy', payload: null }, content);
    await settle();
    const events = await allEvents(await openLogDb());
    expect(events.map((e) => [e.kind, e.ruleId, e.policyId])).toEqual([
      ['policy', 'policy-rejected', first.value.id],
    ]);
    expect(events[0]!.detail).toMatch(/^policyJson: not valid JSON/);
  });
});
