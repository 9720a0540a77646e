import { describe, expect, it } from 'vitest';
import { createDetector } from '../../../utils/detect';
import {
  DEFAULT_MAX_MATCHES,
  MAX_STATES,
  PATTERN_PRIORITY,
  compileAdminPattern,
  type AdminPatternMatcher,
  type AdminPatternOptions,
} from '../../../utils/detect/admin-pattern';
import { compileProgram } from '../../../utils/detect/admin-pattern/compile';
import { parsePattern } from '../../../utils/detect/admin-pattern/parse';
import { Searcher } from '../../../utils/detect/admin-pattern/search';
import type { MatcherHit } from '../../../utils/detect/engine';

function compile(source: string, options: Partial<AdminPatternOptions> = {}): AdminPatternMatcher {
  const r = compileAdminPattern(source, { id: 'p', ...options });
  if (!r.ok) throw new Error(`${source}: ${r.error}`);
  return r.matcher;
}

function spans(m: AdminPatternMatcher, text: string): [number, number][] {
  const out: [number, number][] = [];
  m.scan(text, (h) => out.push([h.start, h.end]));
  return out;
}

function matched(source: string, text: string, flags = ''): string[] {
  return spans(compile(source, { flags, maxMatches: 1e6 }), text).map(([s, e]) => text.slice(s, e));
}

/** The matches of the native engine, looping exec as the spec describes (flags gu + …). */
function native(source: string, flags: string, text: string): [number, number][] {
  const re = new RegExp(source, `gu${flags.replace('g', '')}`);
  const out: [number, number][] = [];
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    out.push([m.index, m.index + m[0].length]);
    if (m[0] === '') re.lastIndex++;
  }
  return out;
}

describe('compileAdminPattern accepts the documented subset', () => {
  it.each([
    ['ACCT-\\d{6,10}', ''],
    ['(?:ACCT|ACC)[-_ ]?\\d{6,10}', 'i'],
    ['项目[A-Z]+', ''],
    ['[\\u4e00-\\u9fff]{2,4}(?:有限)?公司', ''],
    ['(?<code>[A-Z]{3})-(\\d+)', ''],
    ['^\\s*ID:\\s*\\w+$', 'm'],
    ['BEGIN.+?END', 's'],
    ['\\bP-\\d{4}\\b', 'g'],
    ['\\u{1F600}+|\\uD83D\\uDE01', ''],
    ['[^\\s,;]+@corp\\.example', ''],
    ['\\x41\\cJ\\t\\0\\/\\-\\.', ''],
    ['a{0,900}b', ''],
    ['(a+)+$', ''],
    ['(a|a)+$', ''],
    ['(.*a){20}', ''],
    ['^(\\w+\\s?)+$', ''],
  ])('%s /%s', (source, flags) => {
    const r = compileAdminPattern(source, { id: 'x', flags });
    expect(r.ok ? 'ok' : r.error).toBe('ok');
  });
});

