/**
 * Detection quality of the npm PII libraries next to ClientGuard's engine, over the two labeled
 * corpora: the tuning corpus (tests/fixtures/corpus, the detectors were tuned on it) and the
 * held-out corpus (tests/fixtures/corpus-holdout, never used for tuning). Run through
 * scripts/quality-libraries.mjs, which bundles this file with esbuild.
 *
 * ## What is measured
 * The libraries have no Chinese types and name theirs differently, so the measure is
 * type-agnostic: a labeled value counts as found when any finding of the tool, of any type,
 * overlaps its span (for redaction, that is what matters: the value is hidden). A finding that
 * overlaps no label is a false positive; identical spans are counted once. ClientGuard is scored
 * the same way here (any type, any confidence), so its row is comparable with the libraries';
 * its typed precision and recall are the corpus tests' job.
 *
 * ## Where the spans come from
 * - `@coffeeandfun/remove-pii` `detectPII(text)` and `@openredaction/openredaction`
 *   `new OpenRedaction().detect(text)` report positions ([start, end), checked on a probe).
 * - `@cdssnc/sanitize-pii` and `redact-pii` only redact (cdssnc's `detectPii` returns the first
 *   match of each pattern without positions), so their spans are recovered from the redacted
 *   text: each is given a replacement that is one private-use character (U+E000, absent from the
 *   corpora; the test below checks) through its own option (`replacementTemplate`,
 *   `globalReplaceWith`), so the output is the input with some spans replaced by that character.
 *   Splitting the output at the character gives literal pieces L0, L1 … Ln that must appear in
 *   the input in order, L0 as a prefix and Ln as a suffix; each gap between two pieces is one
 *   redacted span. Pieces are placed at their earliest feasible position. A placement is
 *   ambiguous when a later one would also fit (two redactions separated by a short piece such
 *   as a space that also occurs inside the first one): the union of the redacted characters can
 *   then be off by the piece's length. The count of ambiguous placements is printed next to
 *   those libraries' rows, so the reader sees how much the figures could move.
 *   With one character in place of the library's default labels (`[Redacted: email]`,
 *   `PHONE_NUMBER`…), later patterns in the library's chain see a different placeholder than by
 *   default; none of their patterns targets the placeholders, so the effect is at most a
 *   boundary difference next to a replaced span.
 *
 * No value is printed: only counts, ratios and type names.
 */
import { join } from 'node:path';
import { createDetector } from '../../utils/detect';
import { loadCorpusDir, type CorpusDocument } from '../unit/detect/corpus-format';
import { CORPUS_TYPES } from '../fixtures/corpus/values';

/** A span a tool reported (or redacted), with the tool's own type name when it gives one. */
export interface ToolSpan {
  start: number;
  end: number;
  type: string;
}

/** One tool, ready to run on a text. */
export interface Tool {
  name: string;
  /** The call measured, for the table. */
  call: string;
  /** How the spans are obtained: reported by the tool, or recovered from its redacted text. */
  spans: 'reported' | 'diff';
  run(text: string): { spans: ToolSpan[]; ambiguous: number };
}

/** The Chinese identifier types, reported apart from the rest. */
export const CHINESE_TYPES: readonly string[] = [
  'CN_ID',
  'CN_USCC',
  'CN_MOBILE',
  'CN_LANDLINE',
  'BANK_CARD',
  'CN_PASSPORT',
  'HK_MACAU_PERMIT',
  'TW_PERMIT',
];

/** The replacement the redact-only libraries are given: one private-use character. */
export const SENTINEL = '\uE000';

/**
 * Recovers the redacted spans from `redacted`, the output of a library that replaced each span
 * of `input` by SENTINEL (see the header). Throws when `redacted` is not such a substitution.
 */
