/**
 * Loads the policy in force: the admin's managed policy when there is one and it is valid,
 * else the last good managed policy (when a newer one is broken), else the embedded default.
 * A rejected policy never weakens protection: the errors are kept for the popup and logged.
 */
import { canonicalJson } from '../log/chain';
import { compilePolicy, fnv1a, type CompiledPolicy } from '../policy/compile';
import { DEFAULT_POLICY } from '../policy/default-policy';
import { clientListText } from '../policy/matchers';
import type { Policy } from '../policy/types';
import { validatePolicy } from '../policy/validate';
import type { PolicyStatus } from '../messages';
import type { StoredClientList } from '../storage';

export interface PolicyEnv {
  /** The managed storage value (`policy` key), or undefined when the admin set none. */
  readManaged(): Promise<unknown>;
  readLastGood(): Promise<unknown>;
  writeLastGood(policy: unknown): Promise<void>;
  writeCompiled(policy: CompiledPolicy): Promise<void>;
  /** Stores the client list frames load (or removes it: null). */
  writeClientList(list: StoredClientList | null): Promise<void>;
  writeStatus(status: PolicyStatus): Promise<void>;
  /** The status the previous load wrote (null on first start). */
  readStatus(): Promise<PolicyStatus | null>;
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

/** Compiles a validated policy; its client list (if any) is stored apart for frames. */
function compileWithList(
  policy: Policy,
  source: 'default' | 'managed',
): {
  compiled: CompiledPolicy;
  list: StoredClientList | null;
} {
  if (!policy.clientList) return { compiled: compilePolicy(policy, source), list: null };
  const text = clientListText(policy.clientList);
  const entries = (JSON.parse(text) as { entries?: unknown }).entries;
  const compiled = compilePolicy(policy, source, typeof entries === 'number' ? entries : 0);
  return {
    compiled,
    list: { digest: compiled.clientList!.digest, key: policy.clientList.key, list: text },
  };
}

/**
 * A managed policy identical to the last good one (the usual case at every service-worker
 * start) is not validated again: validation loads and checks the whole client list.
 */
function digestOf(raw: unknown): string {
  return fnv1a(canonicalJson(raw));
}

function sameErrors(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((e, i) => e === b[i]);
}

/**
 * Validates and compiles the policy in force, stores it and its status, and logs a rejection.
 * Never rejects on a storage or log failure: the policy chosen stays the policy returned.
 */
export async function loadPolicy(env: PolicyEnv): Promise<CompiledPolicy> {
  let managed: unknown;
  try {
    managed = await env.readManaged();
  } catch {
    managed = undefined; // managed storage unavailable (no schema, Firefox without a manifest)
  }
  let chosen = compileWithList(DEFAULT_POLICY, 'default');
  let rejected: PolicyStatus['rejected'] = null;
  if (managed !== undefined) {
    let lastGoodRaw: unknown = null;
    try {
      lastGoodRaw = await env.readLastGood();
    } catch {
      // Unreadable: as if there were none; the default still protects.
    }
    const lastGood = lastGoodRaw as { digest?: unknown; policy?: unknown } | null;
    const jsonError = (managed as { __jsonError?: string } | null)?.__jsonError;
    const digest = jsonError ? '' : digestOf(managed);
    if (digest !== '' && lastGood?.digest === digest && lastGood.policy) {
      chosen = compileWithList(lastGood.policy as Policy, 'managed');
    } else {
      const result = jsonError
        ? { ok: false as const, errors: [`policyJson: not valid JSON (${jsonError})`] }
        : validatePolicy(managed);
      if (result.ok) {
        chosen = compileWithList(result.policy, 'managed');
        await env.writeLastGood({ digest, policy: result.policy });
      } else {
        rejected = { at: env.now().toISOString(), errors: result.errors.slice(0, 20) };
        const previousGood = validatePolicy(lastGood?.policy);
        if (previousGood.ok) chosen = compileWithList(previousGood.policy, 'managed');
      }
    }
  }
  const compiled = chosen.compiled;
  // The service worker reloads the policy every time it starts: the same broken policy is one
  // rejection (logged once, dated when first seen), not one per restart.
  const previous = await env.readStatus().catch(() => null);
  const seen =
    rejected !== null &&
    previous?.rejected != null &&
    sameErrors(previous.rejected.errors, rejected.errors);
  if (seen) rejected = previous!.rejected;
  // The list first: a frame that sees the new policy can then find its list.
  await env.writeClientList(chosen.list);
  await env.writeCompiled(compiled);
  await env.writeStatus({
    name: compiled.name,
    source: compiled.source,
    id: compiled.id,
    loadedAt: env.now().toISOString(),
    rejected,
  });
  if (rejected && !seen) {
    try {
      await env.logRejection(rejected.errors, compiled);
    } catch (e) {
      // A log failure must not change which policy is in force.
      console.error('ClientGuard: could not log the policy rejection', (e as Error).message);
    }
  }
  return compiled;
}
