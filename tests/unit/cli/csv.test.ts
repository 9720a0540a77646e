import { describe, expect, it } from 'vitest';
import { decodeTable, detectDelimiter, parseDelimited } from '../../../cli/csv';
import { CliError } from '../../../cli/io';

describe('parseDelimited (CSV, RFC 4180)', () => {
  it.each<[string, string, string[][]]>([
    [
      'plain',
      'a,b,c\n1,2,3\n',
      [
        ['a', 'b', 'c'],
        ['1', '2', '3'],
      ],
    ],
    [
      'no final line break',
      'a,b\n1,2',
      [
        ['a', 'b'],
        ['1', '2'],
      ],
    ],
    [
      'CRLF',
      'a,b\r\n1,2\r\n',
      [
        ['a', 'b'],
        ['1', '2'],
      ],
    ],
    [
      'lone CR',
      'a,b\r1,2',
      [
        ['a', 'b'],
        ['1', '2'],
      ],
    ],
    ['a BOM', '\ufeffname,x\n', [['name', 'x']]],
    ['quoted fields', '"a,1","b"\n', [['a,1', 'b']]],
    ['escaped quotes', '"The ""Sample"" Group",x\n', [['The "Sample" Group', 'x']]],
    [
      'a line break inside quotes',
      '"Fictional\r\nHoldings",x\r\ny,z\r\n',
      [
        ['Fictional\r\nHoldings', 'x'],
        ['y', 'z'],
      ],
    ],
    ['empty fields', ',,\n', [['', '', '']]],
    ['an empty quoted field', '"",a\n', [['', 'a']]],
    ['a blank line', 'a\n\nb\n', [['a'], [''], ['b']]],
    ['a quote inside an unquoted field', 'Acme "The Best" Ltd,x\n', [['Acme "The Best" Ltd', 'x']]],
    ['ragged rows', 'a,b,c\n1\n', [['a', 'b', 'c'], ['1']]],
    ['Chinese', '示例科技有限公司,张三\n', [['示例科技有限公司', '张三']]],
    ['empty text', '', []],
    ['only a BOM', '\ufeff', []],
  ])('%s', (_name, text, rows) => {
    expect(parseDelimited(text, ',', 'in.csv')).toEqual(rows);
  });

  it('reads TSV with the same quoting', () => {
    expect(parseDelimited('a\tb,c\n"x\ty"\t"q""q"\n', '\t', 'in.tsv')).toEqual([
      ['a', 'b,c'],
      ['x\ty', 'q"q'],
    ]);
  });

  it.each<[string, string, RegExp]>([
    ['a quote never closed', 'a,b\n1,"2\n3\n', /^in\.csv: line 2: a quoted field is never closed/],
    [
      'text after a closing quote',
      'a\n"Acme" Ltd,b\n',
      /^in\.csv: line 2: text after the closing quote of field 1/,
    ],
    [
      'the line counts breaks inside quotes',
      '"a\r\nb\nc",x\n"d" e\n',
      /line 4: text after the closing quote of field 1/,
    ],
  ])('refuses %s, naming the line and not the cell', (_name, text, message) => {
    expect(() => parseDelimited(text, ',', 'in.csv')).toThrow(CliError);
    expect(() => parseDelimited(text, ',', 'in.csv')).toThrow(message);
    try {
      parseDelimited(text, ',', 'in.csv');
    } catch (e) {
      expect((e as Error).message).not.toMatch(/Acme|Ltd/);
    }
  });
});

describe('detectDelimiter', () => {
  it.each<[string, string, ',' | '\t']>([
    ['list.csv', 'a\tb\tc\n', ','],
    ['LIST.CSV', 'a\tb\n', ','],
    ['list.tsv', 'a,b,c\n', '\t'],
    ['list.tab', 'a,b\n', '\t'],
    ['list.txt', 'name\tcontact\n', '\t'],
    ['', 'name,contact\n', ','],
    ['', 'name\tcontact,x\n', '\t'],
    ['', '"a\tb",c\n', ','],
    ['', 'a,b\nc\td\te\tf\n', ','],
    ['', 'single\n', ','],
  ])('%j %j → %j', (file, text, delimiter) => {
    expect(detectDelimiter(file, text)).toBe(delimiter);
  });
});

describe('decodeTable', () => {
  const utf16le = (s: string): Uint8Array =>
    new Uint8Array([0xff, 0xfe, ...Buffer.from(s, 'utf16le')]);
  const utf16be = (s: string): Uint8Array => {
    const le = Buffer.from(s, 'utf16le');
    const be = new Uint8Array(le.length + 2);
    be[0] = 0xfe;
    be[1] = 0xff;
    for (let i = 0; i < le.length; i += 2) {
      be[i + 2] = le[i + 1]!;
      be[i + 3] = le[i]!;
    }
    return be;
  };
  it.each<[string, Uint8Array, string | undefined, string]>([
    ['UTF-8', new TextEncoder().encode('张三,x'), undefined, '张三,x'],
    ['UTF-8 with a BOM', new TextEncoder().encode('\ufeff张三'), undefined, '张三'],
    ['UTF-16LE with a BOM', utf16le('张三\tx'), undefined, '张三\tx'],
    ['UTF-16BE with a BOM', utf16be('张三\tx'), undefined, '张三\tx'],
    ['GBK when named', Uint8Array.from([0xbb, 0xaa, 0xce, 0xaa, 0x2c, 0x61]), 'gbk', '华为,a'],
  ])('%s', (_name, bytes, encoding, text) => {
    expect(decodeTable(bytes, 'in.csv', encoding)).toBe(text);
  });

  it('refuses bytes that are not UTF-8, suggesting --encoding', () => {
    expect(() => decodeTable(Uint8Array.from([0xbb, 0xaa, 0xce, 0xaa]), 'in.csv')).toThrow(
      /^in\.csv: not valid utf-8 text; if it came from Excel, save it as "CSV UTF-8", or name its encoding with --encoding gbk$/,
    );
  });

  it('refuses an unknown encoding', () => {
    expect(() => decodeTable(new Uint8Array(0), 'in.csv', 'klingon')).toThrow(
      /unknown encoding 'klingon'/,
    );
  });
});