export function spansFromRedaction(
  input: string,
  redacted: string,
): { spans: { start: number; end: number }[]; ambiguous: number } {
  if (input.includes(SENTINEL)) throw new Error('the input holds the sentinel character');
  const pieces = redacted.split(SENTINEL);
  const n = pieces.length - 1;
  if (n === 0) {
    if (redacted !== input) throw new Error('the output differs but holds no sentinel');
    return { spans: [], ambiguous: 0 };
  }
  const first = pieces[0]!;
  const last = pieces[n]!;
  if (!input.startsWith(first) || !input.endsWith(last)) {
    throw new Error('the output is not a substitution of the input (prefix or suffix differs)');
  }
  // Earliest placement from the left: piece i starts at least one character after piece i-1
  // ends (each redacted span is taken as non-empty).
  const earliest: number[] = [0];
  let at = first.length;
  for (let i = 1; i < n; i++) {
    const p = input.indexOf(pieces[i]!, at + 1);
    if (p < 0) throw new Error('the output is not a substitution of the input (piece not found)');
    earliest.push(p);
    at = p + pieces[i]!.length;
  }
  const lastStart = input.length - last.length;
  if (lastStart < at + 1) throw new Error('the output is not a substitution of the input');
  earliest.push(lastStart);
  // Latest placement from the right, to tell which placements were forced.
  const latest: number[] = new Array<number>(n + 1).fill(0);
  latest[n] = lastStart;
  for (let i = n - 1; i >= 1; i--) {
    const limit = latest[i + 1]! - 1 - pieces[i]!.length;
    latest[i] = input.lastIndexOf(pieces[i]!, limit);
  }
  let ambiguous = 0;
  for (let i = 1; i < n; i++) if (latest[i] !== earliest[i]) ambiguous++;
  const spans: { start: number; end: number }[] = [];
  for (let i = 0; i < n; i++) {
    spans.push({ start: earliest[i]! + pieces[i]!.length, end: earliest[i + 1]! });
  }
  return { spans, ambiguous };
}

/** Loads every tool that imports and runs here; the others come back with the reason. */
export async function loadTools(): Promise<{ tools: Tool[]; skipped: string[] }> {
  const candidates: { name: string; load: () => Promise<Tool> }[] = [
    {
      name: 'ClientGuard',
      async load() {
        const detector = createDetector();
        return {
          name: 'ClientGuard',
          call: 'createDetector().detect(text)',
          spans: 'reported',
          run: (text) => ({
            spans: detector.detect(text).findings.map((f) => ({
              start: f.start,
              end: f.end,
              type: f.type,
            })),
            ambiguous: 0,
          }),
        };
      },
    },
    {
      name: '@coffeeandfun/remove-pii',
      async load() {
        const { detectPII } = await import('@coffeeandfun/remove-pii');
        return {
          name: '@coffeeandfun/remove-pii',
          call: 'detectPII(text)',
          spans: 'reported',
          run: (text) => ({
            spans: detectPII(text).detectedItems.flatMap((item) =>
              item.positions.map((p) => ({ start: p.start, end: p.end, type: item.type })),
            ),
            ambiguous: 0,
          }),
        };
      },
    },
    {
      name: '@cdssnc/sanitize-pii',
      async load() {
        const { PiiSanitizer } = await import('@cdssnc/sanitize-pii');
        const sanitizer = new PiiSanitizer({ replacementTemplate: SENTINEL });
        return {
          name: '@cdssnc/sanitize-pii',
          call: 'new PiiSanitizer({ replacementTemplate }).sanitize(text)',
          spans: 'diff',
          run: (text) => {
            const r = spansFromRedaction(text, sanitizer.sanitize(text));
            return {
              spans: r.spans.map((s) => ({ ...s, type: 'redacted' })),
              ambiguous: r.ambiguous,
            };
          },
        };
      },
    },
    {
      name: 'redact-pii',
      async load() {
        const { SyncRedactor } = await import('redact-pii');
        const redactor = new SyncRedactor({ globalReplaceWith: SENTINEL });
        return {
          name: 'redact-pii',
          call: 'new SyncRedactor({ globalReplaceWith }).redact(text)',
          spans: 'diff',
          run: (text) => {
            const r = spansFromRedaction(text, redactor.redact(text));
            return {
              spans: r.spans.map((s) => ({ ...s, type: 'redacted' })),
              ambiguous: r.ambiguous,
            };
          },
        };
      },
    },
    {
      name: '@openredaction/openredaction',
      async load() {
        const { OpenRedaction } = await import('@openredaction/openredaction');
        const shield = new OpenRedaction();
        return {
          name: '@openredaction/openredaction',
          call: 'new OpenRedaction().detect(text)',
          spans: 'reported',
          run: (text) => ({
            spans: shield.detect(text).detections.map((d) => ({
              start: d.position[0],
              end: d.position[1],
              type: d.type,
            })),
            ambiguous: 0,
          }),
        };
      },
    },
  ];
  const tools: Tool[] = [];
  const skipped: string[] = [];
  const probe = 'Mail wei.zhang@huaxin-tech.cn or call 13912874560 today.';
  const anchors = [probe.indexOf('wei.zhang'), probe.indexOf('139')];
  for (const c of candidates) {
    try {
      const tool = await c.load();
      // The probe checks that spans are offsets into the text the tool was given: every tool
      // finds the e-mail or the mobile (@cdssnc/sanitize-pii has no e-mail pattern).
      const { spans } = tool.run(probe);
      if (!spans.some((s) => anchors.includes(s.start))) {
        throw new Error('probe: no span starts where the e-mail or the mobile does');
      }
      tools.push(tool);
    } catch (e) {
      const reason = e instanceof Error ? `${e.name}: ${e.message.split('\n')[0]}` : String(e);
      skipped.push(`${c.name} (${reason})`);
    }
  }
  return { tools, skipped };
}

