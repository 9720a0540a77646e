import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { loadPolicy, parseManaged, type PolicyEnv } from '../../../utils/background/policy-loader';
import type { PolicyStatus } from '../../../utils/messages';
import type { StoredClientList } from '../../../utils/storage';
import {
  compilePolicy,
  DEFAULT_POLICY,
  validatePolicy,
  type CompiledPolicy,
} from '../../../utils/policy';

const fullExample: unknown = JSON.parse(
  readFileSync(new URL('../../fixtures/policy/full-example.json', import.meta.url), 'utf8'),
);
const defaultId = compilePolicy(DEFAULT_POLICY, 'default').id;
const exampleId = (() => {
  const r = validatePolicy(fullExample);
  if (!r.ok) throw new Error('fixture');
  return compilePolicy(r.policy, 'managed').id;
})();

const broken = {
  ...(fullExample as object),
  version: 2,
  rules: [{ id: 'x', types: ['PHONE'], action: 'deny' }],
};

/** An in-memory PolicyEnv: storage is a plain object, the log a list. */
function fakeEnv(managed: () => unknown) {
  const state = {
    lastGood: null as { digest: string; policy: unknown } | null,
    compiled: null as CompiledPolicy | null,
    clientList: undefined as StoredClientList | null | undefined,
    lastGoodWrites: 0,
    status: null as PolicyStatus | null,
    logged: [] as { errors: string[]; policyId: string }[],
  };
  let t = 0;
  const env: PolicyEnv = {
    readManaged: async () => managed(),
    readLastGood: async () => state.lastGood,
    writeLastGood: async (p) => {
      state.lastGoodWrites++;
      state.lastGood = structuredClone(p) as { digest: string; policy: unknown };
    },
    writeCompiled: async (p) => void (state.compiled = structuredClone(p)),
    writeClientList: async (l) => void (state.clientList = structuredClone(l)),
    writeStatus: async (s) => void (state.status = structuredClone(s)),
    readStatus: async () => state.status,
    logRejection: async (errors, policy) => void state.logged.push({ errors, policyId: policy.id }),
    now: () => new Date(Date.UTC(2026, 0, 1, 0, 0, t++)),
  };
  return { env, state };
}

describe('parseManaged', () => {
  it.each([
    ['nothing set', {}, undefined],
    ['a policy object', { policy: { version: 1 } }, { version: 1 }],
    ['JSON text', { policyJson: '{"version":1}' }, { version: 1 }],
    ['both: the object wins', { policy: { a: 1 }, policyJson: '{"b":2}' }, { a: 1 }],
    ['JSON text that is not a string', { policyJson: 5 }, undefined],
  ])('%s', (_n, raw, expected) => {
    expect(parseManaged(raw)).toEqual(expected);
  });
  it('bad JSON text becomes a marker carrying the parser’s message', () => {
    expect(parseManaged({ policyJson: '{"version":1,' })).toEqual({
      __jsonError: expect.any(String),
    });
  });
});