describe('compileAdminPattern refuses, with a message for the admin', () => {
  it.each<[string, string, RegExp]>([
    ['', '', /^the pattern is empty$/],
    ['x'.repeat(1001), '', /is 1001 characters long; the limit is 1000/],
    [
      '(a)\\1',
      '',
      /^back-references \(\\1\) are not supported: .*exponential time at character 4$/,
    ],
    ['(?<n>a)\\k<n>', '', /back-references \(\\k<name>\) are not supported/],
    ['(?=a)b', '', /^look-ahead and look-behind .* are not supported at character 1$/],
    ['a(?!b)', '', /look-ahead and look-behind/],
    ['(?<=a)b', '', /look-ahead and look-behind/],
    ['(?<!a)b', '', /look-ahead and look-behind/],
    ['\\p{Script=Han}', '', /Unicode property escapes .* are not supported/],
    ['*a', '', /^nothing to repeat before '\*' at character 1$/],
    ['a**', '', /a quantifier cannot follow another one .* at character 3$/],
    ['a{2}{3}', '', /a quantifier cannot follow another one/],
    ['^*', '', /nothing to repeat: '\^' matches no character/],
    ['\\b+', '', /nothing to repeat: '\\b' matches no character/],
    ['a{3,2}', '', /repetition \{3,2\} has its numbers out of order/],
    ['a{1001}', '', /repetition \{1001\} is above the limit of 1000/],
    ['a{', '', /'\{' must start a repetition like \{2\} or \{2,5\}/],
    ['{a', '', /unescaped '\{'/],
    ['a}', '', /unescaped '\}'/],
    ['a]', '', /unescaped '\]'/],
    ['(ab', '', /^missing '\)' for the group opened at character 1$/],
    ['ab)', '', /^unmatched '\)' at character 3$/],
    ['[ab', '', /^missing '\]' for the class opened at character 1$/],
    ['[z-a]', '', /range out of order: z-a/],
    ['[\\d-z]', '', /a range cannot start or end with a class escape/],
    ['[😀]', '', /outside the Basic Multilingual Plane .* write it outside the class/],
    ['\\q', '', /^unknown escape \\q at character 1$/],
    ['\\01', '', /octal escapes are not supported/],
    ['\\x4', '', /\\x must be followed by two hex digits/],
    ['\\u12', '', /\\u must be followed by four hex digits/],
    ['a\\', '', /ends with a lone backslash/],
    ['(?P<x>a)', '', /unknown group syntax '\(\?P'/],
    ['a*', '', /can match an empty string, so it would flag every paste/],
    ['(a|a)*$', '', /can match an empty string/],
    ['^(\\w+\\s?)*$', '', /can match an empty string/],
    ['\\b|x?', '', /can match an empty string/],
    ['(?:x{1000}){1000}', '', /compiles to more than 2000 states/],
    ['a{0,1000}b', '', /compiles to more than 2000 states/],
    ['a', 'u', /^unsupported flag 'u' \(supported: i, m, s\)$/],
    ['a', 'y', /unsupported flag 'y'/],
    ['a', 'ii', /flag 'i' is given twice/],
    ['('.repeat(101) + 'a' + ')'.repeat(101), '', /groups are nested more than 100 deep/],
  ])('%s /%s', (source, flags, message) => {
    const r = compileAdminPattern(source, { id: 'x', flags });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(message);
  });

  it('checks its options', () => {
    expect(compileAdminPattern('a', { id: '' })).toEqual({
      ok: false,
      error: 'the pattern needs a non-empty id',
    });
    expect(compileAdminPattern('a', { id: 'x', maxMatches: 0 })).toMatchObject({ ok: false });
    expect(compileAdminPattern('a', { id: 'x', maxMatches: 1.5 })).toMatchObject({ ok: false });
    expect(compileAdminPattern('a', { id: 'x', confidence: 'sure' as 'validated' })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/confidence must be one of/),
    });
  });
});

