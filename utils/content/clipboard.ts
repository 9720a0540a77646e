/** Reading text out of a paste or drop (browser-side: uses DOMParser for HTML). */

/** Elements that start a new line or cell when rendered. */
const BLOCKS =
  'address,article,aside,blockquote,br,caption,dd,div,dl,dt,figcaption,figure,footer,form,' +
  'h1,h2,h3,h4,h5,h6,header,hr,li,main,nav,ol,p,pre,section,table,tbody,td,tfoot,th,thead,tr,ul';

/** Visible text of an HTML fragment, without running scripts or loading resources. */
export function htmlToText(html: string): string {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  doc.querySelectorAll('script,style,template').forEach((n) => n.remove());
  // textContent glues cells and blocks together (`<td>138…</td><td>1101…</td>` becomes one
  // run of digits in which no value is found): break the text where the layout does.
  doc.querySelectorAll(BLOCKS).forEach((n) => {
    n.before('\n');
    n.after('\n');
  });
  return doc.body?.textContent ?? '';
}

export interface Transfer {
  /** What is checked: the plain text, plus the HTML's text when it carries more. */
  text: string;
  /** The payload as it came, for re-delivery when a held paste is allowed. */
  plain: string;
  html: string;
}

const squash = (s: string) => s.replace(/\s+/g, '');

/**
 * Reads a DataTransfer once, inside the event handler (it is unreadable afterwards). The text
 * to check is the plain text, plus the HTML's text when the HTML carries something the plain
 * text does not (a rich paste can hide data in markup that still lands in the page). `text`
 * is '' when there is no text at all (files, images), which passes untouched. A broken HTML
 * part never loses the plain text.
 */
export function readTransfer(data: DataTransfer): Transfer {
  const plain = data.getData('text/plain');
  const html = data.types.includes('text/html') ? data.getData('text/html') : '';
  if (!html) return { text: plain, plain, html };
  let fromHtml: string;
  try {
    fromHtml = htmlToText(html);
  } catch {
    // Unparseable markup still reaches the page on a native paste: check its raw text.
    fromHtml = html;
  }
  const text = squash(plain).includes(squash(fromHtml)) ? plain : `${plain}\n${fromHtml}`;
  return { text, plain, html };
}

/** The text to check in a DataTransfer (see readTransfer). */
export function textOf(data: DataTransfer): string {
  return readTransfer(data).text;
}
