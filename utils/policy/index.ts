export * from './types';
export { DEFAULT_POLICY } from './default-policy';
export { validatePolicy, type ValidationResult } from './validate';
export {
  compilePolicy,
  policyId,
  type CompiledPolicy,
  type CompiledRule,
  type PolicySource,
} from './compile';
export { parseHostPattern, matchesHost, matchesAnyHost, type HostPattern } from './site';
