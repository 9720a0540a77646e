/** What a CLI command may touch besides the file system; tests pass fakes. */
export interface CliIo {
  stdout(s: string): void;
  stderr(s: string): void;
  readStdin(): Promise<Uint8Array>;
}

/** A user-facing error: printed as `clientguard: message`, exit status 2. */
export class CliError extends Error {}

/** Decodes UTF-8 strictly (a leading BOM is dropped; offsets count from after it). */
export function decodeUtf8(bytes: Uint8Array, name: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new CliError(`${name}: not valid UTF-8 text`);
  }
}