/** Counts of one tool on one corpus. */
export interface ToolScore {
  labeled: number;
  found: number;
  labeledChinese: number;
  foundChinese: number;
  /** Found / labeled per corpus type. */
  byType: Record<string, { labeled: number; found: number }>;
  /** Distinct spans overlapping no label, and how many of them overlap a marked hard negative. */
  fp: number;
  fpOnNegative: number;
  spans: number;
  ambiguous: number;
  /** UTF-8 bytes of the corpus text and the time the tool took over it. */
  bytes: number;
  ms: number;
  /** Documents the tool threw on (its spans there count as none). */
  errors: number;
}

/** Runs `tool` over `docs` and scores it type-agnostically (see the header). */
export function scoreTool(tool: Tool, docs: readonly CorpusDocument[]): ToolScore {
  const s: ToolScore = {
    labeled: 0,
    found: 0,
    labeledChinese: 0,
    foundChinese: 0,
    byType: Object.fromEntries(CORPUS_TYPES.map((t) => [t, { labeled: 0, found: 0 }])),
    fp: 0,
    fpOnNegative: 0,
    spans: 0,
    ambiguous: 0,
    bytes: 0,
    ms: 0,
    errors: 0,
  };
  const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) =>
    a.start < b.end && b.start < a.end;
  for (const doc of docs) {
    s.bytes += Buffer.byteLength(doc.text, 'utf8');
    const t0 = performance.now();
    let spans: ToolSpan[] = [];
    try {
      const r = tool.run(doc.text);
      spans = r.spans;
      s.ambiguous += r.ambiguous;
    } catch {
      s.errors++;
    }
    s.ms += performance.now() - t0;
    const distinct = new Map<string, ToolSpan>();
    for (const sp of spans) if (sp.end > sp.start) distinct.set(`${sp.start}:${sp.end}`, sp);
    const unique = [...distinct.values()];
    s.spans += unique.length;
    for (const label of doc.labels) {
      const hit = unique.some((sp) => overlaps(sp, label));
      const chinese = CHINESE_TYPES.includes(label.type);
      s.labeled++;
      if (chinese) s.labeledChinese++;
      const row = (s.byType[label.type] ??= { labeled: 0, found: 0 });
      row.labeled++;
      if (!hit) continue;
      s.found++;
      if (chinese) s.foundChinese++;
      row.found++;
    }
    for (const sp of unique) {
      if (doc.labels.some((l) => overlaps(sp, l))) continue;
      s.fp++;
      if (doc.negatives.some((n) => overlaps(sp, n))) s.fpOnNegative++;
    }
  }
  return s;
}

