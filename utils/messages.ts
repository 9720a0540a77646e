/**
 * The one message protocol between content scripts, the background and extension pages.
 * Every message has a verbNoun name and typed request and response payloads. `Protocol` holds
 * the messages the background answers: it registers one handler per name
 * (utils/background/handlers.ts) and checks the sender there. `ContentProtocol` holds the one
 * message content scripts answer, sent only by the background.
 */
import type { DecisionReport } from './log/event';
import type { NoticeContent } from './notice-content';
import type { CompiledPolicy } from './policy/compile';

/** What the popup shows about the policy in force. */
export interface PolicyStatus {
  name: string;
  source: CompiledPolicy['source'];
  id: string;
  loadedAt: string;
  /** Set when the last managed policy was rejected; the policy above stayed in force. */
  rejected: { at: string; errors: string[] } | null;
}

export interface Protocol {
  /** Content script → background: the compiled policy (when storage did not have it yet). */
  getPolicy: { request: null; response: CompiledPolicy };
  /** Content script → background: log one decision. */
  reportDecision: { request: DecisionReport; response: { seq: number } };
  /** Page → background: the policy in force and any rejection. */
  getPolicyStatus: { request: null; response: PolicyStatus };
  /**
   * Content script of a frame too small for the notice → background: show it in the tab's
   * top frame instead. `shown` is false when the top frame could not (then the frame shows it).
   */
  relayNotice: { request: NoticeContent; response: { shown: boolean } };
}

/** Background → the content script of a tab's top frame. */
export interface ContentProtocol {
  showNotice: { request: NoticeContent; response: { shown: boolean } };
}

export interface ContentMessage<K extends keyof ContentProtocol = keyof ContentProtocol> {
  type: K;
  payload: ContentProtocol[K]['request'];
}

export type MessageName = keyof Protocol;

export interface Message<K extends MessageName = MessageName> {
  type: K;
  payload: Protocol[K]['request'];
}

/** Wire form of every response: handlers never throw across the boundary. */
export type Reply<K extends MessageName> =
  { ok: true; value: Protocol[K]['response'] } | { ok: false; error: string };

/** Whatever sends a raw message (browser.runtime.sendMessage, or a fake in tests). */
export type RawSend = (message: unknown) => Promise<unknown>;

/** Sends a typed message; rejects with the handler's error message when it failed. */
export async function sendMessage<K extends MessageName>(
  send: RawSend,
  type: K,
  payload: Protocol[K]['request'],
): Promise<Protocol[K]['response']> {
  const reply = (await send({ type, payload } satisfies Message<K>)) as Reply<K> | undefined;
  if (!reply || typeof reply !== 'object') throw new Error(`no reply to ${type}`);
  if (!reply.ok) throw new Error(reply.error);
  return reply.value;
}

/** Narrows an unknown incoming value to a message of a known name (payload unchecked). */
export function isMessage(v: unknown, names: readonly MessageName[]): v is Message {
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof (v as { type?: unknown }).type === 'string' &&
    names.includes((v as { type: MessageName }).type)
  );
}
