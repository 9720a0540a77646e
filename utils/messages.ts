/**
 * The one message protocol between content scripts, the background and extension pages.
 * Every message has a verbNoun name and typed request and response payloads; the background
 * registers one handler per name (entrypoints/background → utils/background/handlers.ts) and
 * checks the sender there.
 */
import type { DecisionReport } from './log/event';
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
