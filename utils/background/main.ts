/**
 * Wires the background: policy loading (at start-up and whenever managed storage changes),
 * the single log writer, and the message handlers. Everything is registered synchronously at
 * start so a message that wakes the service worker finds its listener.
 */
import type { Browser, Runtime } from 'webextension-polyfill';
import { randomId } from '../id';
import { createLogWriter, openLogDb, type LogWriter } from '../log/store';
import { compilePolicy, type CompiledPolicy } from '../policy/compile';
import { DEFAULT_POLICY } from '../policy/default-policy';
import { summarise } from '../log/event';
import {
  clientListItem,
  compiledPolicyItem,
  lastGoodManagedItem,
  policyStatusItem,
} from '../storage';
import type { ContentMessage } from '../messages';
import { handleMessage, type HandlerEnv } from './handlers';
import { loadPolicy, parseManaged } from './policy-loader';

export function createBackground(browser: Browser): void {
  let writerPromise: Promise<LogWriter> | null = null;
  const writer = () => (writerPromise ??= openLogDb().then(createLogWriter));

  let policyPromise: Promise<CompiledPolicy> | null = null;
  // Loads run one after another (start, onStartup and a managed change can all fire at once),
  // so each sees the status the previous one wrote; the newest load is the policy in force.
  const reload = () =>
    (policyPromise = (policyPromise ?? Promise.resolve()).then(() => loadOnce()));
  const loadOnce = () =>
    loadPolicy({
      async readManaged() {
        const raw = (await browser.storage.managed.get(['policy', 'policyJson'])) as Record<
          string,
          unknown
        >;
        return parseManaged(raw);
      },
      readLastGood: () => lastGoodManagedItem.getValue(),
      writeLastGood: (p) => lastGoodManagedItem.setValue(p),
      writeCompiled: (p) => compiledPolicyItem.setValue(p),
      writeClientList: (l) => clientListItem.setValue(l),
      writeStatus: (s) => policyStatusItem.setValue(s),
      readStatus: () => policyStatusItem.getValue(),
      async logRejection(errors, policy) {
        await (
          await writer()
        ).append({
          reportId: randomId(),
          kind: 'policy',
          action: 'block',
          ruleId: 'policy-rejected',
          policyId: policy.id,
          findings: summarise([]),
          length: 0,
          time: new Date().toISOString(),
          site: '',
          frameUrl: '',
          detail: errors.join('; ').slice(0, 2000),
        });
      },
      now: () => new Date(),
    }).catch((e: unknown) => {
      // Should never happen (loadPolicy falls back on every path); keep protecting regardless.
      console.error('ClientGuard: policy load failed, using the embedded default', e);
      return compilePolicy(DEFAULT_POLICY, 'default');
    });
  const policy = () => policyPromise ?? reload();

  const env: HandlerEnv = {
    extensionId: browser.runtime.id,
    extensionOrigin: browser.runtime.getURL('/').replace(/\/$/, ''),
    policy,
    async status() {
      await policy();
      const s = await policyStatusItem.getValue();
      if (!s) throw new Error('policy status not available');
      return s;
    },
    writer,
    now: () => new Date(),
    async showInTopFrame(tabId, content) {
      const message: ContentMessage<'showNotice'> = { type: 'showNotice', payload: content };
      const reply = (await browser.tabs.sendMessage(tabId, message, { frameId: 0 })) as
        { shown?: unknown } | undefined;
      return reply?.shown === true;
    },
  };

  browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) =>
    handleMessage(message, sender, env),
  );
  browser.storage.onChanged.addListener((_changes, area) => {
    if (area === 'managed') void reload();
  });
  browser.runtime.onInstalled.addListener(() => void reload());
  browser.runtime.onStartup.addListener(() => void reload());
  void reload();
}
