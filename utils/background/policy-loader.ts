/**
 * Loads the policy in force: the admin's managed policy when there is one and it is valid,
 * else the last good managed policy (when a newer one is broken), else the embedded default.
 * A rejected policy never weakens protection: the errors are kept for the popup and logged.
 */
import { compilePolicy, type CompiledPolicy } from '../policy/compile';
import { DEFAULT_POLICY } from '../policy/default-policy';
import { validatePolicy } from '../policy/validate';
import type { PolicyStatus } from '../messages';

export interface PolicyEnv {
  /** The managed storage value (`policy` key), or undefined when the admin set none. */
  readManaged(): Promise<unknown>;
  readLastGood(): Promise<unknown>;
  writeLastGood(policy: unknown): Promise<void>;
  writeCompiled(policy: CompiledPolicy): Promise<void>;
  writeStatus(status: PolicyStatus): Promise<void>;
  /** Records a rejection in the log (no client data, just the errors). */
  logRejection(errors: string[], policy: CompiledPolicy): Promise<void>;
  now(): Date;
}

/** Managed storage may hold the policy as an object or as JSON text (`policyJson`). */
export function parseManaged(raw: Record<string, unknown>): unknown {
  if (raw.policy !== undefined) return raw.policy;
  if (typeof raw.policyJson === 'string') {
    try {
      return JSON.parse(raw.policyJson);
    } catch (e) {
      return { __jsonError: (e as Error).message };
    }
  }
  return undefined;
}

export async function loadPolicy(env: PolicyEnv): Promise<CompiledPolicy> {
  let managed: unknown;
  try {
    managed = await env.readManaged();
  } catch {
    managed = undefined; // managed storage unavailable (no schema, Firefox without a manifest)
  }
  let compiled = compilePolicy(DEFAULT_POLICY, 'default');
  let rejected: PolicyStatus['rejected'] = null;
  if (managed !== undefined) {
    const jsonError = (managed as { __jsonError?: string } | null)?.__jsonError;
    const result = jsonError
      ? { ok: false as const, errors: [`policyJson: not valid JSON (${jsonError})`] }
      : validatePolicy(managed);
    if (result.ok) {
      compiled = compilePolicy(result.policy, 'managed');
      await env.writeLastGood(result.policy);
    } else {
      rejected = { at: env.now().toISOString(), errors: result.errors.slice(0, 20) };
      const lastGood = validatePolicy(await env.readLastGood());
      if (lastGood.ok) compiled = compilePolicy(lastGood.policy, 'managed');
    }
  }
  await env.writeCompiled(compiled);
  await env.writeStatus({
    name: compiled.name,
    source: compiled.source,
    id: compiled.id,
    loadedAt: env.now().toISOString(),
    rejected,
  });
  if (rejected) await env.logRejection(rejected.errors, compiled);
  return compiled;
}
