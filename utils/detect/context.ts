/**
 * Context around a candidate, for the detectors' `validate`:
 *
 * - **Label before the value.** A context word (身份证, 卡号, passport…) that ends within
 *   `CONTEXT_WINDOW` characters before the candidate. The distance is measured from the end of
 *   the word, so a long label (`mainland travel permit for taiwan`) counts as well as a short one
 *   (卡号) at the same distance. In ASCII words a space also matches `_`, so field names
 *   (`mainland_travel_permit_tw`, `employee_no`) are labels too. Detectors use it to admit weak
 *   forms (a 15-digit ID, a bare 8-digit Taiwan permit) that are only reported when labeled.
 * - **A bracketed note between label and value.** `Social Security No.: (as printed on the card)
 *   529384716`, 「社会安全号（美国，仅限报税用途）：418392057」: a form label, then a note about the
 *   value, then the value. `hasContext` skips one bracketed group (`(…)`, `（…）`, `[…]`, `【…】`,
 *   at most `NOTE_WINDOW` characters, on one line, not nested) ending just before the value (after
 *   spaces and a `:`), and looks for the label within `CONTEXT_WINDOW` characters before the
 *   group. Only one group and only a bracketed one: the window does not widen for plain words.
 * - **Column header.** In pasted spreadsheet rows (TSV, CSV, Markdown tables), the label sits in
 *   the header cell of the candidate's column, not next to it. `columnHeaderHas` finds the block
 *   of consecutive delimited lines around the candidate, takes its first line as the header and
 *   tests the cell in the candidate's column. In such a data row a label before the value only
 *   counts inside the row, so a header word naming another column never labels this one. A word
 *   in a header cell names the column only when no value of its own follows it in that cell
 *   (see `cellNames`): in two lines of prose that happen to hold commas (「…Infosys China,
 *   employee ID 1184523\nReferences: …, +86 139…」) the first line is not a header, and its
 *   `employee ID` labels 1184523, not the phone under it.
 * - **Labeled as something else.** `labeledAsOther`: the value is an order, invoice, tracking,
 *   employee or version number, not client data, when such a label (`OTHER_LABELS`) names it —
 *   directly before it, or in its column header. See `labeledAsOther` for what "directly"
 *   allows; a label further away (「远航物流股份有限公司 陈建国 138…」) names something else.
 * - **Kind of value.** `labelBefore`: the nearest of some labels within a short window before the
 *   value, in the same clause (「借记卡（Visa）4707…」 says which kind of card it is).
 * - **Foreign calling code.** `afterForeignCallingCode`: `+49 151 23456789` is a German mobile,
 *   not the PRC number 151…: a `+` and a country code other than 86 directly before the value.
 *
 * Work is bounded: the window checks look at a fixed number of characters, and the header
 * lookup caches the block it found (text, range, header line), so a 10,000-row paste costs one
 * walk up to the header, not one per row. The cache holds one entry (the text being scanned);
 * the engine empties it (`forgetCachedText`) when its `detect` call ends.
 */

/**
 * How far before a candidate a context word may end (characters): its last character must be
 * one of the `CONTEXT_WINDOW` characters before the candidate. (The engine's own check, which
 * raises a validated finding to `context`, still wants the whole word inside its 24-character
 * window and compares spaces literally.)
 */
export const CONTEXT_WINDOW = 24;

/**
 * How far before a candidate a kind label (`labelBefore`) may stand, and how many characters of
 * separators and label tails `labeledAsOther` walks over between a label and its value.
 */
export const OTHER_LABEL_WINDOW = 16;

/**
 * Longest bracketed note `hasContext` skips between a label and its value (characters between
 * the brackets): a sentence about the value (`(nine digits, no dashes, as printed on your
 * card)`), not a paragraph.
 */
export const NOTE_WINDOW = 64;

/**
 * Labels that say the number after them is not client data: order, invoice, contract, tracking
 * and transaction references, employee, product and version numbers, postcodes, and the
 * references of a shipment (container, seal and bill-of-lading numbers: a seal `CN2284617` has
 * the shape of a travel permit). Lower case.
 * Each names a kind of number; words that name a trade (物流, 快递) are not labels: company names
 * end in them (远航物流 138…), and their numbers are labeled 运单号 / 快递单号 / 物流单号.
 */