describe('admin pattern matches', () => {
  it.each<[string, string, string, string[]]>([
    [
      'ACCT-\\d{6,10}',
      '',
      'x ACCT-1234567 ACCT-12 ACCT-123456789012',
      ['ACCT-1234567', 'ACCT-1234567890'],
    ],
    ['acct-\\d+', 'i', 'ACCT-12 Acct-3 acct-', ['ACCT-12', 'Acct-3']],
    ['[a-c]+', 'i', 'xABCabcD', ['ABCabc']],
    ['[^a]', 'i', 'aAb', ['b']],
    ['项目[A-Z]+', '', '关于项目ALPHA和项目beta', ['项目ALPHA']],
    [
      '[\\u4e00-\\u9fff]{2,4}公司',
      '',
      '客户：华为技术公司、小米公司',
      ['华为技术公司', '小米公司'],
    ],
    ['ab|abc', '', 'abcd', ['ab']], // leftmost-first: the first alternative wins
    ['abc|ab', '', 'abcd', ['abc']],
    ['a+?b', '', 'aaab', ['aaab']],
    ['<.+?>', '', '<a><b>', ['<a>', '<b>']],
    ['<.+>', '', '<a><b>', ['<a><b>']],
    ['\\bfoo\\b', '', 'foo food foo_ (foo)', ['foo', 'foo']],
    ['\\Boo', '', 'foo oo', ['oo']],
    ['^\\d+', '', '12\n34', ['12']],
    ['^\\d+', 'm', '12\n34\r\n56', ['12', '34', '56']],
    ['\\d+$', 'm', '12\n34', ['12', '34']],
    ['a.c', '', 'a\nc abc', ['abc']],
    ['a.c', 's', 'a\nc', ['a\nc']],
    ['.', '', 'a😀b', ['a', '😀', 'b']],
    ['[^a]+', '', 'a😀\ud800x', ['😀\ud800x']],
    ['😀+', '', '😀😀😀x', ['😀😀😀']],
    ['\\u{1F600}{2}', '', '😀😀😀', ['😀😀']],
    ['\\uD83D\\uDE00', '', 'x😀', ['😀']],
    ['\\uD83D', '', '😀\ud83d', ['\ud83d']], // a lone surrogate, never half of a pair
    ['\\W', '', 'a😀-', ['😀', '-']],
    ['[\\D]', '', '1😀', ['😀']],
    ['[^\\D]', '', '1😀', ['1']],
    ['(?:a|)+b', '', 'aab', ['aab']],
    ['\\s(?:(?:\\D+)??)?', '', '1 A', [' A']], // an empty optional iteration is rejected, as in JS
    ['(?:x|y)*z', '', 'xyxz zz', ['xyxz', 'z', 'z']],
  ])('/%s/%s on %j', (source, flags, text, expected) => {
    expect(matched(source, text, flags)).toEqual(expected);
    expect(spans(compile(source, { flags, maxMatches: 1e6 }), text)).toEqual(
      native(source, flags, text),
    );
  });

  it('folds case for ASCII letters only (documented difference with JavaScript)', () => {
    expect(matched('é', 'éÉ', 'i')).toEqual(['é']);
    expect(native('é', 'i', 'éÉ')).toHaveLength(2);
  });

  it('reports CUSTOM_PATTERN hits with the rule id, confidence and raw offsets', () => {
    const out: MatcherHit[] = [];
    compile('ACCT-\\d+', { id: 'acct', confidence: 'context' }).scan('机密 ACCT-42', (h) =>
      out.push(h),
    );
    expect(out).toEqual([
      {
        type: 'CUSTOM_PATTERN',
        start: 3,
        end: 10,
        confidence: 'context',
        compact: 'ACCT-42',
        rule: 'acct',
        priority: PATTERN_PRIORITY,
      },
    ]);
    const [h] = ((): MatcherHit[] => {
      const o: MatcherHit[] = [];
      compile('x').scan('x', (x) => o.push(x));
      return o;
    })();
    expect(h!.confidence).toBe('validated');
  });

  it('caps the hits per paste', () => {
    expect(spans(compile('\\d', { maxMatches: 3 }), '1234567890')).toEqual([
      [0, 1],
      [1, 2],
      [2, 3],
    ]);
    expect(spans(compile('\\d'), '7'.repeat(5000))).toHaveLength(DEFAULT_MAX_MATCHES);
  });

  it('exposes the program size', () => {
    expect(compile('abc').states).toBe(4);
    expect(compile('a{0,900}b').states).toBeLessThanOrEqual(MAX_STATES);
  });
});

