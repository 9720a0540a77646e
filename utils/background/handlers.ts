/**
 * The background's one handler map. Every incoming message goes through `handleMessage`,
 * which checks the sender and the payload before any handler runs. Content scripts may only
 * fetch the policy, report decisions and ask for a notice in their tab's top frame; only
 * extension pages may ask for the status.
 */
import { originOf, stripUrl, validateReport } from '../log/event';
import type { LogWriter } from '../log/store';
import {
  isMessage,
  type MessageName,
  type PolicyStatus,
  type Protocol,
  type Reply,
} from '../messages';
import { validateNoticeContent, type NoticeContent } from '../notice-content';
import type { CompiledPolicy } from '../policy/compile';

/** The parts of runtime.MessageSender the checks need. */
export interface Sender {
  id?: string;
  url?: string;
  tab?: { url?: string; id?: number };
  frameId?: number;
}

export interface HandlerEnv {
  extensionId: string;
  extensionOrigin: string;
  policy(): Promise<CompiledPolicy>;
  status(): Promise<PolicyStatus>;
  writer(): Promise<LogWriter>;
  now(): Date;
  /** Shows a notice in the top frame of the tab; false when that frame could not show it. */
  showInTopFrame(tabId: number, content: NoticeContent): Promise<boolean>;
}

type Handler<K extends MessageName> = (
  payload: unknown,
  sender: Sender,
  env: HandlerEnv,
) => Promise<Protocol[K]['response']>;

/** Whether the sender's URL is one of our pages (up to the `/`: not a look-alike prefix). */
function isOwnPage(sender: Sender, env: HandlerEnv): boolean {
  // URL.origin is "null" for extension URLs in some engines, so compare the text.
  return (sender.url ?? '').startsWith(`${env.extensionOrigin}/`);
}

function fromContentScript(sender: Sender, env: HandlerEnv): boolean {
  // An extension page opened in a tab has `tab` too, but it pastes nothing into web pages.
  return sender.tab !== undefined && !isOwnPage(sender, env);
}

function fromExtensionPage(sender: Sender, env: HandlerEnv): boolean {
  return sender.tab === undefined || isOwnPage(sender, env);
}

const handlers: { [K in MessageName]: Handler<K> } = {
  async getPolicy(_payload, _sender, env) {
    return env.policy();
  },
  async reportDecision(payload, sender, env) {
    if (!fromContentScript(sender, env))
      throw new Error('reportDecision: only content scripts report');
    const report = validateReport(payload);
    if (!report) throw new Error('reportDecision: malformed report');
    const writer = await env.writer();
    const stored = await writer.append({
      ...report,
      time: env.now().toISOString(),
      // Both come from the browser, not from the page: a page cannot forge where it is.
      site: originOf(sender.tab?.url) || originOf(sender.url),
      frameUrl: stripUrl(sender.url ?? ''),
    });
    return { seq: stored.seq };
  },
  async relayNotice(payload, sender, env) {
    if (!fromContentScript(sender, env)) throw new Error('relayNotice: only content scripts');
    const tabId = sender.tab?.id;
    if (tabId === undefined || !sender.frameId) throw new Error('relayNotice: not from a subframe');
    const content = validateNoticeContent(payload);
    if (!content) throw new Error('relayNotice: malformed notice');
    return { shown: await env.showInTopFrame(tabId, content).catch(() => false) };
  },
  async getPolicyStatus(_payload, sender, env) {
    if (!fromExtensionPage(sender, env)) throw new Error('getPolicyStatus: extension pages only');
    return env.status();
  },
};

const NAMES = Object.keys(handlers) as MessageName[];

/** Dispatches one raw message; always resolves to a Reply (errors become `ok: false`). */
export async function handleMessage(
  raw: unknown,
  sender: Sender,
  env: HandlerEnv,
): Promise<Reply<MessageName>> {
  if (sender.id !== env.extensionId) return { ok: false, error: 'unknown sender' };
  if (!isMessage(raw, NAMES)) return { ok: false, error: 'unknown message' };
  try {
    const handler = handlers[raw.type] as Handler<MessageName>;
    return { ok: true, value: await handler(raw.payload, sender, env) };
  } catch (e) {
    return { ok: false, error: (e as Error).message };
  }
}
