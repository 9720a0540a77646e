/**
 * Output of the benchmark: each figure is printed as it is measured, next to its target and
 * whether the target is met, and collected for the summary table at the end. The bench
 * reports; it does not fail on a missed target (house style: ratios, not verdicts).
 */

/** A figure with its target. `met` is null for figures that have no target. */
export interface Row {
  section: string;
  label: string;
  value: string;
  target: string;
  met: boolean | null;
}

export interface Report {
  /** Starts a section (a heading line). */
  section(title: string): void;
  /** Prints a note line under the current section (not in the summary). */
  note(text: string): void;
  /** Prints and records a figure. */
  row(label: string, value: string, target?: string, met?: boolean | null): void;
  /** Prints the summary table of every recorded figure. */
  summary(): void;
  readonly rows: readonly Row[];
}

const verdict = (met: boolean | null): string => (met === null ? '' : met ? 'met' : 'NOT met');

/** Creates a report that writes to `write` (stdout by default). */
export function createReport(write: (line: string) => void = (l) => console.log(l)): Report {
  const rows: Row[] = [];
  let current = '';
  const started = process.hrtime.bigint();
  return {
    rows,
    section(title) {
      current = title;
      const at = Number(process.hrtime.bigint() - started) / 1e9;
      write('');
      write(`== ${title}  [at ${at.toFixed(1)} s]`);
    },
    note(text) {
      write(`   ${text}`);
    },
    row(label, value, target = '', met = null) {
      rows.push({ section: current, label, value, target, met });
      const t = target ? `   target ${target}${met === null ? '' : `: ${verdict(met)}`}` : '';
      write(`   ${label.padEnd(46)} ${value.padStart(14)}${t}`);
    },
    summary() {
      const head = ['figure', 'value', 'target', 'met'];
      const body = rows.map((r) => [r.label, r.value, r.target || '-', verdict(r.met) || '-']);
      const widths = head.map((h, c) => Math.max(h.length, ...body.map((b) => b[c]!.length)));
      const line = (cells: string[]) =>
        cells.map((s, c) => (c === 1 ? s.padStart(widths[c]!) : s.padEnd(widths[c]!))).join('  ');
      write('');
      write('== Summary');
      write(line(head));
      write(widths.map((w) => '-'.repeat(w)).join('  '));
      let section = '';
      for (let i = 0; i < rows.length; i++) {
        if (rows[i]!.section !== section) {
          section = rows[i]!.section;
          write(`[${section}]`);
        }
        write(line(body[i]!));
      }
      const judged = rows.filter((r) => r.met !== null);
      write('');
      write(`${judged.filter((r) => r.met).length} of ${judged.length} targets met.`);
    },
  };
}

/** A number with a fixed count of decimals, or `n/a` when it is not finite. */
export function fmt(n: number, decimals = 1): string {
  return Number.isFinite(n) ? n.toFixed(decimals) : 'n/a';
}

/** A ratio as `12.3x`. */
export function times(n: number): string {
  return Number.isFinite(n) ? `${n >= 100 ? n.toFixed(0) : n.toFixed(n >= 10 ? 1 : 2)}x` : 'n/a';
}

/** Bytes as `1,503,917 B (1.50 MB)`. */
export function bytes(n: number): string {
  return `${n.toLocaleString('en-US')} B (${(n / 1e6).toFixed(2)} MB)`;
}
