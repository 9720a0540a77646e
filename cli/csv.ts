/**
 * Reading the admin's client spreadsheet: CSV as RFC 4180 writes it (quoted fields, `""` for a
 * quote, line breaks inside quotes, CRLF or LF, an optional BOM) and TSV as spreadsheets export
 * it (the same quoting with a tab between fields). Errors name the line, never the cell
 * contents, because the cells are the client list.
 */
import { CliError } from './io';

export type Delimiter = ',' | '\t';

/** Index just after the line break at `i` (CRLF counts as one), or `i` if there is none. */
function skipBreak(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c === 13) return text.charCodeAt(i + 1) === 10 ? i + 2 : i + 1;
  return c === 10 ? i + 1 : i;
}

/** Number of line breaks (CRLF, LF or CR) in text[from, to). */
function countBreaks(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) n++;
  }
  return n;
}

/**
 * Splits delimited text into records of fields. A field is quoted only when it starts with `"`;
 * a quote elsewhere in an unquoted field is kept as is (spreadsheets write such files). A blank
 * line is a record with one empty field. Throws CliError (prefixed with `name`) for a quoted
 * field that never closes or that is followed by text before the next delimiter.
 */
export function parseDelimited(text: string, delimiter: Delimiter, name: string): string[][] {
  const rows: string[][] = [];
  const n = text.length;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  if (i >= n) return rows;
  const d = delimiter.charCodeAt(0);
  let row: string[] = [];
  let line = 1;
  for (;;) {
    let field: string;
    if (text.charCodeAt(i) === 34) {
      const openLine = line;
      let value = '';
      let j = i + 1;
      for (;;) {
        const q = text.indexOf('"', j);
        if (q === -1)
          throw new CliError(
            `${name}: line ${openLine}: a quoted field is never closed (a missing " ?)`,
          );
        value += text.slice(j, q);
        line += countBreaks(text, j, q);
        if (text.charCodeAt(q + 1) === 34) {
          value += '"';
          j = q + 2;
          continue;
        }
        i = q + 1;
        break;
      }
      const c = text.charCodeAt(i);
      if (i < n && c !== d && c !== 10 && c !== 13)
        throw new CliError(
          `${name}: line ${line}: text after the closing quote of field ${row.length + 1} ` +
            `(inside a quoted field, write a quote as "")`,
        );
      field = value;
    } else {
      let j = i;
      while (j < n) {
        const c = text.charCodeAt(j);
        if (c === d || c === 10 || c === 13) break;
        j++;
      }
      field = text.slice(i, j);
      i = j;
    }
    row.push(field);
    if (i >= n) {
      rows.push(row);
      break;
    }
    if (text.charCodeAt(i) === d) {
      i++;
      continue;
    }
    i = skipBreak(text, i);
    line++;
    rows.push(row);
    row = [];
    if (i >= n) break;
  }
  return rows;
}

/**
 * The delimiter of a table: `.tsv`/`.tab` files are TSV and `.csv` files CSV; anything else
 * (standard input, `.txt` from a spreadsheet's "Unicode text" export) is TSV when its first
 * line has at least as many tabs as commas, and CSV otherwise.
 */
export function detectDelimiter(file: string, text: string): Delimiter {
  const lower = file.toLowerCase();
  if (lower.endsWith('.tsv') || lower.endsWith('.tab')) return '\t';
  if (lower.endsWith('.csv')) return ',';
  let tabs = 0;
  let commas = 0;
  let quoted = false;
  for (let i = 0; i < text.length && i < 65536; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) quoted = !quoted;
    else if (!quoted && (c === 10 || c === 13)) break;
    else if (!quoted && c === 9) tabs++;
    else if (!quoted && c === 44) commas++;
  }
  return tabs > 0 && tabs >= commas ? '\t' : ',';
}

/**
 * Decodes a table file. With no `encoding`: UTF-16 when the file starts with a UTF-16 BOM
 * (spreadsheets' "Unicode text"), otherwise strict UTF-8. A named encoding (e.g. `gbk`, which
 * older Chinese Excel versions write) is decoded strictly too. The BOM is dropped.
 */
export function decodeTable(bytes: Uint8Array, name: string, encoding?: string): string {
  let label = encoding ?? 'utf-8';
  if (encoding === undefined && bytes[0] === 0xff && bytes[1] === 0xfe) label = 'utf-16le';
  if (encoding === undefined && bytes[0] === 0xfe && bytes[1] === 0xff) label = 'utf-16be';
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(label, { fatal: true });
  } catch {
    throw new CliError(`unknown encoding '${label}' (try utf-8, utf-16le, gbk or gb18030)`);
  }
  try {
    return decoder.decode(bytes);
  } catch {
    const hint =
      encoding === undefined
        ? '; if it came from Excel, save it as "CSV UTF-8", or name its encoding with --encoding gbk'
        : '';
    throw new CliError(`${name}: not valid ${decoder.encoding} text${hint}`);
  }
}
