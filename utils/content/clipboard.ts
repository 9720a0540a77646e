/** Reading text out of a paste or drop (browser-side: uses DOMParser for HTML). */

/** Visible text of an HTML fragment, without running scripts or loading resources. */
export function htmlToText(html: string): string {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  doc.querySelectorAll('script,style,template').forEach((n) => n.remove());
  return doc.body?.textContent ?? '';
}

/**
 * The text to check: the plain text, plus the HTML's text when the HTML carries something the
 * plain text does not (a rich paste can hide data in markup that still lands in the page).
 * Returns '' when there is no text at all (files, images), which passes untouched.
 */
export function textOf(data: DataTransfer): string {
  const plain = data.getData('text/plain');
  const html = data.types.includes('text/html') ? data.getData('text/html') : '';
  if (!html) return plain;
  const fromHtml = htmlToText(html);
  const squash = (s: string) => s.replace(/\s+/g, '');
  return squash(plain).includes(squash(fromHtml)) ? plain : `${plain}\n${fromHtml}`;
}
