/**
 * The content script's state machine, one per frame:
 *
 *   loading ──policy arrives──► ready            (policy updates keep it ready)
 *
 * paste/drop on window, capture phase (registered at document_start, before page scripts):
 *   - no text (files, images)                    → untouched
 *   - ready and text ≤ SYNC_LIMIT                → detect + decide synchronously in the handler;
 *                                                   allow: untouched (HTML included); otherwise
 *                                                   preventDefault + stopImmediatePropagation
 *   - loading, the policy's client list not yet  → hold: stop the event, wait for the policy
 *     loaded in this frame, or text > SYNC_LIMIT     (and list, see ./checker.ts), detect in
 *                                                   chunks (the page stays responsive),
 *                                                   then re-deliver it (a new paste event for
 *                                                   the page's editor, else insert the plain
 *                                                   text at the saved caret) or block
 * Browser access comes in through GuardEnv so tests can drive it with fakes.
 */
import { detectChunked } from '../detect/chunked';
import type { Detector, FindingType } from '../detect/types';
import { decide, type Decision } from '../decide';
import { summarise, type DecisionReport, type EventKind } from '../log/event';
import type { CompiledPolicy } from '../policy/compile';
import type { LocalText } from '../policy/types';
import type { StoredClientList } from '../storage';
import { createChecker } from './checker';
import { readTransfer, type Transfer } from './clipboard';
import { insertAt, redispatchPaste, saveTarget } from './insert';
import { showNotice, type NoticeHandle } from './notice';
import type { NoticeContent } from '../notice-content';

/** Notice texts for the engine's own pseudo-rules; every other block names the site. */
const REASONS: Record<string, string> = {
  'engine-limit': 'noticeReasonLimit',
  'engine-error': 'noticeReasonError',
};

/** Longest text decided synchronously inside the handler (characters). */
export const SYNC_LIMIT = 512 * 1024;

export interface GuardEnv {
  win: Window;
  /** Effective origin of this frame (srcdoc and about:blank frames inherit their parent's). */
  origin: string;
  loadPolicy(): Promise<CompiledPolicy>;
  onPolicyChange(listener: (p: CompiledPolicy) => void): void;
  report(report: DecisionReport): Promise<void>;
  /** Localised UI string (browser.i18n.getMessage). */
  t(key: string, substitutions?: string[]): string;
  /** 'zh_CN' or 'en'. */
  language: 'zh_CN' | 'en';
  newId(): string;
  /** Called with a cleanup function to run when the context is invalidated. */
  onInvalidated(cleanup: () => void): void;
  /** The client list of the policy in force, read from extension storage when needed. */
  readClientList(): Promise<StoredClientList | null>;
  /** Whether this is the tab's top frame. */
  isTop: boolean;
  /** Asks the background to show the notice in the top frame; resolves to whether it was. */
  relayNotice(content: NoticeContent): Promise<boolean>;
  /** In the top frame: `show` is called with notices relayed from the tab's small frames. */
  onRelayedNotice(show: (content: NoticeContent) => void): void;
}

export interface Guard {
  /** The policy in force in this frame, once loaded. */
  policy(): CompiledPolicy | null;
}

/** Smallest frame the notice fits in (CSS pixels); smaller frames relay it to the top. */
const NOTICE_MIN_WIDTH = 400;
const NOTICE_MIN_HEIGHT = 240;

function tooSmallForNotice(win: Window): boolean {
  return win.innerWidth < NOTICE_MIN_WIDTH || win.innerHeight < NOTICE_MIN_HEIGHT;
}

/** The host of an origin, or the origin itself when it has none (`null`, `file://`). */
function hostOf(origin: string): string {
  try {
    return new URL(origin).host || origin;
  } catch {
    return origin;
  }
}

/** Whether the element can take pasted text (a text field or something contenteditable). */
function isEditable(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el || typeof el.tagName !== 'string') return false;
  return el.tagName === 'TEXTAREA' || el.tagName === 'INPUT' || el.isContentEditable === true;
}

function localText(text: LocalText | null, lang: 'zh_CN' | 'en'): string | null {
  if (!text) return null;
  return text[lang] ?? text.en ?? text.zh_CN ?? null;
}

