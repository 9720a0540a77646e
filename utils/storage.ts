/**
 * Every storage key ClientGuard uses, declared once. `storage.local` is readable by content
 * scripts (not by pages), so the compiled policy lives there for frames to read at start.
 */
import { storage } from 'wxt/utils/storage';
import type { CompiledPolicy } from './policy/compile';
import type { PolicyStatus } from './messages';

/** The compiled policy in force, written only by the background. */
export const compiledPolicyItem = storage.defineItem<CompiledPolicy | null>(
  'local:compiledPolicy',
  {
    fallback: null,
    version: 1,
  },
);

/** Status of the policy in force and of the last rejected one, for the popup. */
export const policyStatusItem = storage.defineItem<PolicyStatus | null>('local:policyStatus', {
  fallback: null,
  version: 1,
});

/**
 * The last managed policy that passed validation (kept in force when a later one is broken),
 * as `{ digest, policy }`: the digest of the managed value it came from, so an unchanged
 * managed policy is not validated again at every service-worker start.
 */
export const lastGoodManagedItem = storage.defineItem<unknown>('local:lastGoodManagedPolicy', {
  fallback: null,
  version: 2,
  migrations: {
    // Version 1 stored the bare policy: keep it in force; the next load validates it again.
    2: (old: unknown) => (old === null ? null : { digest: '', policy: old }),
  },
});

/**
 * The client list of the policy in force (keyed hashes and the key), apart from the compiled
 * policy so that frames read the small policy at start and the list only when needed.
 * `digest` matches `CompiledPolicy.clientList.digest`.
 */
export interface StoredClientList {
  digest: string;
  key: string;
  list: string;
}

export const clientListItem = storage.defineItem<StoredClientList | null>('local:clientList', {
  fallback: null,
  version: 1,
});
