// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Notice, type NoticeProps } from '../../../components/Notice';
import { NOTICE_TAG, showNotice } from '../../../utils/content/notice';

const props: Omit<NoticeProps, 'onClose'> = {
  title: 'ClientGuard blocked this paste',
  reason: 'This site is not approved for this kind of client data.',
  where: 'Site: chat.example.net',
  message: 'Client identifiers stay in the CRM.',
  foundLabel: 'Found',
  findings: [
    { label: 'Resident ID number', count: 1, masked: ['1101**********544X'] },
    { label: 'Mobile number', count: 3, masked: ['138****5678', '139****0001'] },
  ],
  ruleLabel: 'Rule: block-identifiers',
  dismissLabel: 'Dismiss',
};

afterEach(() => {
  vi.useRealTimers();
  document.body.replaceChildren();
});

describe('Notice', () => {
  it('says why: title, reason, the admin’s message, what was found (masked) and the rule', () => {
    const root = document.createElement('div');
    act(() => render(<Notice {...props} onClose={() => undefined} />, root));
    const text = root.textContent ?? '';
    for (const s of [
      props.title,
      props.reason,
      props.message!,
      'Resident ID number',
      '1101**********544X',
      '×3',
      '138****5678',
      'Rule: block-identifiers',
    ])
      expect(text).toContain(s);
    expect(root.querySelector('[role="alert"]')).not.toBeNull();
    expect(root.querySelector('button')!.getAttribute('aria-label')).toBe('Dismiss');
    // A single finding shows no count.
    expect(root.querySelectorAll('.cg-count')).toHaveLength(1);
  });

  it('without an admin message shows no message box', () => {
    const root = document.createElement('div');
    act(() => render(<Notice {...props} message={null} onClose={() => undefined} />, root));
    expect(root.querySelector('.cg-message')).toBeNull();
  });

  it('closes on the button and by itself after 12 s', () => {
    vi.useFakeTimers();
    const onClose = vi.fn();
    const root = document.createElement('div');
    act(() => render(<Notice {...props} onClose={onClose} />, root));
    act(() => root.querySelector('button')!.click());
    expect(onClose).toHaveBeenCalledTimes(1);
    act(() => {
      vi.advanceTimersByTime(12_000);
    });
    expect(onClose).toHaveBeenCalledTimes(2);
  });
});

describe('showNotice', () => {
  it('mounts one notice per frame in a closed shadow root, and removes it on close', () => {
    const a = showNotice(document, props);
    showNotice(document, props);
    const hosts = document.querySelectorAll(NOTICE_TAG);
    expect(hosts).toHaveLength(1);
    // Closed: the page cannot reach into it.
    expect((hosts[0] as HTMLElement).shadowRoot).toBeNull();
    expect(hosts[0]!.textContent).toBe('');
    a.close();
    expect(document.querySelectorAll(NOTICE_TAG)).toHaveLength(1);
    document.querySelectorAll(NOTICE_TAG).forEach((n) => n.remove());
  });

  it('removes itself after the timeout', () => {
    vi.useFakeTimers();
    act(() => void showNotice(document, props));
    expect(document.querySelectorAll(NOTICE_TAG)).toHaveLength(1);
    act(() => {
      vi.advanceTimersByTime(11_000);
    });
    expect(document.querySelectorAll(NOTICE_TAG)).toHaveLength(1);
    act(() => {
      vi.advanceTimersByTime(1_000);
    });
    expect(document.querySelectorAll(NOTICE_TAG)).toHaveLength(0);
  });
});
