/**
 * `clientguard policy check FILE…`: validates policy files the way the extension will, before
 * an admin pushes them (a rejected managed policy leaves the previous one in force, so a typo
 * found here is a rollout that does not silently fail). `clientguard policy default` prints the
 * embedded default policy, a starting point for an admin's own.
 */
import { readFile } from 'node:fs/promises';
import { compilePolicy } from '../utils/policy/compile';
import { DEFAULT_POLICY } from '../utils/policy/default-policy';
import { validatePolicy } from '../utils/policy/validate';
import { CliError, decodeUtf8, type CliIo } from './io';

/** Reads and parses one policy file; a file that is not JSON is a CLI error (exit 2). */
async function readPolicy(file: string, io: CliIo): Promise<unknown> {
  let bytes: Uint8Array;
  try {
    bytes = file === '-' ? await io.readStdin() : await readFile(file);
  } catch (e) {
    throw new CliError(`${file}: cannot read (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  const text = decodeUtf8(bytes, file === '-' ? '<stdin>' : file).replace(/^\uFEFF/, '');
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new CliError(`${file}: not valid JSON (${(e as Error).message})`);
  }
}

/** Checks each file; 0 when every policy is valid, 1 when one is not, 2 on a read error. */
export async function runPolicyCheck(files: readonly string[], io: CliIo): Promise<number> {
  if (files.length === 0) throw new CliError('policy check: name a policy file, or - for stdin');
  let bad = 0;
  for (const file of files) {
    const raw = await readPolicy(file, io);
    // A managed storage entry or an export may wrap the policy: accept {"policy": {...}}.
    const doc =
      raw !== null && typeof raw === 'object' && 'policy' in raw && !('version' in raw)
        ? (raw as { policy: unknown }).policy
        : raw;
    const result = validatePolicy(doc);
    if (!result.ok) {
      bad++;
      io.stdout(`${file}: rejected, ${result.errors.length} problem(s):\n`);
      for (const e of result.errors) io.stdout(`  ${e}\n`);
      continue;
    }
    const p = result.policy;
    const compiled = compilePolicy(p, 'managed');
    const parts = [
      `${p.rules.length} rule${p.rules.length === 1 ? '' : 's'}`,
      `${p.approvedSites.length} approved site pattern${p.approvedSites.length === 1 ? '' : 's'}`,
    ];
    if (p.keywords?.length) parts.push(`${p.keywords.length} keyword group(s)`);
    if (p.patterns?.length) parts.push(`${p.patterns.length} pattern(s)`);
    if (p.clientList) parts.push('a client list');
    io.stdout(`${file}: ok: "${p.name}" (id ${compiled.id}): ${parts.join(', ')}\n`);
  }
  return bad > 0 ? 1 : 0;
}

/** Prints the embedded default policy as JSON. */
export function runPolicyDefault(io: CliIo): number {
  io.stdout(JSON.stringify(DEFAULT_POLICY, null, 2) + '\n');
  return 0;
}
