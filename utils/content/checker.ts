/**
 * The detector of one frame, for the policy in force, built when first needed.
 *
 *   none ──warm / prepare──► loading ──► ready(policy id, list digest)
 *                                  └──► failed (the list would not load: checks block)
 *
 * A policy without a client list gets its detector synchronously (the registered detectors,
 * plus its keywords and patterns compiled once). A policy with a client list needs the list
 * (keyed hashes, up to a few MB) read from extension storage and loaded first: that is not done
 * in every frame at start, only when the frame shows it may receive a paste (`warm`, called on
 * the first focus of an editable element) or when a paste arrives (`prepare`: the guard holds
 * the paste meanwhile). A frame where nobody pastes never reads the list.
 */
import { loadClientList, type ClientList } from '../detect/client-list';
import type { Detector } from '../detect/types';
import type { CompiledPolicy } from '../policy/compile';
import { createPolicyDetector } from '../policy/matchers';
import type { StoredClientList } from '../storage';

export interface Checker {
  /** The detector for `policy` if it can run now, synchronously; else null. */
  ready(policy: CompiledPolicy): Detector | null;
  /** Resolves to the detector for `policy`, loading what it needs; rejects when it cannot. */
  prepare(policy: CompiledPolicy): Promise<Detector>;
  /** Starts `prepare` soon, off the current event; failures surface at the next paste. */
  warm(policy: CompiledPolicy): void;
}

/** `readList` reads the stored client list (extension storage); tests pass a fake. */
export function createChecker(readList: () => Promise<StoredClientList | null>): Checker {
  let key = '';
  let detector: Detector | null = null;
  let pending: { key: string; promise: Promise<Detector> } | null = null;

  const keyOf = (p: CompiledPolicy) => `${p.id}/${p.clientList?.digest ?? ''}`;

  async function loadList(p: CompiledPolicy): Promise<ClientList> {
    const stored = await readList();
    if (!stored || stored.digest !== p.clientList!.digest)
      throw new Error('the client list of the policy in force is not in storage yet');
    return loadClientList(stored.list, stored.key);
  }

  function ready(p: CompiledPolicy): Detector | null {
    const k = keyOf(p);
    if (detector && key === k) return detector;
    if (p.clientList !== null) return null;
    detector = createPolicyDetector(p);
    key = k;
    return detector;
  }

  function prepare(p: CompiledPolicy): Promise<Detector> {
    const now = ready(p);
    if (now) return Promise.resolve(now);
    const k = keyOf(p);
    if (pending?.key === k) return pending.promise;
    const promise = loadList(p).then((list) => {
      const d = createPolicyDetector(p, list);
      detector = d;
      key = k;
      return d;
    });
    pending = { key: k, promise };
    // A failure is retried by the next prepare (storage may have been mid-update).
    promise.catch(() => {
      if (pending?.promise === promise) pending = null;
    });
    return promise;
  }

  return {
    ready,
    prepare,
    warm(p) {
      // After the event that asked for it (a focus), not inside it: building the detector
      // takes a few milliseconds the page should not wait for.
      setTimeout(() => prepare(p).catch(() => undefined), 0);
    },
  };
}