export const OTHER_LABELS: readonly string[] = [
  '订单',
  '单号',
  '发票',
  '运单',
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
  '工号',
  '员工编号',
  '箱号',
  '集装箱',
  '封条',
  '铅封',
  '提单',
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
  'employee no',
  'employee id',
  'employee number',
  'staff no',
  'staff id',
  'container',
  'seal',
  'bl no',
  'b/l',
];

/**
 * Words that complete a label between it and its value (订单 + 号, order + no, invoice + number,
 * 单号 + 为). Lower case; longer forms first, so 号码 is skipped whole.
 */
const LABEL_TAILS: readonly string[] = [
  '号码',
  '编号',
  '代码',
  '号',
  '码',
  '为',
  '是',
  'number',
  'num',
  'no',
  'nr',
  'id',
  'code',
  'ref',
];

/**
 * Whether `word` (lower case) occurs in `text` at `at`, comparing ASCII letters case-blind; a
 * space in the word also matches `_` (`id number` ~ `id_number`).
 */
function wordAt(text: string, at: number, word: string): boolean {
  if (at < 0) return false;
  for (let k = 0; k < word.length; k++) {
    let c = text.charCodeAt(at + k);
    if (c >= 65 && c <= 90) c += 32;
    const w = word.charCodeAt(k);
    if (c !== w && !(w === 32 && c === 95)) return false;
  }
  return true;
}

/**
 * A word list indexed by the (ASCII-lower-cased) last character of each word, so that a scan
 * backwards over the text asks "which words can end here?" with one lookup instead of trying
 * every word at every position. `maybe` is a 1024-bit filter over those characters (most
 * positions are rejected by one typed-array load). Built once per list (lists are the
 * detectors' module-level constants) and cached by identity.
 */
interface WordIndex {
  maybe: Uint8Array;
  byLast: Map<number, string[]>;
  /** Each word's place in the list. */
  order: Map<string, number>;
}

const indexes = new WeakMap<readonly string[], WordIndex>();

function wordIndex(words: readonly string[]): WordIndex {
  let ix = indexes.get(words);
  if (ix) return ix;
  ix = { maybe: new Uint8Array(1024), byLast: new Map(), order: new Map() };
  for (const w of words) {
    if (w.length === 0) continue;
    if (!ix.order.has(w)) ix.order.set(w, ix.order.size);
    const last = w.charCodeAt(w.length - 1);
    ix.maybe[last & 1023] = 1;
    let list = ix.byLast.get(last);
    if (!list) ix.byLast.set(last, (list = []));
    list.push(w);
  }
  indexes.set(words, ix);
  return ix;
}

/** The words of `ix` that can end just before `end` (their last character matches). */
function endingAt(text: string, end: number, ix: WordIndex): readonly string[] | undefined {
  let c = text.charCodeAt(end - 1);
  if (c >= 65 && c <= 90) c += 32;
  return ix.maybe[c & 1023] === 0 ? undefined : ix.byLast.get(c);
}

/**
 * Whether one of `words` (lower case) ends within `window` characters before `start` (its last
 * character is one of them). Compares without copying the window; only ASCII letters are
 * case-folded, which is exact for the detectors' words (CJK and lower-case ASCII).
 */
