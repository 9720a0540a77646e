import { describe, expect, it } from 'vitest';
import { createDetector } from '../../../utils/detect';
import { isWordUnit, normaliseText } from '../../../utils/detect/client-list/normalise';
import type { MatcherHit } from '../../../utils/detect/engine';
import {
  CLASSIFICATION_MARKS,
  KEYWORD_PRIORITY,
  KeywordError,
  MAX_KEYWORDS,
  createKeywordMatcher,
  type KeywordGroup,
} from '../../../utils/detect/keywords';

function hits(groups: readonly KeywordGroup[], text: string): MatcherHit[] {
  const out: MatcherHit[] = [];
  createKeywordMatcher(groups).scan(text, (h) => out.push(h));
  return out;
}

/** [rule, the original text the hit covers] for each hit. */
function covered(groups: readonly KeywordGroup[], text: string): [string, string][] {
  return hits(groups, text).map((h) => [h.rule!, text.slice(h.start, h.end)]);
}

const C = [CLASSIFICATION_MARKS];
const cls = (...s: string[]): [string, string][] => s.map((x) => ['classification', x]);

describe('CLASSIFICATION_MARKS', () => {
  it('is one group with the default marks', () => {
    expect(CLASSIFICATION_MARKS.id).toBe('classification');
    expect([...CLASSIFICATION_MARKS.words]).toEqual([
      '机密',
      '绝密',
      '秘密',
      '内部',
      '商业秘密',
      'CONFIDENTIAL',
      'STRICTLY CONFIDENTIAL',
    ]);
  });
});

describe('createKeywordMatcher: classification marks', () => {
  it.each<[string, string, [string, string][]]>([
    ['Chinese inside a sentence', '这是机密文件，请勿外传', cls('机密')],
    ['two marks in one sentence', '绝密和秘密两级', cls('绝密', '秘密')],
    ['longest wins: 商业秘密 over 秘密', '本文件属于商业秘密。', cls('商业秘密')],
    ['inside', '内部资料', cls('内部')],
    ['mixed case', 'Confidential and cOnFiDeNtIaL', cls('Confidential', 'cOnFiDeNtIaL')],
    ['upper case', 'CONFIDENTIAL', cls('CONFIDENTIAL')],
    ['full-width Latin', 'Ｃｏｎｆｉｄｅｎｔｉａｌ文件', cls('Ｃｏｎｆｉｄｅｎｔｉａｌ')],
    ['full-width upper case', '【ＣＯＮＦＩＤＥＮＴＩＡＬ】', cls('ＣＯＮＦＩＤＥＮＴＩＡＬ')],
    ['longest wins: STRICTLY CONFIDENTIAL', 'STRICTLY CONFIDENTIAL', cls('STRICTLY CONFIDENTIAL')],
    ['white space folded', 'Strictly \n\t Confidential!', cls('Strictly \n\t Confidential')],
    ['ideographic space folded', 'STRICTLY\u3000CONFIDENTIAL', cls('STRICTLY\u3000CONFIDENTIAL')],
    ['space between CJK dropped', '商业 秘密', cls('商业 秘密')],
    ['zero-width space inside', '机\u200b密', cls('机\u200b密')],
    ['soft hyphen inside', 'CONFI\u00adDENTIAL', cls('CONFI\u00adDENTIAL')],
    ['CJK next to Latin', '内部CONFIDENTIAL文件', cls('内部', 'CONFIDENTIAL')],
    ['hyphen is a boundary', 'non-confidential', cls('confidential')],
    ['parentheses are boundaries', '(CONFIDENTIAL)', cls('CONFIDENTIAL')],
    ['not inside a longer word', 'nonconfidentiality', []],
    ['not before a digit', 'confidential2', []],
    ['not after an underscore', 'x_confidential', []],
    ['not after an accented letter', 'éconfidential', []],
    ['nothing', 'the weather is fine 天气很好', []],
    ['empty text', '', []],
  ])('%s', (_name, text, expected) => {
    expect(covered(C, text)).toEqual(expected);
  });
});

