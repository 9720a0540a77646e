/**
 * Mounts the Notice component in a closed shadow root on the page (browser-side). One notice
 * per frame at a time; it removes itself when dismissed, after a timeout, or when the content
 * script's context is invalidated.
 */
import { h, render } from 'preact';
import { Notice, NOTICE_CSS, type NoticeProps } from '../../components/Notice';

export const NOTICE_TAG = 'clientguard-notice';

export interface NoticeHandle {
  close(): void;
}

export function showNotice(doc: Document, props: Omit<NoticeProps, 'onClose'>): NoticeHandle {
  doc.querySelectorAll(NOTICE_TAG).forEach((n) => n.remove());
  const host = doc.createElement(NOTICE_TAG);
  host.setAttribute('data-state', 'blocked');
  const root = host.attachShadow({ mode: 'closed' });
  const style = doc.createElement('style');
  style.textContent = NOTICE_CSS;
  root.append(style);
  const mount = doc.createElement('div');
  root.append(mount);
  const close = () => {
    render(null, mount);
    host.remove();
  };
  render(h(Notice, { ...props, onClose: close }), mount);
  (doc.body ?? doc.documentElement).append(host);
  return { close };
}
