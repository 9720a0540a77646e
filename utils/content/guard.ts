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
 *   - loading, or text > SYNC_LIMIT              → hold: stop the event, wait for the policy,
 *                                                   detect in chunks (the page stays responsive),
 *                                                   then insert the plain text or block
 * Browser access comes in through GuardEnv so tests can drive it with fakes.
 */
import { detectChunked } from '../detect/chunked';
import { createDetector } from '../detect/engine';
import type { DetectResult, Detector, FindingType } from '../detect/types';
import { decide, type Decision } from '../decide';
import { summarise, type DecisionReport, type EventKind } from '../log/event';
import type { CompiledPolicy } from '../policy/compile';
import type { LocalText } from '../policy/types';
import { textOf } from './clipboard';
import { insertAt, saveTarget } from './insert';
import { showNotice } from './notice';

/** Longest text decided synchronously inside the handler (characters). */
export const SYNC_LIMIT = 200_000;

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
}

export interface Guard {
  /** The policy in force in this frame, once loaded. */
  policy(): CompiledPolicy | null;
}

function localText(text: LocalText | null, lang: 'zh_CN' | 'en'): string | null {
  if (!text) return null;
  return text[lang] ?? text.en ?? text.zh_CN ?? null;
}

export function startGuard(env: GuardEnv): Guard {
  const { win } = env;
  const doc = win.document;
  let policy: CompiledPolicy | null = null;
  let detector: Detector | null = null;
  const policyReady = env.loadPolicy().then((p) => (policy ??= p));
  env.onPolicyChange((p) => (policy = p));

  const getDetector = () => (detector ??= createDetector());

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

  function notify(d: Decision): void {
    const findings = summarise(d.findings).map((f) => ({
      label: typeLabel(f.type),
      count: f.count,
      masked: f.masked,
    }));
    showNotice(doc, {
      title: env.t('noticeBlockedTitle'),
      reason: env.t(d.ruleId === 'engine-limit' ? 'noticeReasonLimit' : 'noticeReasonSite'),
      message: localText(d.message, env.language),
      foundLabel: env.t('noticeFound'),
      findings,
      ruleLabel: env.t('noticeRule', [d.ruleId ?? '-']),
      dismissLabel: env.t('noticeDismiss'),
    });
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

  function decideNow(text: string, p: CompiledPolicy, result: DetectResult): Decision {
    return decide(result, env.origin, p);
  }

  function hold(e: Event, text: string, kind: EventKind): void {
    const saved = kind === 'paste' ? saveTarget(e.target, doc) : null;
    void (async () => {
      const p = await policyReady.then(() => policy!);
      const pause = () => new Promise<void>((r) => setTimeout(r, 0));
      const result = await detectChunked(getDetector(), text, { pause });
      const d = decideNow(text, p, result);
      if (enforce(kind, d, text, p) && saved) {
        inserting = true;
        try {
          insertAt(saved, text, doc);
        } finally {
          inserting = false;
        }
      }
    })();
  }

  let inserting = false;

  function onTransfer(e: Event, data: DataTransfer | null, kind: EventKind): void {
    if (inserting || !data) return;
    let text: string;
    try {
      text = textOf(data);
    } catch {
      text = data.getData('text/plain');
    }
    if (text === '') return;
    // Stop it first: whatever happens below, the page must not see it unless we allow it.
    const stop = () => {
      e.preventDefault();
      e.stopImmediatePropagation();
    };
    const p = policy;
    // A dropped payload cannot be re-inserted at the drop point: hold it only to decide.
    if (!p || text.length > SYNC_LIMIT) {
      stop();
      hold(e, text, kind);
      return;
    }
    let allowed = false;
    try {
      allowed = enforce(kind, decideNow(text, p, getDetector().detect(text)), text, p);
    } catch (err) {
      // An engine failure never lets text through unchecked.
      console.error('ClientGuard: check failed, paste blocked', (err as Error).message);
    }
    if (!allowed) stop();
  }

  const onPaste = (e: Event) => onTransfer(e, (e as ClipboardEvent).clipboardData, 'paste');
  const onDrop = (e: Event) => onTransfer(e, (e as DragEvent).dataTransfer, 'drop');
  win.addEventListener('paste', onPaste, { capture: true });
  win.addEventListener('drop', onDrop, { capture: true });
  env.onInvalidated(() => {
    win.removeEventListener('paste', onPaste, { capture: true });
    win.removeEventListener('drop', onDrop, { capture: true });
  });

  return { policy: () => policy };
}
