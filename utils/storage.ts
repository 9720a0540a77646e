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

/** The last managed policy that passed validation (kept in force when a later one is broken). */
export const lastGoodManagedItem = storage.defineItem<unknown>('local:lastGoodManagedPolicy', {
  fallback: null,
  version: 1,
});
