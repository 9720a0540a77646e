/**
 * The admin's client-list key on disk: hex text (at least 32 hex digits = 16 bytes; 64 from
 * `clientguard clients keygen`), surrounding white space ignored, and lines starting with `#`
 * ignored so a file can say what it is for. The key never appears in a message.
 */
import { readFile, stat } from 'node:fs/promises';
import { MIN_KEY_BYTES, keyFromHex, keyIdOf } from '../utils/detect/client-list';
import { CliError, decodeUtf8, fsReason, type CliIo } from './io';

/** Bytes of a key made by `clients keygen`. */
export const KEYGEN_BYTES = 32;

const KEY_HINT = `make one with 'clientguard clients keygen'`;

/**
 * Parses the text of a key file into key bytes. Throws CliError naming `name` and what is
 * wrong (empty, not hex, odd number of digits, too short) without echoing the contents.
 */
export function parseKeyText(text: string, name: string): Uint8Array {
  const hex = text
    .split(/\r\n|\n|\r/)
    .filter((l) => !l.trimStart().startsWith('#'))
    .join('')
    .replace(/\s+/g, '');
  const bad = (why: string): never => {
    throw new CliError(`${name}: bad key: ${why}`);
  };
  if (hex === '') bad(`the file holds no key (${KEY_HINT})`);
  if (!/^[0-9a-fA-F]+$/.test(hex))
    bad('a key file holds hex digits only (0-9, a-f), and # comment lines');
  if (hex.length % 2 !== 0) bad(`${hex.length} hex digits; a key has an even number of them`);
  if (hex.length < MIN_KEY_BYTES * 2)
    bad(
      `${hex.length} hex digits (${hex.length / 2} bytes); a client-list key needs at least ` +
        `${MIN_KEY_BYTES * 2} (${MIN_KEY_BYTES} bytes); ${KEY_HINT}`,
    );
  return keyFromHex(hex);
}

/**
 * Reads and parses a key file. On POSIX, warns on stderr when the file's mode lets users other
 * than its owner read it (the key is as sensitive as the list it protects).
 */
export async function readKeyFile(file: string, io: CliIo): Promise<Uint8Array> {
  let bytes: Uint8Array;
  let mode: number;
  try {
    mode = (await stat(file)).mode;
    bytes = await readFile(file);
  } catch (e) {
    throw new CliError(`cannot read key file ${file}: ${fsReason(e)}`);
  }
  const key = parseKeyText(decodeUtf8(bytes, file), file);
  if (process.platform !== 'win32' && (mode & 0o044) !== 0) {
    const who = mode & 0o004 ? 'every user' : 'its group';
    io.stderr(
      `clientguard: warning: key file ${file} is readable by ${who} ` +
        `(mode ${(mode & 0o777).toString(8)}); run: chmod 600 ${file}\n`,
    );
  }
  return key;
}

/** A new random key as lower-case hex (`KEYGEN_BYTES` bytes from the system CSPRNG). */
export function newKeyHex(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(KEYGEN_BYTES));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The public key id of a key (written into every list made with it). */
export function keyIdOfHex(hex: string): string {
  return keyIdOf(keyFromHex(hex));
}
