/**
 * Context around a candidate, for the detectors' `validate`:
 *
 * - **Label before the value.** A context word (身份证, 卡号, passport…) within
 *   `CONTEXT_WINDOW` characters before the candidate. The engine uses the same window to raise a
 *   validated finding to `context`; detectors use it to admit weak forms (a 15-digit ID, a bare
 *   8-digit Taiwan permit) that are only reported when labeled.
 * - **Column header.** In pasted spreadsheet rows (TSV, CSV, Markdown tables), the label sits in
 *   the header cell of the candidate's column, not next to it. `columnHeaderHas` finds the block
 *   of consecutive delimited lines around the candidate, takes its first line as the header and
 *   tests the cell in the candidate's column. In such a data row a label before the value only
 *   counts inside the row, so a header word naming another column never labels this one.
 * - **Labeled as something else.** `labeledAsOther`: a word such as 订单号 / invoice / tracking
 *   directly before the value (no digit or sentence end in between, no context word of the
 *   detector after it) means the number is an order, invoice or tracking number, not client
 *   data.
 *
 * Work is bounded: the window checks look at a fixed number of characters, and the header
 * lookup caches the block it found (text, range, header line), so a 10,000-row paste costs one
 * walk up to the header, not one per row. The cache holds one entry (the last text scanned); it
 * keeps a reference to that text until the next call with another text.
 */

/** How far before a candidate a context word may stand (characters); the engine's window. */
export const CONTEXT_WINDOW = 24;

/** How far before a candidate a "not client data" label may stand (characters). */
export const OTHER_LABEL_WINDOW = 16;

/**
 * Labels that say the number after them is not client data: order, invoice, contract, tracking
 * and transaction references, product and version numbers, postcodes. Lower case.
 */
export const OTHER_LABELS: readonly string[] = [
  '订单',
  '单号',
  '发票',
  '运单',
  '快递',
  '物流',
  '合同编号',
  '合同号',
  '流水',
  '交易号',
  '交易编号',
  '工单',
  '批次',
  '序列号',
  '型号',
  '版本',
  '邮编',
  '邮政编码',
  '条码',
  '券码',
  '凭证号',
  'order',
  'invoice',
  'tracking',
  'waybill',
  'serial',
  'sku',
  'version',
  'build',
  'isbn',
  'postcode',
  'zip',
  'txn',
  'transaction',
];

/** Lower-cased text of the `width` characters before `start`. */
function before(text: string, start: number, width: number): string {
  return text.slice(Math.max(0, start - width), start).toLowerCase();
}

/** Whether `word` (lower case) occurs in `text` at `at`, comparing ASCII letters case-blind. */
function wordAt(text: string, at: number, word: string): boolean {
  for (let k = 0; k < word.length; k++) {
    let c = text.charCodeAt(at + k);
    if (c >= 65 && c <= 90) c += 32;
    if (c !== word.charCodeAt(k)) return false;
  }
  return true;
}

/**
 * Whether one of `words` (lower case) stands within `window` characters before `start`.
 * Compares without copying the window; only ASCII letters are case-folded, which is exact for
 * the detectors' words (CJK and lower-case ASCII).
 */
export function contextBefore(
  text: string,
  start: number,
  words: readonly string[],
  window = CONTEXT_WINDOW,
): boolean {
  const from = start > window ? start - window : 0;
  for (const w of words) {
    const w0 = w.charCodeAt(0);
    for (let j = from; j + w.length <= start; j++) {
      let c = text.charCodeAt(j);
      if (c >= 65 && c <= 90) c += 32;
      if (c === w0 && wordAt(text, j, w)) return true;
    }
  }
  return false;
}

interface HeaderCache {
  text: string;
  delimiter: number;
  /** The block [from, to) of delimited lines known to share the header below. */
  from: number;
  to: number;
  /** Start and end of the header line. */
  headerStart: number;
  headerEnd: number;
}

let cache: HeaderCache | undefined;

const TAB = 9;
const COMMA = 44;
const PIPE = 124;

/** The delimiter of a line (tab, then `|`, then comma), or 0 when it has none. */
function lineDelimiter(text: string, from: number, to: number): number {
  let comma = false;
  let pipe = false;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === TAB) return TAB;
    if (c === PIPE) pipe = true;
    else if (c === COMMA) comma = true;
  }
  return pipe ? PIPE : comma ? COMMA : 0;
}

/** Longest line considered a spreadsheet row (characters); longer lines are prose. */
const MAX_ROW = 2048;

/** Start of the line holding `at`, or -1 when it is further back than MAX_ROW. */
function rowStart(text: string, at: number): number {
  const stop = Math.max(0, at - MAX_ROW);
  for (let i = at - 1; i >= stop; i--) if (text.charCodeAt(i) === 10) return i + 1;
  return stop === 0 ? 0 : -1;
}

/** End of the line holding `at` (index of its newline or text length), or -1 past MAX_ROW. */
function rowEnd(text: string, at: number): number {
  const stop = Math.min(text.length, at + MAX_ROW);
  for (let i = at; i < stop; i++) if (text.charCodeAt(i) === 10) return i;
  return stop === text.length ? stop : -1;
}

function hasChar(text: string, from: number, to: number, ch: number): boolean {
  for (let i = from; i < to; i++) if (text.charCodeAt(i) === ch) return true;
  return false;
}

/** The header cell of a candidate's column, and the start of the candidate's row. */
interface HeaderCell {
  rowStart: number;
  /** Cell bounds in the header line; both -1 when the header has no cell for that column. */
  cellStart: number;
  cellEnd: number;
}