describe('createKeywordMatcher: admin words', () => {
  const projects: KeywordGroup = { id: 'projects', words: ['Project Falcon', '项目X', 'internal'] };
  it.each<[string, string, [string, string][]]>([
    ['code name', 'about Project Falcon today', [['projects', 'Project Falcon']]],
    ['code name, other case and spacing', 'PROJECT   falcon', [['projects', 'PROJECT   falcon']]],
    ['mixed word: CJK edge matches anywhere', 'A项目X启动', [['projects', '项目X']]],
    ['mixed word: Latin edge needs a boundary', '项目XY', []],
    ['internal is not found in internals', 'see the internals', []],
    ['internal on its own', 'internal.', [['projects', 'internal']]],
  ])('%s', (_name, text, expected) => {
    expect(covered([projects], text)).toEqual(expected);
  });

  it('resolves overlaps leftmost first, then longest', () => {
    const g: KeywordGroup[] = [
      { id: 'a', words: ['甲乙', '乙丙丁', '丙', '甲乙丙丁戊'] },
      { id: 'b', words: ['中国', '中国人', '国人民', '人民', '民'] },
    ];
    expect(covered(g, '甲乙丙丁戊己')).toEqual([['a', '甲乙丙丁戊']]);
    // The long word fails at 己: the automaton falls back and still sees 甲乙 and 丙.
    expect(covered(g, '甲乙丙丁己')).toEqual([
      ['a', '甲乙'],
      ['a', '丙'],
    ]);
    expect(covered(g, '中国人民')).toEqual([
      ['b', '中国人'],
      ['b', '民'],
    ]);
  });

  it('reports the first group for a word listed twice', () => {
    const g: KeywordGroup[] = [
      { id: 'first', words: ['Falcon'] },
      { id: 'second', words: ['FALCON', 'Eagle'] },
    ];
    expect(covered(g, 'falcon eagle')).toEqual([
      ['first', 'falcon'],
      ['second', 'eagle'],
    ]);
  });

  it('maps offsets back to the original text through NFKC changes', () => {
    const g: KeywordGroup[] = [{ id: 'k', words: ['秘密', 'fiona', '株式会社', 'ab'] }];
    // ㊙ (U+3299) is 秘 under NFKC; ﬁ is f + i; ㍿ is 株式会社; e + U+0301 is é.
    const text = '㊙密 ﬁona ㍿ ab';
    expect(hits(g, text).map((h) => [h.start, h.end, h.compact])).toEqual([
      [0, 2, '秘密'],
      [3, 7, 'fiona'],
      [8, 9, '株式会社'],
      [10, 12, 'ab'],
    ]);
  });

  it('reports type, rule, confidence, priority and the normalised word', () => {
    const [h] = hits(
      [{ id: 'rule-7', words: ['Falcon'], confidence: 'context' }],
      '… ＦＡＬＣＯＮ …',
    );
    expect(h).toEqual({
      type: 'KEYWORD',
      start: 2,
      end: 8,
      confidence: 'context',
      compact: 'falcon',
      rule: 'rule-7',
      priority: KEYWORD_PRIORITY,
    });
    expect(hits(C, '机密')[0]!.confidence).toBe('validated');
  });

  it('handles 10,000 words with shared prefixes', () => {
    const words = Array.from({ length: MAX_KEYWORDS }, (_, i) => `项目${i.toString(36)}号`);
    const m = createKeywordMatcher([{ id: 'many', words }]);
    // 7pr is 9999 in base 36, the last word; 7ps (10000) and 7pt are not listed.
    const text = '开始项目0号，项目zz号与项目7ps号，项目7pt号（不存在）项目7pr号';
    const out: string[] = [];
    m.scan(text, (h) => out.push(text.slice(h.start, h.end)));
    expect(out).toEqual(['项目0号', '项目zz号', '项目7pr号']);
  });
});

/** Reference: the leftmost-longest word at each start, by brute force over normalised units. */
function naive(words: string[], text: string): [number, number][] {
  const norm = normaliseText(text);
  const u = String.fromCharCode(...norm.units.subarray(0, norm.length));
  const forms = words.map((w) => {
    const n = normaliseText(w);
    return String.fromCharCode(...n.units.subarray(0, n.length));
  });
  const out: [number, number][] = [];
  for (let s = 0; s < u.length;) {
    let best = 0;
    for (const f of forms) {
      if (f.length <= best || !u.startsWith(f, s)) continue;
      const e = s + f.length;
      if (isWordUnit(f.charCodeAt(0)) && s > 0 && isWordUnit(u.charCodeAt(s - 1))) continue;
      if (isWordUnit(f.charCodeAt(f.length - 1)) && e < u.length && isWordUnit(u.charCodeAt(e)))
        continue;
      best = f.length;
    }
    if (best === 0) {
      s++;
      continue;
    }
    out.push([norm.srcStart[s]!, norm.srcEnd[s + best - 1]!]);
    s += best;
  }
  return out;
}