describe('bounded work on the classic exponential patterns', () => {
  const n = 50_000;
  const evil = 'a'.repeat(n) + '!';
  // Steps are counted work units: a few per instruction and character at most.
  const bound = (m: { states: number }, len: number) => 12 * (len + 1) * m.states;

  it.each<[string, string, [number, number][]]>([
    ['(a+)+$', evil, []],
    ['(a|a)+$', evil, []],
    ['(a|aa)+$', evil, []],
    ['(.*a){20}', evil, [[0, n]]],
    ['^(\\w+\\s?)+$', evil, []],
    ['(\\w+\\s?)+$', evil, []],
    ['(?:a*)*b', evil, []],
    ['(x+x+)+y', 'x'.repeat(n), []],
    ['(?:a|a?)+?!', evil, [[0, n + 1]]],
  ])('%s', (source, text, expected) => {
    const m = compile(source, { maxMatches: 1e6 });
    expect(spans(m, text)).toEqual(expected);
    expect(m.lastSteps).toBeGreaterThan(text.length);
    expect(m.lastSteps).toBeLessThan(bound(m, text.length));
  });

  it('stays linear where restarting a search after each match would be quadratic', () => {
    // A greedy optional part that reads to the end of the text looking for z, 50,000 times.
    const m = compile('a(?:.*z)?', { maxMatches: 1e6 });
    const text = 'a'.repeat(n);
    expect(spans(m, text)).toHaveLength(n);
    expect(m.lastSteps).toBeLessThan(bound(m, n));
    const m2 = compile('a(?:.*z)?');
    expect(spans(m2, text)).toHaveLength(DEFAULT_MAX_MATCHES);
  });

  it.each([
    ['(a|a)*$', evil],
    ['^(\\w+\\s?)*$', evil],
    ['(a*)*$', evil],
  ])('the empty-matching %s, run directly by the searcher', (source, text) => {
    const prog = compileProgram(
      parsePattern(source, { ignoreCase: false, multiline: false, dotAll: false }),
      MAX_STATES,
    );
    const s = new Searcher(prog);
    s.run(text, 1e6, () => {});
    expect(s.steps).toBeGreaterThan(text.length);
    expect(s.steps).toBeLessThan(12 * (text.length + 1) * prog.size);
  });
});

function mulberry32(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('equivalence with the native engine on random patterns', () => {
  const ATOMS = [
    'a',
    'b',
    'c',
    'A',
    '中',
    '😀',
    '.',
    '\\d',
    '\\w',
    '\\s',
    '\\W',
    '\\S',
    '\\D',
    '[ab]',
    '[^a]',
    '[\\D]',
    '[^\\Wa]',
    '[\\Sb]',
    '[a-c]',
    '[^\\s]',
    '[中a]',
    '-',
    '\\n',
  ];
  const ASSERTS = ['^', '$', '\\b', '\\B'];
  const QUANTS = ['*', '+', '?', '{0,2}', '{1,3}', '{2}', '*?', '+?', '??', '{1,}', '{2,3}?'];
  const TEXT = ['a', 'b', 'c', 'A', 'B', '1', ' ', '\n', '中', '😀', '-', '\ud800', '\udc00', '_'];

  function generator(seed: number) {
    const rnd = mulberry32(seed);
    const pick = <T>(a: readonly T[]): T => a[Math.floor(rnd() * a.length)]!;
    const gen = (d: number): string => {
      const r = rnd();
      if (d <= 0 || r < 0.35) return rnd() < 0.1 ? pick(ASSERTS) : pick(ATOMS);
      if (r < 0.55) {
        let s = '';
        for (let k = 1 + Math.floor(rnd() * 3); k > 0; k--) s += gen(d - 1);
        return s;
      }
      if (r < 0.7) return `(?:${gen(d - 1)}|${gen(d - 1)})`;
      const inner = gen(d - 1);
      if (ASSERTS.includes(inner)) return inner;
      const atom = /^(?:.|\\.|\[[^\]]*\]|😀)$/u.test(inner) ? inner : `(?:${inner})`;
      return atom + pick(QUANTS);
    };
    const text = () => {
      let t = '';
      for (let len = Math.floor(rnd() * 14); len > 0; len--) t += pick(TEXT);
      return t;
    };
    return { gen, text, flags: () => pick(['', '', 'i', 'm', 's', 'im']) };
  }

  it('gives the same matches on 500 patterns × 5 texts', () => {
    const g = generator(20261201);
    let compared = 0;
    let refused = 0;
    let nonEmpty = 0;
    for (let accepted = 0; accepted < 500;) {
      const source = g.gen(4);
      const flags = g.flags();
      const r = compileAdminPattern(source, { id: 'x', flags, maxMatches: 1e6 });
      if (!r.ok) {
        // The only refusal on this grammar: patterns that can match the empty string.
        expect(r.error).toMatch(/can match an empty string/);
        refused++;
        continue;
      }
      accepted++;
      for (let t = 0; t < 5; t++) {
        const text = g.text();
        const mine = spans(r.matcher, text);
        expect(mine, `/${source}/${flags} on ${JSON.stringify(text)}`).toEqual(
          native(source, flags, text),
        );
        compared++;
        if (mine.length > 0) nonEmpty++;
      }
    }
    expect(compared).toBe(2500);
    expect(refused).toBeLessThan(250);
    expect(nonEmpty).toBeGreaterThan(1000);
  });

  it('gives the same matches on long texts that span several blocks', () => {
    const rnd = mulberry32(99);
    const parts = ['ID-', '12', '345', 'x', ' ', '中文', '😀', '\n', 'ID-9', 'aaaa'];
    let text = '';
    while (text.length < 120_000) text += parts[Math.floor(rnd() * parts.length)]!;
    // 34 CHAR instructions need two live words: blocks of 8192 positions.
    const long = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ01234567';
    const crossing = 'x'.repeat(8190) + long + 'y'.repeat(8000) + long;
    for (const [source, t] of [
      ['ID-\\d{3,5}', text],
      ['\\d+(?:\\s+\\d+)*', text],
      ['(?:ID|中文)[-\\d]*', text],
      ['a(?:.*z)?', text],
      [long, crossing],
      [`${long}|x+`, crossing],
    ] as const) {
      const m = compile(source, { maxMatches: 1e6 });
      const mine = spans(m, t);
      expect(mine.length, source).toBeGreaterThan(0);
      expect(mine, source).toEqual(native(source, '', t));
    }
  });

  it('gives the same matches when the DFA cache overflows and is emptied', () => {
    // Inside a run of a, Alive differs at each of the 1,900 offsets: more states than the
    // cache holds, so it is emptied and refilled while the text is scanned.
    const source = 'a{950}a{950}';
    const text = 'a'.repeat(5000) + 'b' + 'a'.repeat(2000);
    const prog = compileProgram(
      parsePattern(source, { ignoreCase: false, multiline: false, dotAll: false }),
      MAX_STATES,
    );
    const s = new Searcher(prog);
    const mine: [number, number][] = [];
    s.run(text, 1e6, (a, b) => mine.push([a, b]));
    expect(s.generation).toBeGreaterThan(0);
    expect(mine).toEqual(native(source, '', text));
    expect(mine).toHaveLength(3);
    expect(s.steps).toBeLessThan(12 * (text.length + 1) * prog.size);
  });

  it('needs one DFA state for a long alternation of ideographs', () => {
    const ideographs = Array.from({ length: 400 }, (_, i) => String.fromCharCode(0x4e00 + 2 * i));
    const source = `(?:${ideographs.join('|')})+`;
    const text = `前言${ideographs.join('')}后记`.repeat(20);
    const m = compile(source, { maxMatches: 1e6 });
    expect(spans(m, text)).toEqual(native(source, '', text));
    // Far below one closure computation per character (the program has ~1,200 states).
    expect(m.lastSteps).toBeLessThan(text.length * 600);
  });
});