export function startGuard(env: GuardEnv): Guard {
  const { win } = env;
  const doc = win.document;
  let policy: CompiledPolicy | null = null;
  const checker = createChecker(() => env.readClientList());
  // A held paste waits for the first policy from either source: the initial load, or a change
  // (when the load failed or is slow). A failed load is not left as an unhandled rejection.
  let policyArrived!: () => void;
  const policyReady = new Promise<void>((resolve) => (policyArrived = resolve));
  env.loadPolicy().then(
    (p) => {
      policy ??= p;
      policyArrived();
    },
    (err: unknown) => console.error('ClientGuard: no policy yet:', (err as Error)?.message),
  );
  env.onPolicyChange((p) => {
    policy = p;
    policyArrived();
  });
  let notice: NoticeHandle | null = null;
  if (env.isTop) env.onRelayedNotice(showHere);

  function typeLabel(type: FindingType): string {
    return env.t(`type_${type}`) || type;
  }

  function record(
    kind: EventKind,
    d: Decision,
    text: string,
    p: CompiledPolicy,
    action = d.action,
  ): void {
    if (!d.log) return;
    const report: DecisionReport = {
      reportId: env.newId(),
      kind,
      action,
      ruleId: d.ruleId,
      policyId: p.id,
      findings: summarise(d.findings),
      length: text.length,
    };
    void env.report(report);
  }

  function showHere(content: NoticeContent): void {
    notice?.close();
    notice = showNotice(doc, content);
  }

  /**
   * Tells the user why. A frame too small to hold the notice (a chat widget, an embedded form)
   * asks for it in the tab's top frame, through the background; when that fails it shows it
   * here anyway.
   */
  function notify(d: Decision): void {
    const findings = summarise(d.findings).map((f) => ({
      label: typeLabel(f.type),
      count: f.count,
      masked: f.masked,
    }));
    const relay = !env.isTop && tooSmallForNotice(win);
    const content: NoticeContent = {
      title: env.t('noticeBlockedTitle'),
      reason: env.t(REASONS[d.ruleId ?? ''] ?? 'noticeReasonSite'),
      where: env.t(relay ? 'noticeWhereFrame' : 'noticeWhere', [hostOf(env.origin)]),
      message: localText(d.message, env.language),
      foundLabel: env.t('noticeFound'),
      findings,
      ruleLabel: env.t('noticeRule', [d.ruleId ?? '-']),
      dismissLabel: env.t('noticeDismiss'),
    };
    if (!relay) return showHere(content);
    env.relayNotice(content).then(
      (shown) => shown || showHere(content),
      () => showHere(content),
    );
  }

  /**
   * Applies a decision. warn and redact are accepted by the policy schema but their UI is not
   * built yet: they are enforced as block (the safe side) and logged as block.
   */
  function enforce(kind: EventKind, d: Decision, text: string, p: CompiledPolicy): boolean {
    if (d.action === 'allow') {
      record(kind, d, text, p);
      return true;
    }
    notify(d);
    record(kind, d, text, p, 'block');
    return false;
  }

  /**
   * The decision when the check itself failed: a block by the pseudo-rule `engine-error`,
   * shown and logged like any other, so text is never let through unchecked.
   */
  function failed(err: unknown): Decision {
    console.error('ClientGuard: check failed, paste blocked:', (err as Error)?.message);
    return {
      action: 'block',
      ruleId: 'engine-error',
      message: null,
      approved: false,
      findings: [],
      log: true,
    };
  }

  /**
   * The safe path: the event is already stopped. Waits for the policy, scans in chunks that
   * yield to the page, then re-delivers an allowed paste (see ./insert.ts) or shows the notice.
   * Any failure on the way blocks, with a notice, and is logged as a block.
   */
  function hold(e: Event, t: Transfer, kind: EventKind): void {
    const saved = kind === 'paste' ? saveTarget(e.target, doc) : null;
    void (async () => {
      const p = await policyReady.then(() => policy!);
      const pause = () => new Promise<void>((r) => setTimeout(r, 0));
      let d: Decision;
      try {
        const detector = await checker.prepare(p);
        d = decide(await detectChunked(detector, t.text, { pause }), env.origin, p);
      } catch (err) {
        d = failed(err);
      }
      if (!enforce(kind, d, t.text, p) || !saved) return;
      inserting = true;
      try {
        if (!redispatchPaste(saved, t.plain, t.html)) insertAt(saved, t.plain, doc);
      } finally {
        inserting = false;
      }
    })();
  }

  let inserting = false;

  function onTransfer(e: Event, data: DataTransfer | null, kind: EventKind): void {
    if (inserting || !data) return;
    let t: Transfer;
    try {
      t = readTransfer(data);
    } catch {
      const plain = data.getData('text/plain');
      t = { text: plain, plain, html: '' };
    }
    const { text } = t;
    if (text === '') return;
    // Stop it first: whatever happens below, the page must not see it unless we allow it.
    const stop = () => {
      e.preventDefault();
      e.stopImmediatePropagation();
    };
    const p = policy;
    let detector: Detector | null = null;
    try {
      detector = p && text.length <= SYNC_LIMIT ? checker.ready(p) : null;
    } catch (err) {
      console.error('ClientGuard: could not build the detector:', (err as Error)?.message);
    }
    // Not ready to decide now (no policy yet, a client list still loading, a huge text): hold.
    // A dropped payload cannot be re-inserted at the drop point: it is held only to decide.
    if (!p || !detector) {
      stop();
      hold(e, t, kind);
      return;
    }
    let allowed = false;
    try {
      let d: Decision;
      try {
        d = decide(detector.detect(text), env.origin, p);
      } catch (err) {
        d = failed(err);
      }
      allowed = enforce(kind, d, text, p);
    } finally {
      // Whatever failed above (engine, notice), the text does not go through unchecked.
      if (!allowed) stop();
    }
  }

  const onPaste = (e: Event) => onTransfer(e, (e as ClipboardEvent).clipboardData, 'paste');
  const onDrop = (e: Event) => onTransfer(e, (e as DragEvent).dataTransfer, 'drop');
  // The first focus on something editable (or a drag over the frame) says a paste may come:
  // prepare the detector then, off the paste's critical path.
  const onFocus = (e: Event) => {
    if (policy && isEditable(e.target)) checker.warm(policy);
  };
  const onDragEnter = () => {
    if (policy) checker.warm(policy);
  };
  win.addEventListener('paste', onPaste, { capture: true });
  win.addEventListener('drop', onDrop, { capture: true });
  win.addEventListener('focusin', onFocus, { capture: true });
  win.addEventListener('dragenter', onDragEnter, { capture: true });
  env.onInvalidated(() => {
    win.removeEventListener('paste', onPaste, { capture: true });
    win.removeEventListener('drop', onDrop, { capture: true });
    win.removeEventListener('focusin', onFocus, { capture: true });
    win.removeEventListener('dragenter', onDragEnter, { capture: true });
    // The page outlives the content script (extension reloaded or updated): take our UI along.
    notice?.close();
    notice = null;
  });

  return { policy: () => policy };
}
