/** Inserting text ourselves after the hold path decided to let it through (browser-side). */

export interface SavedTarget {
  element: HTMLElement;
  /** For input / textarea. */
  selection: [number, number] | null;
  /** For contenteditable. */
  range: Range | null;
}

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

/** Inserts text at the saved position, as the user's paste would have (input events fire). */
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
  // execCommand keeps the undo stack and fires beforeinput/input like a real paste.
  if (doc.execCommand('insertText', false, text)) return;
  if (isTextField(el)) {
    const [a, b] = saved.selection ?? [el.value.length, el.value.length];
    el.setRangeText(text, a, b, 'end');
    el.dispatchEvent(
      new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste', data: text }),
    );
  }
}
