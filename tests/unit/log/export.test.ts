import { describe, expect, it } from 'vitest';
import { createDetector } from '../../../utils/detect';
import { summarise, type LogEvent } from '../../../utils/log/event';
import { CSV_COLUMNS, csvCell, toCsv, toJson, type JsonExport } from '../../../utils/log/export';

/** A strict RFC 4180 reader (CRLF records, "" escapes), to read our output back. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const c = text[i]!;
    const next = text[i + 1];
    i++;
    if (quoted) {
      if (c === '"' && next === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"' && cell === '') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && next === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else if (c === '\r' || c === '\n' || c === '"')
      throw new Error(`bare ${JSON.stringify(c)} at ${i - 1}`);
    else cell += c;
  }
  if (cell !== '' || row.length > 0) throw new Error('last record not ended by CRLF');
  return rows;
}

function ev(patch: Partial<LogEvent> = {}): LogEvent {
  return {
    reportId: 'report-0001',
    kind: 'paste',
    action: 'block',
    ruleId: 'block-identifiers',
    policyId: '0bc45874',
    findings: [
      { type: 'CN_ID', count: 1, masked: ['1101**********544X'] },
      { type: 'CN_MOBILE', count: 2, masked: ['138****5678', '139****0001'] },
    ],
    length: 42,
    seq: 1,
    time: '2026-01-01T09:00:00.000Z',
    site: 'https://chat.example.org',
    frameUrl: 'https://chat.example.org/room',
    prevHash: '',
    hash: 'a'.repeat(64),
    ...patch,
  };
}

describe('csvCell', () => {
  it.each([
    ['plain', 'plain'],
    [42, '42'],
    ['', ''],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['cr\rlf', '"cr\rlf"'],
    ['=HYPERLINK("http://evil.example","x")', '"\'=HYPERLINK(""http://evil.example"",""x"")"'],
    ['=1+1', "'=1+1"],
    ['+1', "'+1"],
    ['-1', "'-1"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=1', "'\t=1"],
    ['\r=1', '"\'\r=1"'],
    ['=1,2', '"\'=1,2"'],
    ['-3+3,"x"', '"\'-3+3,""x"""'],
    ['a=1', 'a=1'],
    ['客户 张三，已屏蔽', '客户 张三，已屏蔽'],
  ])('%j → %j', (value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });
});

describe('toCsv', () => {
  it('starts with a BOM and the header row, ends every record with CRLF', () => {
    const csv = toCsv([ev()]);
    expect(csv.startsWith('\uFEFF' + CSV_COLUMNS.join(',') + '\r\n')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    expect(CSV_COLUMNS).toEqual([
      'seq',
      'time',
      'action',
      'rule',
      'kind',
      'site',
      'frame_url',
      'finding_types',
      'finding_count',
      'masked_values',
      'length',
      'policy',
      'detail',
      'prev_hash',
      'hash',
    ]);
  });

  it('of no events is the header only', () => {
    expect(toCsv([])).toBe('\uFEFF' + CSV_COLUMNS.join(',') + '\r\n');
  });

  it('writes one row per event, in the given order, with the summary columns', () => {
    const rows = parseCsv(
      toCsv([ev(), ev({ seq: 2, ruleId: null, findings: [], action: 'allow' })]).slice(1),
    );
    expect(rows).toHaveLength(3);
    expect(rows[1]).toEqual([
      '1',
      '2026-01-01T09:00:00.000Z',
      'block',
      'block-identifiers',
      'paste',
      'https://chat.example.org',
      'https://chat.example.org/room',
      'CN_ID:1 CN_MOBILE:2',
      '3',
      '1101**********544X 138****5678 139****0001',
      '42',
      '0bc45874',
      '',
      '',
      'a'.repeat(64),
    ]);
    expect(rows[2]!.slice(0, 4)).toEqual(['2', '2026-01-01T09:00:00.000Z', 'allow', '']);
    expect(rows[2]![8]).toBe('0');
  });

  it('quotes and neutralises hostile text so that a reader gets it back as text', () => {
    const detail = '=cmd|"/c calc"!A1, then\r\nnew line; 客户名单 "机密"';
    const rows = parseCsv(
      toCsv([
        ev({ kind: 'policy', detail, site: '', frameUrl: '' }),
        ev({ seq: 2, detail: '@import', frameUrl: '-x', site: '+y' }),
        ev({ seq: 3, detail: '\tTAB' }),
      ]).slice(1),
    );
    expect(rows).toHaveLength(4);
    for (const row of rows) expect(row).toHaveLength(CSV_COLUMNS.length);
    expect(rows[1]![12]).toBe(`'${detail}`);
    expect([rows[2]![12], rows[2]![6], rows[2]![5]]).toEqual(["'@import", "'-x", "'+y"]);
    expect(rows[3]![12]).toBe("'\tTAB");
    // No cell anywhere starts with a formula character.
    for (const row of rows) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });

  it('keeps Chinese intact (UTF-8 with BOM, so Excel shows it)', () => {
    const csv = toCsv([ev({ detail: '政策被拒绝：rules[0].message.fr 未知语言' })]);
    expect(csv).toContain('政策被拒绝：rules[0].message.fr 未知语言');
    const bytes = new TextEncoder().encode(csv);
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(bytes)).toBe(csv.slice(1));
  });
});

describe('toJson', () => {
  it('has the documented shape and round-trips through JSON.parse', () => {
    const events = [
      ev(),
      ev({ seq: 2, prevHash: 'a'.repeat(64), hash: 'b'.repeat(64), detail: '机密' }),
    ];
    const text = toJson(events, new Date('2026-02-03T04:05:06.007Z'));
    expect(text.endsWith('\n')).toBe(true);
    const doc = JSON.parse(text) as JsonExport;
    expect(Object.keys(doc)).toEqual(['format', 'version', 'exportedAt', 'count', 'events']);
    expect(doc).toEqual({
      format: 'clientguard-log',
      version: 1,
      exportedAt: '2026-02-03T04:05:06.007Z',
      count: 2,
      events,
    });
  });

  it('of no events', () => {
    expect(JSON.parse(toJson([]))).toMatchObject({ count: 0, events: [] });
  });
});

describe('exports built from real detections hold no raw value', () => {
  /** Raw values as written in the text, and in compact form (no separators). */
  const RAW = [
    ['身份证号码：', '11010519531220544X'],
    ['统一社会信用代码：', '915101075GQCH9GQRN'],
    ['收款卡号：', '6212264727543815561'],
    ['账号 ', '6222 6249 7563 9077'],
    ['Visa ', '4573 6203 2713 0393'],
    ['手机：', '18552841745'],
    ['联系人 ', '155-8911-2539'],
    ['邮箱：', 'zhangwei1988@qq.com'],
    ['护照号码：', 'E70318294'],
    ['aws_access_key_id = ', 'AKIANH5WL7KISQ62B36Z'],
  ] as const;
  const text = RAW.map(([label, v]) => label + v).join('\n');
  const result = createDetector().detect(text);
  const events: LogEvent[] = [
    ev({ findings: summarise(result.findings), length: text.length }),
    ev({ seq: 2, findings: summarise(result.findings.slice(0, 3)), length: 60 }),
  ];

  it('every value was found (otherwise the test would prove nothing)', () => {
    expect(result.findings).toHaveLength(RAW.length);
  });

  it.each([
    ['CSV', () => toCsv(events)],
    ['JSON', () => toJson(events)],
  ])('%s', (_n, exportText) => {
    const out = exportText();
    expect(out).toContain('1101**********544X');
    for (const [, value] of RAW) {
      const compact = value.replace(/[\s-]/g, '');
      expect(out).not.toContain(value);
      expect(out).not.toContain(compact);
      // Not even the local part of the e-mail address, or the middle digits.
      expect(out).not.toContain(compact.slice(3, -3));
    }
  });
});

describe('toJson with a filter', () => {
  it('records the filter that chose the events, and only then', () => {
    const doc = JSON.parse(toJson([], new Date(0), { action: 'block', site: 'chat' })) as {
      filter?: unknown;
    };
    expect(doc.filter).toEqual({ action: 'block', site: 'chat' });
    expect('filter' in (JSON.parse(toJson([], new Date(0), {})) as object)).toBe(false);
  });
});