describe('admin patterns through the engine', () => {
  it('reports CUSTOM_PATTERN findings with the rule id and a masked form', () => {
    const text = '账户 ACCT-1234567 与 ACCT-7654321，再 ACCT-1234567';
    const r = createDetector({ matchers: [compile('ACCT-\\d{6,10}', { id: 'accounts' })] }).detect(
      text,
    );
    expect(r.findings.map((f) => [f.type, f.rule, text.slice(f.start, f.end)])).toEqual([
      ['CUSTOM_PATTERN', 'accounts', 'ACCT-1234567'],
      ['CUSTOM_PATTERN', 'accounts', 'ACCT-7654321'],
      ['CUSTOM_PATTERN', 'accounts', 'ACCT-1234567'],
    ]);
    expect(r.counts.CUSTOM_PATTERN).toBe(2);
    for (const f of r.findings) {
      expect(f.masked).not.toBe(text.slice(f.start, f.end));
      expect(f.masked).toMatch(/^A\*+$/);
    }
  });

  it('loses an overlap to a validated ID number, keeps its own elsewhere', () => {
    const text = '身份证 11010519491231002X 工号 12345678901234567X';
    const r = createDetector({ matchers: [compile('\\d{17}[\\dX]', { id: 'ids' })] }).detect(text);
    expect(r.findings.map((f) => [f.type, f.rule])).toEqual([
      ['CN_ID', undefined],
      ['CUSTOM_PATTERN', 'ids'],
    ]);
  });
});
