/**
 * Delivering a held paste after the safe path decided to let it through (browser-side).
 *
 * The original paste event was stopped, so the browser will not insert anything. ClientGuard
 * first offers the page the same content as a new `paste` event (a DataTransfer with the
 * original plain text and HTML): rich editors that handle pastes themselves take it from there
 * and call preventDefault. When nobody did, ClientGuard inserts the plain text at the position
 * saved when the paste arrived.
 *
 * Insertion speed: `execCommand('insertText')` keeps the undo stack and fires beforeinput/input
 * like a real paste, but Chromium's editing code is quadratic in the number of lines (100 KB of
 * text takes seconds). Up to EXEC_COMMAND_LIMIT characters it is used; above that, fields get
 * `setRangeText` and editable elements a fragment of text and <br> nodes, each followed by an
 * `input` event of type insertFromPaste.
 */

export interface SavedTarget {
  element: HTMLElement;
  /** For input / textarea. */
  selection: [number, number] | null;
  /** For contenteditable. */
  range: Range | null;
}

/** Longest text inserted through execCommand (characters). */
export const EXEC_COMMAND_LIMIT = 8_192;

function isTextField(el: Element): el is HTMLInputElement | HTMLTextAreaElement {
  return (
    el instanceof HTMLTextAreaElement ||
    (el instanceof HTMLInputElement && el.selectionStart !== null)
  );
}

/** Remembers where the paste was aimed, before the page can move the caret. */
export function saveTarget(target: EventTarget | null, doc: Document): SavedTarget | null {
  if (!(target instanceof HTMLElement)) return null;
  const el = (target.closest('input,textarea,[contenteditable]') as HTMLElement | null) ?? target;
  if (isTextField(el))
    return { element: el, selection: [el.selectionStart ?? 0, el.selectionEnd ?? 0], range: null };
  const sel = doc.getSelection();
  return {
    element: el,
    selection: null,
    range: sel && sel.rangeCount > 0 ? sel.getRangeAt(0).cloneRange() : null,
  };
}

/**
 * Offers the content to the page as a new paste event; returns true when a page listener took
 * it (called preventDefault), so nothing more is to be inserted.
 */
export function redispatchPaste(saved: SavedTarget, plain: string, html: string): boolean {
  let data: DataTransfer;
  try {
    data = new DataTransfer();
    data.setData('text/plain', plain);
    if (html) data.setData('text/html', html);
  } catch {
    return false;
  }
  const event = new ClipboardEvent('paste', {
    clipboardData: data,
    bubbles: true,
    cancelable: true,
    composed: true,
  });
  saved.element.dispatchEvent(event);
  return event.defaultPrevented;
}

function inputEvent(el: HTMLElement, text: string): void {
  el.dispatchEvent(
    new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste', data: text }),
  );
}

/** Inserts text at the saved position, as the user's paste would have. */
export function insertAt(saved: SavedTarget, text: string, doc: Document): void {
  const el = saved.element;
  el.focus();
  if (isTextField(el) && saved.selection) {
    el.setSelectionRange(saved.selection[0], saved.selection[1]);
  } else if (saved.range) {
    const sel = doc.getSelection();
    sel?.removeAllRanges();
    sel?.addRange(saved.range);
  }
  if (text.length <= EXEC_COMMAND_LIMIT && doc.execCommand('insertText', false, text)) return;
  if (isTextField(el)) {
    const [a, b] = saved.selection ?? [el.value.length, el.value.length];
    el.setRangeText(text, a, b, 'end');
    inputEvent(el, text);
    return;
  }
  if (!el.isContentEditable) return;
  const range = saved.range ?? doc.createRange();
  if (!saved.range) {
    range.selectNodeContents(el);
    range.collapse(false);
  }
  const fragment = doc.createDocumentFragment();
  const lines = text.split(/\r\n|\r|\n/);
  lines.forEach((line, i) => {
    if (i > 0) fragment.append(doc.createElement('br'));
    if (line) fragment.append(doc.createTextNode(line));
  });
  const last = fragment.lastChild;
  range.deleteContents();
  range.insertNode(fragment);
  if (last) {
    const sel = doc.getSelection();
    const caret = doc.createRange();
    caret.setStartAfter(last);
    caret.collapse(true);
    sel?.removeAllRanges();
    sel?.addRange(caret);
  }
  inputEvent(el, text);
}
