/** The real GuardEnv: browser APIs for the content script (browser-side). */
import type { Browser, Runtime } from 'webextension-polyfill';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { randomId } from '../id';
import { sendMessage, type ContentMessage } from '../messages';
import { validateNoticeContent } from '../notice-content';
import type { CompiledPolicy } from '../policy/compile';
import { clientListItem, compiledPolicyItem } from '../storage';
import type { GuardEnv } from './guard';

/** Reports that could not reach the background are retried (the worker may be restarting). */
async function withRetry(fn: () => Promise<unknown>, attempts = 5): Promise<void> {
  for (let i = 0; ; i++) {
    try {
      await fn();
      return;
    } catch (e) {
      if (i + 1 >= attempts) {
        console.warn('ClientGuard: could not log a decision:', (e as Error).message);
        return;
      }
      await new Promise((r) => setTimeout(r, 200 * 2 ** i));
    }
  }
}

export function createContentEnv(
  browser: Browser,
  win: Window,
  ctx: ContentScriptContext,
): GuardEnv {
  const send = (m: unknown) => browser.runtime.sendMessage(m);
  return {
    win,
    origin: win.origin,
    async loadPolicy(): Promise<CompiledPolicy> {
      const stored = await compiledPolicyItem.getValue();
      return stored ?? (await sendMessage(send, 'getPolicy', null));
    },
    onPolicyChange(listener) {
      const unwatch = compiledPolicyItem.watch((p) => p && listener(p));
      ctx.onInvalidated(unwatch);
    },
    report: (report) => withRetry(() => sendMessage(send, 'reportDecision', report)),
    t: (key, subs) => browser.i18n.getMessage(key, subs),
    // The language the extension's own texts are shown in here, read from the message file
    // itself (getUILanguage and @@ui_locale can name another locale than the one whose
    // messages a frame gets), so the admin's message matches the rest of the notice.
    language: browser.i18n.getMessage('uiLanguage') === 'zh_CN' ? 'zh_CN' : 'en',
    newId: randomId,
    onInvalidated: (cleanup) => ctx.onInvalidated(cleanup),
    readClientList: () => clientListItem.getValue(),
    isTop: win === win.top,
    relayNotice: (content) => sendMessage(send, 'relayNotice', content).then((r) => r.shown),
    onRelayedNotice(show) {
      // Only the background sends this (a message from another content script has sender.tab).
      const listener = (message: unknown, sender: Runtime.MessageSender) => {
        if (sender.id !== browser.runtime.id || sender.tab !== undefined) return undefined;
        const m = message as Partial<ContentMessage> | null;
        if (m?.type !== 'showNotice') return undefined;
        const content = validateNoticeContent(m.payload);
        if (content) show(content);
        return Promise.resolve({ shown: content !== null });
      };
      browser.runtime.onMessage.addListener(listener);
      ctx.onInvalidated(() => browser.runtime.onMessage.removeListener(listener));
    },
  };
}