export function contextBefore(
  text: string,
  start: number,
  words: readonly string[],
  window = CONTEXT_WINDOW,
): boolean {
  // A word counts when it ends at some e with start - window < e <= start.
  const ix = wordIndex(words);
  const stop = Math.max(0, start - window);
  for (let e = start; e > stop; e--) {
    const ending = endingAt(text, e, ix);
    if (ending === undefined) continue;
    for (const w of ending) if (wordAt(text, e - w.length, w)) return true;
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

/**
 * Drops the header cache and with it the last text scanned: the engine calls this when a
 * `detect` call ends, so no paste stays in memory after it was decided.
 */
export function forgetCachedText(): void {
  cache = undefined;
}

/** The text the header cache holds, if any (for tests: it must be none after `detect`). */
export function cachedText(): string | undefined {
  return cache?.text;
}

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

/**
 * Whether a value of the word's own follows it in its cell: after separators (not an opening
 * bracket) and label tails, a digit or a mask character (`employee ID 1184523`, `SSN: 536-22-…`,
 * `SSN ***-**-8142`). A bracketed note (`身份证号（18位）`), more words (`SSN or ITIN`) or the
 * end of the cell are not a value.
 */
function valueFollows(text: string, at: number, end: number): boolean {
  let i = at;
  while (i < end) {
    const c = text.charCodeAt(i);
    if (isDigit(c) || c === 42 /* * */ || c === 0xff0a /* ＊ */ || c === 0x2022 /* • */)
      return true;
    if (isOpeningBracket(c)) return false;
    if (isLabelSeparator(c)) {
      i++;
      continue;
    }
    let tail = 0;
    for (const t of LABEL_TAILS) {
      if (i + t.length <= end && wordAt(text, i, t)) {
        tail = t.length;
        break;
      }
    }
    if (tail === 0) return false;
    i += tail;
  }
  return false;
}

/**
 * Whether the header cell names its column with one of `words` (lower case): the word stands in
 * the cell, and no value of its own follows it there (see `valueFollows`). A cell that holds a
 * label and its value is a key–value pair on a line that only looks like a header, and the label
 * names that value, not the column below it. `boundary`: ASCII words must start a word.
 */
function cellNames(
  text: string,
  cell: HeaderCell,
  words: readonly string[],
  boundary = false,
): boolean {
  for (const w of words)
    for (let j = cell.cellStart; j >= 0 && j + w.length <= cell.cellEnd; j++)
      if (
        wordAt(text, j, w) &&
        (!boundary || startsWord(text, j, w)) &&
        !valueFollows(text, j + w.length, cell.cellEnd)
      )
        return true;
  return false;
}

/**
 * Whether the header cell above `start` (same column, first line of the block of consecutive
 * lines that use the same delimiter) names the column with one of `words` (lower case; see
 * `cellNames`).
 */
export function columnHeaderHas(text: string, start: number, words: readonly string[]): boolean {
  if (words.length === 0) return false;
  const cell = headerCell(text, start);
  return cell !== null && cellNames(text, cell, words);
}

/** Whether `c` opens a bracketed group: ( （ [ 【. */
function isOpeningBracket(c: number): boolean {
  return c === 40 || c === 0xff08 || c === 91 || c === 0x3010;
}

/** The opening bracket that pairs with the closing bracket `c`, or 0 when `c` closes none. */
function openerOf(c: number): number {
  if (c === 41 /* ) */ || c === 0xff09 /* ） */) return 40;
  if (c === 93 /* ] */) return 91;
  if (c === 0x3011 /* 】 */) return 0x3010;
  return 0;
}

/**
 * Start of the bracketed note that ends just before `start` (after spaces and one `:` at most),
 * or -1: `Social Security No.: (as printed on the card) 5293…`, `SSN (primary applicant): 6815…`.
 * The note holds at most `NOTE_WINDOW` characters, no line or cell break and no other bracket
 * (one group, not nested); `(` and `（` pair with `)` and `）` alike.
 */
function noteStart(text: string, start: number): number {
  let i = start;
  while (i > 0 && isBlank(text.charCodeAt(i - 1))) i--;
  const colon = text.charCodeAt(i - 1);
  if (colon === 58 || colon === 0xff1a) i--;
  while (i > 0 && isBlank(text.charCodeAt(i - 1))) i--;
  if (i === 0) return -1;
  const opener = openerOf(text.charCodeAt(i - 1));
  if (opener === 0) return -1;
  const stop = Math.max(0, i - 2 - NOTE_WINDOW);
  for (let j = i - 2; j >= stop; j--) {
    const c = text.charCodeAt(j);
    if (opener === 40 ? c === 40 || c === 0xff08 : c === opener) return j;
    if (openerOf(c) !== 0 || isOpeningBracket(c) || isCellBreak(c)) return -1;
  }
  return -1;
}

/**
 * A label before the value or in its column header. The label stands within `CONTEXT_WINDOW`
 * characters before the value, or before one bracketed note that ends just before it (see
 * `noteStart`). In a data row of a table the label before the value must stand in the same
 * row: the window does not reach back into the header line, where a word names another column
 * (「姓名,电话,台胞证\n陈美玲,58203917」: 58203917 is in the 电话 column, not a permit).
 */
export function hasContext(text: string, start: number, words: readonly string[]): boolean {
  // Most candidates have no label before them: that answer needs no table lookup.
  let from = start;
  if (!contextBefore(text, start, words)) {
    if (columnHeaderHas(text, start, words)) return true;
    from = noteStart(text, start);
    if (from < 0 || !contextBefore(text, from, words)) return false;
  }
  const cell = headerCell(text, start);
  if (cell === null || cellNames(text, cell, words)) return true;
  return contextBefore(text, from, words, Math.min(CONTEXT_WINDOW, from - cell.rowStart));
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

/** Spaces inside a line (ASCII, no-break, ideographic). */
function isBlank(c: number): boolean {
  return c === 32 || c === 0xa0 || c === 0x3000;
}

/**
 * What may stand between a label (and its tails) and the value: spaces, line and cell breaks,
 * and the punctuation of `key: value`, `key=value`, `"key":"value"`, `No.`, `#`, `(…)`, `【…】`.
 */
function isLabelSeparator(c: number): boolean {
  return (
    isBlank(c) ||
    isCellBreak(c) ||
    c === 58 /* : */ ||
    c === 0xff1a /* ： */ ||
    c === 35 /* # */ ||
    c === 61 /* = */ ||
    c === 46 /* . */ ||
    c === 45 /* - */ ||
    c === 95 /* _ */ ||
    c === 34 /* " */ ||
    c === 39 /* ' */ ||
    c === 40 /* ( */ ||
    c === 41 /* ) */ ||
    c === 91 /* [ */ ||
    c === 93 /* ] */ ||
    c === 0x201c /* “ */ ||
    c === 0x201d /* ” */ ||
    c === 0x3010 /* 【 */ ||
    c === 0x3011 /* 】 */
  );
}

/** A line or cell break: newline, carriage return, tab, `|`. */
function isCellBreak(c: number): boolean {
  return c === 10 || c === 13 || c === TAB || c === PIPE;
}

/**
 * Whether an ASCII label found at `at` starts a word there: after a non-letter, or at a
 * camel-case boundary (`customerOrderNo`). `android` does not hold the label `oid`, nor
 * `border` the label `order`. Labels in other scripts need no boundary.
 */
function startsWord(text: string, at: number, label: string): boolean {
  const f = label.charCodeAt(0);
  if (f < 97 || f > 122 || at === 0) return true;
  const p = text.charCodeAt(at - 1);
  const pLower = p >= 97 && p <= 122;
  if (!pLower && !(p >= 65 && p <= 90)) return true;
  const c = text.charCodeAt(at);
  return pLower && c >= 65 && c <= 90;
}

/** Whether `at` begins a line or a table cell (only spaces and quotes before it). */
function startsCell(text: string, at: number): boolean {
  let i = at - 1;
  while (i >= 0) {
    const c = text.charCodeAt(i);
    if (isBlank(c) || c === 34 || c === 39) i--;
    else return isCellBreak(c) || c === COMMA;
  }
  return true;
}

/**
 * Whether the line that ends at the newline `nl` is a form line, not a table row: it holds no
 * cell delimiter (tab, `|`, comma). A label on such a line names the value below it (「订单号：」
 * over 「4461…」); a label closing a table's header line (「手机\t订单号」) names its own column.
 */
function formLine(text: string, nl: number): boolean {
  const from = rowStart(text, nl);
  return from >= 0 && lineDelimiter(text, from, nl) === 0;
}

/**
 * One of `labels` directly before `start`: between the label and the value only separators
 * (spaces, tabs, a line break, `:`, `#`, `=`, `.`, `|`, quotes, brackets) and label tails (号,
 * 号码, 编号, no, number, id…), at most `OTHER_LABEL_WINDOW` characters of them. So a label
 * counts on the line above its value when that line is a form line, not a table row (see
 * `formLine`), and in the cell to its left (a key-value table).
 */
function labelDirectlyBefore(text: string, start: number, labels: readonly string[]): boolean {
  const stop = Math.max(0, start - OTHER_LABEL_WINDOW);
  const labelIx = wordIndex(labels);
  const tailIx = wordIndex(LABEL_TAILS);
  let p = start;
  while (p > 0) {
    const ending = endingAt(text, p, labelIx);
    if (ending !== undefined) {
      for (const w of ending) {
        const j = p - w.length;
        if (wordAt(text, j, w) && startsWord(text, j, w)) return true;
      }
    }
    if (p <= stop) return false;
    const c = text.charCodeAt(p - 1);
    if (c === 10 && !formLine(text, p - 1)) return false;
    if (isLabelSeparator(c)) {
      p--;
      continue;
    }
    let tail = 0;
    for (const t of endingAt(text, p, tailIx) ?? []) {
      if (wordAt(text, p - t.length, t)) {
        tail = t.length;
        break;
      }
    }
    if (tail === 0) return false;
    p -= tail;
  }
  return false;
}

/** Longest header cell taken for a label (characters); longer first-line cells are prose. */
const MAX_HEADER_CELL = 32;

/**
 * One of `labels` in the header cell of the value's column, and none of the detector's `words`
 * there (「订单联系人手机」 heads a column of phones). Only a value that begins its cell is named
 * by the header.
 */
function headerLabels(
  text: string,
  start: number,
  words: readonly string[],
  labels: readonly string[],
): boolean {
  if (!startsCell(text, start)) return false;
  const cell = headerCell(text, start);
  if (cell === null || cell.cellStart < 0 || cell.cellEnd - cell.cellStart > MAX_HEADER_CELL)
    return false;
  return !cellNames(text, cell, words) && cellNames(text, cell, labels, true);
}

/**
 * Whether the value at `start` is labeled as something that is not client data (an order,
 * invoice, tracking, employee or container number…). A label names the value it stands directly
 * before — 「订单号：6222…」, `Order No. 4573…`, `"orderNo":"4461…"`, 「订单号」 on the line above —
 * or the column it heads in a pasted table (`订单号\t下单时间…` over `4461…\t2024-11-25…`). A label
 * further away, with other words in between, names something else (「远航物流股份有限公司\t陈建国\t
 * 166…」 is a phone, 「订单联系人手机 138…」 too). In a header cell, one of the detector's own
 * `words` wins over the label, and a label followed by its own value in that cell
 * (`employee ID 1184523`) names that value only, not the column. `labels` replaces the default
 * list (IPv4 passes version words).
 */
export function labeledAsOther(
  text: string,
  start: number,
  words: readonly string[],
  labels: readonly string[] = OTHER_LABELS,
): boolean {
  if (start === 0) return false;
  return labelDirectlyBefore(text, start, labels) || headerLabels(text, start, words, labels);
}

/**
 * Whether one of `labels` stands within `OTHER_LABEL_WINDOW` characters before `start`, the
 * nearest one with no digit, no end of clause (。！？；!?;) and none of `stops` between it and
 * the value. For labels that say which kind a value is rather than what it is not: 「借记卡（Visa）
 * 4707…」 is a debit card whatever its range, 「信用卡 6222…」 a credit card, 「身份证 6201…」 an
 * ID number and not a card.
 */
export function labelBefore(
  text: string,
  start: number,
  labels: readonly string[],
  stops: readonly string[] = [],
): boolean {
  if (start === 0) return false;
  // The nearest label: the largest start within the window (the earlier in `labels` on a tie),
  // found by its last character, without copying the window.
  const from = Math.max(0, start - OTHER_LABEL_WINDOW);
  const ix = wordIndex(labels);
  let at = -1;
  let len = 0;
  let rank = Infinity;
  for (let e = start; e > from; e--) {
    const ending = endingAt(text, e, ix);
    if (ending === undefined) continue;
    for (const w of ending) {
      const j = e - w.length;
      if (j < from || j < at || !wordAt(text, j, w)) continue;
      const r = ix.order.get(w)!;
      if (j > at || r < rank) [at, len, rank] = [j, w.length, r];
    }
  }
  if (at < 0) return false;
  for (let i = at + len; i < start; i++) {
    const c = text.charCodeAt(i);
    if (isDigit(c) || isClauseEnd(c)) return false;
  }
  for (const w of stops)
    for (let j = at + len; j + w.length <= start; j++) if (wordAt(text, j, w)) return false;
  return true;
}

/**
 * Whether a foreign calling code stands directly before `start`: `+` and one to three digits
 * other than 86, then a space or a hyphen (`+49 151 2345 6789`, `+44-20…`), or the same in
 * brackets, with or without a space after them (`(+49) 171…`, `（+852）2345…`). The number after
 * it is that country's, not a PRC number that happens to share its digits. (`+86` itself is
 * part of the PRC detectors' own patterns.)
 */
export function afterForeignCallingCode(text: string, start: number): boolean {
  let i = start;
  let c = text.charCodeAt(i - 1);
  const separated = c === 32 || c === 45 || c === 0xa0;
  if (separated) c = text.charCodeAt(--i - 1);
  const bracketed = c === 41 || c === 0xff09;
  if (bracketed) i--;
  else if (!separated) return false;
  let n = 0;
  while (n < 4 && i - n > 0 && isDigit(text.charCodeAt(i - n - 1))) n++;
  if (n === 0 || n > 3) return false;
  const plus = i - n - 1;
  const p = text.charCodeAt(plus); // NaN before the text: no `+`
  if (p !== 43 /* + */ && p !== 0xff0b /* ＋ */) return false;
  if (bracketed) {
    const o = text.charCodeAt(plus - 1);
    if (o !== 40 /* ( */ && o !== 0xff08 /* （ */) return false;
  }
  return !(n === 2 && text.startsWith('86', i - 2));
}

/**
 * Whether the value at `start` answers a question about one of `words` asked on the line above
 * (「Agent: which client version?\nUser: 5.1.4.2 I think」): that line ends with a question mark,
 * holds one of the words and none of `stops` (「which version of the server has IP…?」 asks
 * for an address), and the value is the first number on its own line. ASCII words must start a
 * word (`oid` is not in `android`).
 */
export function answersQuestion(
  text: string,
  start: number,
  words: readonly string[],
  stops: readonly string[] = [],
): boolean {
  const line = rowStart(text, start);
  if (line <= 0) return false;
  for (let i = line; i < start; i++) if (isDigit(text.charCodeAt(i))) return false;
  let end = line - 1;
  while (end > 0 && (isBlank(text.charCodeAt(end - 1)) || text.charCodeAt(end - 1) === 13)) end--;
  const q = text.charCodeAt(end - 1);
  if (q !== 63 /* ? */ && q !== 0xff1f /* ？ */) return false;
  const from = rowStart(text, end - 1);
  if (from < 0) return false;
  return hasWord(text, from, end, words) && !hasWord(text, from, end, stops);
}

/** Whether one of `words` occurs in [from, to), ASCII words at the start of a word. */
function hasWord(text: string, from: number, to: number, words: readonly string[]): boolean {
  for (const w of words)
    for (let j = from; j + w.length <= to; j++)
      if (wordAt(text, j, w) && startsWord(text, j, w)) return true;
  return false;
}

/** The next character at or after `at` that is not a space, or -1. */
function nextVisible(text: string, at: number): number {
  let i = at;
  while (i < text.length && isBlank(text.charCodeAt(i))) i++;
  return i;
}

/** Whether one of `words` (lower case) follows `end`, after spaces at most. */
export function wordAfter(text: string, end: number, words: readonly string[]): boolean {
  const i = nextVisible(text, end);
  for (const w of words) if (i + w.length <= text.length && wordAt(text, i, w)) return true;
  return false;
}

/** Whether one of `words` (lower case) ends just before `start`, before spaces at most. */
export function wordBefore(text: string, start: number, words: readonly string[]): boolean {
  let i = start;
  while (i > 0 && isBlank(text.charCodeAt(i - 1))) i--;
  for (const w of words) if (wordAt(text, i - w.length, w)) return true;
  return false;
}

/** Number of ASCII digits from `at` on. */
function digitsFrom(text: string, at: number): number {
  let i = at;
  while (i < text.length && isDigit(text.charCodeAt(i))) i++;
  return i - at;
}

/** Number of ASCII digits just before `at`. */
function digitsBefore(text: string, at: number): number {
  let i = at;
  while (i > 0 && isDigit(text.charCodeAt(i - 1))) i--;
  return at - i;
}

/**
 * Whether a comma joins the candidate [start, end) to an amount written with thousands
 * separators: `1,234 5678…` (the candidate's first group is the three digits after a thousands
 * comma) or `…5678 123,456` (its last group, of one to three digits, goes on after one). Any other
 * comma between digits separates cells (`2019-03-01,6222…` in a CSV row), so it does not join.
 */
export function thousandsComma(text: string, start: number, end: number): boolean {
  if (
    start >= 2 &&
    text.charCodeAt(start - 1) === COMMA &&
    isDigit(text.charCodeAt(start - 2)) &&
    digitsFrom(text, start) === 3
  )
    return true;
  return (
    text.charCodeAt(end) === COMMA &&
    digitsFrom(text, end + 1) === 3 &&
    digitsBefore(text, end) <= 3
  );
}
