/**
 * The in-page notice shown when ClientGuard stops a paste. Rendered by the content script into
 * a closed shadow root (see utils/content/notice.ts), so page CSS cannot reach it and page
 * scripts cannot read or restyle it. Text comes from _locales; values are already masked.
 */
import { useEffect } from 'preact/hooks';
import type { NoticeContent } from '../utils/notice-content';

export interface NoticeProps extends NoticeContent {
  onClose: () => void;
}

export function Notice(props: NoticeProps) {
  useEffect(() => {
    const t = setTimeout(props.onClose, 12_000);
    return () => clearTimeout(t);
  }, [props.onClose]);
  return (
    <div class="cg-notice" role="alert" aria-live="assertive">
      <div class="cg-head">
        <svg class="cg-shield" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true">
          <path d="M12 2 4 5v6c0 5 3.4 9.4 8 11 4.6-1.6 8-6 8-11V5l-8-3z" fill="#c62828" />
          <path d="M8 8l8 8M16 8l-8 8" stroke="#fff" stroke-width="2.2" stroke-linecap="round" />
        </svg>
        <strong>{props.title}</strong>
        <button
          class="cg-close"
          type="button"
          aria-label={props.dismissLabel}
          onClick={props.onClose}
        >
          ×
        </button>
      </div>
      <p class="cg-reason">{props.reason}</p>
      <p class="cg-where">{props.where}</p>
      {props.message && <p class="cg-message">{props.message}</p>}
      <div class="cg-found">{props.foundLabel}</div>
      <ul>
        {props.findings.map((f) => (
          <li key={f.label}>
            <span class="cg-type">{f.label}</span>
            {f.count > 1 && <span class="cg-count">×{f.count}</span>}
            <code>{f.masked.join('  ')}</code>
          </li>
        ))}
      </ul>
      <div class="cg-rule">{props.ruleLabel}</div>
    </div>
  );
}

/** Styles for the notice's shadow root (all:initial first, so nothing is inherited). */
export const NOTICE_CSS = `
:host { all: initial; }
.cg-notice { position: fixed; top: 16px; right: 16px; z-index: 2147483647; box-sizing: border-box;
  width: min(380px, calc(100vw - 32px)); background: #fff; color: #1f2328; border-radius: 10px;
  border-left: 5px solid #c62828; box-shadow: 0 8px 28px rgba(0,0,0,.28); padding: 12px 14px;
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", "PingFang SC", "Microsoft YaHei", sans-serif; }
.cg-head { display: flex; align-items: center; gap: 8px; font-size: 15px; }
.cg-shield { flex: none; }
.cg-head strong { flex: 1; }
.cg-close { all: unset; cursor: pointer; font-size: 20px; line-height: 1; padding: 0 4px; color: #57606a; }
.cg-close:focus-visible { outline: 2px solid #0969da; border-radius: 4px; }
p { margin: 6px 0; }
.cg-message { background: #fff4e5; border-radius: 6px; padding: 6px 8px; }
.cg-found { margin-top: 8px; font-weight: 600; font-size: 13px; color: #57606a; }
ul { list-style: none; margin: 4px 0; padding: 0; }
li { display: flex; flex-wrap: wrap; gap: 6px; align-items: baseline; padding: 2px 0; }
.cg-type { font-weight: 600; }
.cg-count { color: #57606a; font-size: 12px; }
code { font: 12px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: #f6f8fa;
  padding: 1px 5px; border-radius: 4px; word-break: break-all; }
.cg-rule { margin-top: 6px; font-size: 12px; color: #57606a; }
.cg-where { font-size: 12px; color: #57606a; }
`;