function mulberry32(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('createKeywordMatcher agrees with a brute-force reference', () => {
  it('on random words and texts (CJK, Latin, full-width, spaces, zero-width)', () => {
    const rnd = mulberry32(7);
    const alphabet = ['机', '密', '内', '部', 'a', 'b', 'A', 'ｂ', ' ', '-', '1', '\u200b', '㊙'];
    const pick = () => alphabet[Math.floor(rnd() * alphabet.length)]!;
    let total = 0;
    for (let round = 0; round < 200; round++) {
      const words = Array.from({ length: 1 + Math.floor(rnd() * 6) }, () => {
        let w = '';
        const len = 1 + Math.floor(rnd() * 4);
        while (w.replace(/[\s\u200b]/g, '').length < len) w += pick();
        return w;
      }).filter((w) => normaliseText(w).length > 0);
      let text = '';
      for (let i = 0; i < 40; i++) text += pick();
      const m = createKeywordMatcher([{ id: 'r', words }]);
      const got: [number, number][] = [];
      m.scan(text, (h) => got.push([h.start, h.end]));
      expect(got, `${JSON.stringify(words)} in ${JSON.stringify(text)}`).toEqual(
        naive(words, text),
      );
      total += got.length;
    }
    // The comparison saw real hits, not only empty lists.
    expect(total).toBeGreaterThan(200);
  });
});

describe('createKeywordMatcher validates its input', () => {
  const long = 'x'.repeat(201);
  it.each<[string, unknown, RegExp]>([
    ['empty word', [{ id: 'g', words: ['ok', ''] }], /^keyword group 'g' words\[1\]: is empty$/],
    ['blank word', [{ id: 'g', words: [' \t'] }], /^keyword group 'g' words\[0\]: is empty$/],
    [
      'invisible word',
      [{ id: 'g', words: ['\u200b\u00ad'] }],
      /words\[0\]: is empty once white space and invisible characters are removed/,
    ],
    [
      'too long',
      [{ id: 'codes', words: [long] }],
      /^keyword group 'codes' words\[0\]: is 201 characters long; the limit is 200$/,
    ],
    [
      'too long after normalisation',
      [{ id: 'g', words: ['㍿'.repeat(60)] }],
      /words\[0\]: is 240 characters long after normalisation; the limit is 200/,
    ],
    [
      'too many words',
      [
        { id: 'a', words: Array.from({ length: 6000 }, (_, i) => `a${i}`) },
        { id: 'b', words: Array.from({ length: 4001 }, (_, i) => `b${i}`) },
      ],
      /^keyword group 'b' words\[4000\]: too many keywords \(more than 10000 over all groups\)$/,
    ],
    [
      'too many characters',
      [{ id: 'g', words: Array.from({ length: 1001 }, (_, i) => `${i}`.padEnd(200, 'x')) }],
      /words\[1000\]: the keywords add up to more than 200000 characters/,
    ],
    [
      'not a string',
      [{ id: 'g', words: ['ok', 42] }],
      /^keyword group 'g' words\[1\]: must be a string$/,
    ],
    ['no id', [{ words: ['x'] }], /^keyword group 0: needs a non-empty id$/],
    [
      'bad confidence',
      [{ id: 'g', words: ['x'], confidence: 'high' }],
      /confidence must be one of/,
    ],
    ['words not a list', [{ id: 'g', words: 'x' }], /^keyword group 'g': words must be a list$/],
  ])('%s', (_name, groups, message) => {
    expect(() => createKeywordMatcher(groups as KeywordGroup[])).toThrow(KeywordError);
    expect(() => createKeywordMatcher(groups as KeywordGroup[])).toThrow(message);
  });

  it('accepts no groups and no words (and finds nothing)', () => {
    expect(hits([], '机密')).toEqual([]);
    expect(hits([{ id: 'g', words: [] }], '机密')).toEqual([]);
  });
});

describe('keywords through the engine', () => {
  const projects: KeywordGroup = { id: 'projects', words: ['Falcon', '1949'] };
  const detect = (text: string) =>
    createDetector({ matchers: [createKeywordMatcher([CLASSIFICATION_MARKS, projects])] }).detect(
      text,
    );

  it('reports KEYWORD findings with the rule id and a masked form', () => {
    const text = 'CONFIDENTIAL: Project Falcon, 机密';
    const r = detect(text);
    expect(
      r.findings.map((f) => [f.type, f.rule, text.slice(f.start, f.end), f.confidence]),
    ).toEqual([
      ['KEYWORD', 'classification', 'CONFIDENTIAL', 'validated'],
      ['KEYWORD', 'projects', 'Falcon', 'validated'],
      ['KEYWORD', 'classification', '机密', 'validated'],
    ]);
    for (const f of r.findings) {
      const raw = text.slice(f.start, f.end);
      if (raw.length >= 4) {
        expect(f.masked).not.toBe(raw);
        expect(f.masked.toLowerCase()).not.toBe(raw.toLowerCase());
      }
    }
  });

  it('counts one distinct keyword however it is written', () => {
    const r = detect('CONFIDENTIAL confidential Ｃｏｎｆｉｄｅｎｔｉａｌ 机密 绝密');
    expect(r.findings).toHaveLength(5);
    expect(r.counts.KEYWORD).toBe(3);
  });

  it('never hides an ID number: no match inside it, and the ID wins an overlap', () => {
    const r = detect('机密 身份证 11010519491231002X');
    expect(r.findings.map((f) => f.type)).toEqual(['KEYWORD', 'CN_ID']);
    // A keyword that is the whole e-mail address: the EMAIL finding (priority 65) wins.
    const email = createDetector({
      matchers: [createKeywordMatcher([{ id: 'x', words: ['a.b@example.cn'] }])],
    }).detect('mail a.b@example.cn');
    expect(email.findings.map((f) => f.type)).toEqual(['EMAIL']);
  });
});