function ratio(a: number, b: number): string {
  return b === 0 ? '-' : (a / b).toFixed(3);
}

/** The summary table of one corpus, Markdown. */
export function formatSummary(
  title: string,
  docs: readonly CorpusDocument[],
  rows: readonly { tool: Tool; score: ToolScore }[],
): string {
  const chars = docs.reduce((n, d) => n + d.text.length, 0);
  const first = rows[0]?.score;
  const lines = [
    `### ${title}`,
    '',
    `${docs.length} documents, ${chars} characters (${((first?.bytes ?? 0) / 1e6).toFixed(3)} MB UTF-8), ` +
      `${first?.labeled ?? 0} labeled values (${first?.labeledChinese ?? 0} of the Chinese identifier types).`,
    '',
    '| tool | found / labeled | recall | recall, Chinese ids | recall, other types | FP | FP on marked negatives | FP per MB | ms |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const { tool, score: s } of rows) {
    const notes = [
      tool.spans === 'diff' ? `spans from the redacted text, ${s.ambiguous} ambiguous` : '',
      s.errors > 0 ? `threw on ${s.errors} document(s)` : '',
    ].filter(Boolean);
    lines.push(
      `| ${tool.name}${notes.length ? ` (${notes.join('; ')})` : ''} | ${s.found} / ${s.labeled} | ` +
        `${ratio(s.found, s.labeled)} | ${ratio(s.foundChinese, s.labeledChinese)} | ` +
        `${ratio(s.found - s.foundChinese, s.labeled - s.labeledChinese)} | ${s.fp} | ` +
        `${s.fpOnNegative} | ${Math.round(s.fp / (s.bytes / 1e6))} | ${Math.round(s.ms)} |`,
    );
  }
  return lines.join('\n');
}

/** Found / labeled per type and tool, Markdown. */
export function formatByType(
  title: string,
  rows: readonly { tool: Tool; score: ToolScore }[],
): string {
  const lines = [
    `#### ${title}: found / labeled per type (any finding type counts)`,
    '',
    `| type | ${rows.map((r) => r.tool.name).join(' | ')} |`,
    `| --- | ${rows.map(() => '---:').join(' | ')} |`,
  ];
  for (const t of CORPUS_TYPES) {
    const cells = rows.map(({ score }) => {
      const c = score.byType[t] ?? { labeled: 0, found: 0 };
      return `${c.found} / ${c.labeled}`;
    });
    lines.push(`| ${t} | ${cells.join(' | ')} |`);
  }
  return lines.join('\n');
}

/** Entry point: scores every tool on both corpora under `root` and prints the tables. */
export async function main(root: string): Promise<number> {
  const corpora = [
    { title: 'Tuning corpus (tests/fixtures/corpus)', dir: 'tests/fixtures/corpus' },
    {
      title: 'Held-out corpus (tests/fixtures/corpus-holdout)',
      dir: 'tests/fixtures/corpus-holdout',
    },
  ];
  const { tools, skipped } = await loadTools();
  const out: string[] = [];
  for (const c of corpora) {
    const docs = loadCorpusDir(join(root, c.dir));
    if (docs.some((d) => d.text.includes(SENTINEL))) {
      console.error(`quality-libraries: ${c.dir} holds U+E000; the redaction diff cannot run`);
      return 1;
    }
    const rows = tools.map((tool) => ({ tool, score: scoreTool(tool, docs) }));
    out.push(formatSummary(c.title, docs, rows), '', formatByType(c.title, rows), '');
  }
  out.push(
    'Type-agnostic: a labeled value is found when any finding of the tool overlaps it; a false ' +
      'positive is a distinct span overlapping no label; MB = 10^6 UTF-8 bytes; ms is one pass, ' +
      'for information only.',
  );
  out.push('Calls: ' + tools.map((t) => `${t.name}: \`${t.call}\``).join('; ') + '.');
  if (skipped.length > 0) out.push(`Skipped: ${skipped.join('; ')}.`);
  console.log(out.join('\n'));
  return 0;
}
