/** What every section of the benchmark shares: the corpus, its pieces and the run settings. */
import { generateCorpus, splitPieces } from './corpus';

/** Size of one paste, in UTF-8 bytes. */
export const PIECE_BYTES = 10_000;

/** The page the bench "pastes" into: not an approved site, so the default policy's rules apply. */
export const BENCH_ORIGIN = 'https://chat.example.net';

export interface BenchSettings {
  /** UTF-8 bytes of corpus text (the spec asks for at least 5 MB). */
  corpusBytes: number;
  /** Timed passes over the pieces for the engine figures (the median pass is reported). */
  runs: number;
  /** Untimed passes first, so the JIT has compiled the hot code. */
  warmup: number;
  /** Time each competitor library may spend on the pieces (ms). */
  libraryBudgetMs: number;
  /** Fresh node processes that each load the client list once (cold load time, memory). */
  coldLoads: number;
}

export const FULL: BenchSettings = {
  corpusBytes: 5_000_000,
  runs: 5,
  warmup: 1,
  libraryBudgetMs: 6_000,
  coldLoads: 5,
};

/** For trying the bench out quickly; its figures are not the spec's. */
export const QUICK: BenchSettings = {
  corpusBytes: 1_000_000,
  runs: 2,
  warmup: 1,
  libraryBudgetMs: 1_000,
  coldLoads: 2,
};

export interface BenchContext {
  settings: BenchSettings;
  /** The whole corpus as one text. */
  text: string;
  /** The corpus cut into pieces of about PIECE_BYTES. */
  pieces: string[];
  /** UTF-8 bytes of each piece. */
  pieceBytes: number[];
  /** UTF-8 bytes of the whole corpus. */
  totalBytes: number;
}

/** Generates the corpus (deterministic) and cuts it into pieces. */
export function createContext(settings: BenchSettings): BenchContext {
  const { text } = generateCorpus(settings.corpusBytes);
  const pieces = splitPieces(text, PIECE_BYTES);
  const pieceBytes = pieces.map((p) => Buffer.byteLength(p, 'utf8'));
  return { settings, text, pieces, pieceBytes, totalBytes: Buffer.byteLength(text, 'utf8') };
}

/** UTF-8 bytes of the first `n` pieces. */
export function prefixBytes(ctx: BenchContext, n: number): number {
  let b = 0;
  for (let i = 0; i < n; i++) b += ctx.pieceBytes[i]!;
  return b;
}