describe('loadPolicy', () => {
  it('no managed policy → the embedded default, no rejection, nothing logged', async () => {
    const { env, state } = fakeEnv(() => undefined);
    const p = await loadPolicy(env);
    expect([p.source, p.id]).toEqual(['default', defaultId]);
    expect(state.compiled).toEqual(p);
    expect(state.status).toMatchObject({
      source: 'default',
      id: defaultId,
      rejected: null,
      name: 'ClientGuard default',
    });
    expect(state.logged).toEqual([]);
  });

  it.each([
    ['as an object', () => ({ policy: fullExample })],
    ['as JSON text', () => ({ policyJson: JSON.stringify(fullExample) })],
  ])('a valid managed policy (%s) → in force and saved as last good', async (_n, raw) => {
    const { env, state } = fakeEnv(() => parseManaged(raw()));
    const p = await loadPolicy(env);
    expect([p.source, p.id, p.name]).toEqual(['managed', exampleId, 'Acme policy 2026-11']);
    expect(validatePolicy(state.lastGood?.policy)).toMatchObject({ ok: true });
    expect(state.status).toMatchObject({ source: 'managed', id: exampleId, rejected: null });
    expect(state.logged).toEqual([]);
  });

  it.each([
    [
      'bad JSON text',
      { policyJson: '{"version": 1, "rules": [' },
      /^policyJson: not valid JSON \(/,
    ],
    ['schema errors', { policy: broken }, /^version: must be 1 \(got 2\)$/],
    ['not an object', { policy: 'block everything' }, /^policy: must be a JSON object$/],
  ])(
    'broken managed policy (%s), no last good → the default stays, the rejection is kept and logged',
    async (_n, raw, firstError) => {
      const { env, state } = fakeEnv(() => parseManaged(raw));
      const p = await loadPolicy(env);
      expect([p.source, p.id]).toEqual(['default', defaultId]);
      expect(state.status!.rejected!.errors[0]).toMatch(firstError);
      expect(state.status!.rejected!.at).toMatch(/^2026-01-01T/);
      expect(state.logged).toEqual([
        { errors: state.status!.rejected!.errors, policyId: defaultId },
      ]);
      expect(state.lastGood).toBeNull();
    },
  );

  it('schema errors name the fields', async () => {
    const { env, state } = fakeEnv(() => parseManaged({ policy: broken }));
    await loadPolicy(env);
    expect(state.status!.rejected!.errors.map((e) => e.split(':')[0])).toEqual([
      'version',
      'rules[0].types[0]',
      'rules[0].action',
    ]);
  });

  it('valid, then broken → the last good policy stays in force; then fixed → rejection cleared', async () => {
    let raw: Record<string, unknown> = { policy: fullExample };
    const { env, state } = fakeEnv(() => parseManaged(raw));
    await loadPolicy(env);
    raw = { policyJson: '{not json' };
    const p = await loadPolicy(env);
    expect([p.source, p.id]).toEqual(['managed', exampleId]);
    expect(state.compiled!.id).toBe(exampleId);
    expect(state.status).toMatchObject({ source: 'managed', id: exampleId });
    expect(state.status!.rejected!.errors).toEqual([
      expect.stringMatching(/^policyJson: not valid JSON/),
    ]);
    expect(state.logged).toEqual([{ errors: state.status!.rejected!.errors, policyId: exampleId }]);
    // The broken policy did not replace the last good one.
    expect(validatePolicy(state.lastGood?.policy)).toMatchObject({ ok: true });
    raw = { policy: { ...(fullExample as object), name: 'Acme policy 2026-12' } };
    const fixed = await loadPolicy(env);
    expect(fixed.name).toBe('Acme policy 2026-12');
    expect(state.status!.rejected).toBeNull();
  });

  it('a stored last good that no longer validates is not used', async () => {
    const { env, state } = fakeEnv(() => parseManaged({ policy: broken }));
    state.lastGood = { digest: 'other', policy: { version: 1, rules: 'nope' } };
    expect((await loadPolicy(env)).source).toBe('default');
  });

  it('the same broken policy at every service-worker start is one rejection, logged once', async () => {
    const { env, state } = fakeEnv(() => parseManaged({ policy: broken }));
    await loadPolicy(env);
    const first = state.status!.rejected!;
    await loadPolicy(env);
    await loadPolicy(env);
    expect(state.logged).toHaveLength(1);
    expect(state.status!.rejected).toEqual(first);
    // A different mistake is a new rejection.
    const { env: env2, state: state2 } = fakeEnv(() => parseManaged({ policyJson: '{' }));
    state2.status = state.status;
    await loadPolicy(env2);
    expect(state2.logged).toHaveLength(1);
  });

  it('storage.managed throwing → the default, no rejection', async () => {
    const { env, state } = fakeEnv(() => {
      throw new Error('Managed storage manifest not found');
    });
    const p = await loadPolicy(env);
    expect(p.source).toBe('default');
    expect(state.status!.rejected).toBeNull();
    expect(state.logged).toEqual([]);
  });

  it('an unreadable last good or a failing log does not change the policy chosen', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    let raw: Record<string, unknown> = { policy: fullExample };
    const { env, state } = fakeEnv(() => parseManaged(raw));
    await loadPolicy(env);
    raw = { policy: broken };
    env.logRejection = () => Promise.reject(new Error('database closed'));
    expect((await loadPolicy(env)).id).toBe(exampleId);
    env.readLastGood = () => Promise.reject(new Error('storage error'));
    state.status = null;
    const p = await loadPolicy(env);
    expect(p.source).toBe('default');
    expect(state.status!.rejected).not.toBeNull();
  });
});

describe('loadPolicy: unchanged policies and client lists', () => {
  it('does not validate an unchanged managed policy again at the next start', async () => {
    const { env, state } = fakeEnv(() => parseManaged({ policy: fullExample }));
    const first = await loadPolicy(env);
    const second = await loadPolicy(env);
    expect(second).toEqual(first);
    expect(state.lastGoodWrites).toBe(1);
  });

  it('stores no client list for a policy without one', async () => {
    const { env, state } = fakeEnv(() => parseManaged({ policy: fullExample }));
    await loadPolicy(env);
    expect(state.clientList).toBeNull();
    expect(state.compiled!.clientList).toBeNull();
  });
});