/**
 * The header cell above `start` (same column, first line of the block of consecutive lines
 * that use the same delimiter), or null when the candidate is not in a data row of such a
 * block (no delimiter, no line above, or it is in the header line itself).
 */
function headerCell(text: string, start: number): HeaderCell | null {
  const lineStart = rowStart(text, start);
  const lineEnd = rowEnd(text, start);
  if (lineStart < 0 || lineEnd < 0) return null;
  const delimiter = lineDelimiter(text, lineStart, lineEnd);
  if (delimiter === 0) return null;

  let headerStart: number;
  let headerEnd: number;
  const c = cache;
  if (
    c &&
    c.text === text &&
    c.delimiter === delimiter &&
    lineStart >= c.from &&
    lineStart < c.to
  ) {
    headerStart = c.headerStart;
    headerEnd = c.headerEnd;
  } else {
    // Walk up while the previous line uses the delimiter; jump when we reach the cached block.
    headerStart = lineStart;
    headerEnd = lineEnd;
    while (headerStart > 0) {
      const prevEnd = headerStart - 1;
      if (
        c &&
        c.text === text &&
        c.delimiter === delimiter &&
        prevEnd >= c.from &&
        prevEnd < c.to
      ) {
        headerStart = c.headerStart;
        headerEnd = c.headerEnd;
        break;
      }
      const prevStart = rowStart(text, prevEnd);
      if (prevStart < 0 || !hasChar(text, prevStart, prevEnd, delimiter)) break;
      headerStart = prevStart;
      headerEnd = prevEnd;
    }
    cache = { text, delimiter, from: headerStart, to: lineEnd + 1, headerStart, headerEnd };
  }
  if (headerStart === lineStart) return null;

  // Column of the candidate, then the same cell of the header line.
  let column = 0;
  for (let i = lineStart; i < start; i++) if (text.charCodeAt(i) === delimiter) column++;
  let cellStart = headerStart;
  for (let k = 0; k < column; k++) {
    while (cellStart < headerEnd && text.charCodeAt(cellStart) !== delimiter) cellStart++;
    if (cellStart >= headerEnd) return { rowStart: lineStart, cellStart: -1, cellEnd: -1 };
    cellStart++;
  }
  let cellEnd = cellStart;
  while (cellEnd < headerEnd && text.charCodeAt(cellEnd) !== delimiter) cellEnd++;
  return { rowStart: lineStart, cellStart, cellEnd };
}

/** Whether the header cell contains one of `words` (lower case). */
function cellHas(text: string, cell: HeaderCell, words: readonly string[]): boolean {
  for (const w of words)
    for (let j = cell.cellStart; j >= 0 && j + w.length <= cell.cellEnd; j++)
      if (wordAt(text, j, w)) return true;
  return false;
}

/**
 * Whether the header cell above `start` (same column, first line of the block of consecutive
 * lines that use the same delimiter) contains one of `words` (lower case).
 */
export function columnHeaderHas(text: string, start: number, words: readonly string[]): boolean {
  if (words.length === 0) return false;
  const cell = headerCell(text, start);
  return cell !== null && cellHas(text, cell, words);
}

/**
 * A label before the value or in its column header. In a data row of a table the label before
 * the value must stand in the same row: the window does not reach back into the header line,
 * where a word names another column (「姓名,电话,台胞证\n陈美玲,58203917」: 58203917 is in the
 * 电话 column, not a permit).
 */
export function hasContext(text: string, start: number, words: readonly string[]): boolean {
  // Most candidates have no label before them: that answer needs no table lookup.
  if (!contextBefore(text, start, words)) return columnHeaderHas(text, start, words);
  const cell = headerCell(text, start);
  if (cell === null || cellHas(text, cell, words)) return true;
  return contextBefore(text, start, words, Math.min(CONTEXT_WINDOW, start - cell.rowStart));
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/**
 * Characters that end a clause: a label before one of them belongs to another sentence
 * (「…开具发票。Call me on 138…」). The ASCII full stop is not one (`Order No. 4573…`), nor is a
 * newline (a form puts 订单号 on the line above its number).
 */
function isClauseEnd(c: number): boolean {
  return (
    c === 0x3002 /* 。 */ ||
    c === 0xff01 /* ！ */ ||
    c === 0xff1f /* ？ */ ||
    c === 0xff1b /* ； */ ||
    c === 33 /* ! */ ||
    c === 63 /* ? */ ||
    c === 59 /* ; */
  );
}

/**
 * Whether the value at `start` is labeled as something that is not client data (an order,
 * invoice or tracking number…): one of `OTHER_LABELS` within `OTHER_LABEL_WINDOW` characters
 * before it, no digit and no end of clause (。！？；!?;) between that label and the value,
 * and none of the detector's own `words` after the label (「订单联系人手机 138…」 is still a
 * phone). `labels` replaces the default list (e.g. a card detector passes 身份证 to step aside
 * for an ID number).
 */
export function labeledAsOther(
  text: string,
  start: number,
  words: readonly string[],
  labels: readonly string[] = OTHER_LABELS,
): boolean {
  if (start === 0) return false;
  const b = before(text, start, OTHER_LABEL_WINDOW);
  let at = -1;
  let len = 0;
  for (const w of labels) {
    const i = b.lastIndexOf(w);
    if (i > at) {
      at = i;
      len = w.length;
    }
  }
  if (at < 0) return false;
  for (let i = at + len; i < b.length; i++) {
    const c = b.charCodeAt(i);
    if (isDigit(c) || isClauseEnd(c)) return false;
  }
  const tail = b.slice(at + len);
  for (const w of words) if (tail.includes(w)) return false;
  return true;
}
