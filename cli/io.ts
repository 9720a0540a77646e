/**
 * What the CLI touches outside the file system (standard streams), its error type, and the
 * small file helpers every command shares, so each failure names the file and the problem.
 */
import { readFile, rename, rm, writeFile } from 'node:fs/promises';

/** What a CLI command may touch besides the file system; tests pass fakes. */
export interface CliIo {
  stdout(s: string): void;
  stderr(s: string): void;
  readStdin(): Promise<Uint8Array>;
}

/** A user-facing error: printed as `clientguard: message`, exit status 2. */
export class CliError extends Error {}

const REASONS: Readonly<Record<string, string>> = {
  ENOENT: 'no such file',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'is a directory',
  ENOTDIR: 'a parent is not a directory',
  EMFILE: 'too many open files',
};

/** A short reason for a failed file operation, e.g. `no such file (ENOENT)`. */
export function fsReason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  if (code === undefined) return (e as Error | undefined)?.message ?? 'unknown error';
  return REASONS[code] ? `${REASONS[code]} (${code})` : code;
}

/** Reads a file, or standard input for `-`; throws CliError naming the file. */
export async function readInputBytes(file: string, io: CliIo): Promise<Uint8Array> {
  if (file === '-') return io.readStdin();
  try {
    return await readFile(file);
  } catch (e) {
    throw new CliError(`cannot read ${file}: ${fsReason(e)}`);
  }
}

/** The name used for a file in messages (`<stdin>` for `-`). */
export function displayName(file: string): string {
  return file === '-' ? '<stdin>' : file;
}

/** Decodes UTF-8 strictly (a leading BOM is dropped; offsets count from after it). */
export function decodeUtf8(bytes: Uint8Array, name: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new CliError(`${name}: not valid UTF-8 text`);
  }
}

/**
 * Writes `contents` to `file` through a temporary file and a rename, so a failed or
 * interrupted write never leaves half a file where a good one was.
 */
export async function writeFileAtomic(
  file: string,
  contents: string,
  options: { mode?: number; exclusive?: boolean } = {},
): Promise<void> {
  if (options.exclusive) {
    // A key file is never replaced: the lists hashed with the old key would become useless.
    try {
      await writeFile(file, contents, { mode: options.mode ?? 0o666, flag: 'wx' });
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EEXIST')
        throw new CliError(`${file} already exists; not replacing it (remove it first)`);
      throw new CliError(`cannot write ${file}: ${fsReason(e)}`);
    }
    return;
  }
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    await writeFile(tmp, contents, { mode: options.mode ?? 0o666 });
    await rename(tmp, file);
  } catch (e) {
    await rm(tmp, { force: true }).catch(() => undefined);
    throw new CliError(`cannot write ${file}: ${fsReason(e)}`);
  }
}
