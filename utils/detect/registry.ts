/**
 * Every detector the engine runs, in one list. Adding a detector means adding its file under
 * ./detectors, listing it here, and adding fixtures under tests/fixtures/detectors/<TYPE>.json
 * for every type it can emit (the meta-test in tests/unit/detect/registry.test.ts fails
 * otherwise).
 *
 * Overlaps between detectors are settled by the engine: higher confidence first, then
 * priority, then length. Priorities, highest first: secrets (a key or token is never anything
 * else), then identity documents with a check digit, then cards, phones, e-mail and IPs.
 */
import type { DetectorDef } from './detector-def';
import { awsAccessKey } from './detectors/aws-access-key';
import { cnId } from './detectors/cn-id';
import { cnLandline } from './detectors/cn-landline';
import { cnMobile } from './detectors/cn-mobile';
import { cnPassport } from './detectors/cn-passport';
import { cnUscc } from './detectors/cn-uscc';
import { email } from './detectors/email';
import { githubToken } from './detectors/github-token';
import { hkId } from './detectors/hk-id';
import { hkMacauPermit } from './detectors/hk-macau-permit';
import { iban } from './detectors/iban';
import { ipv4 } from './detectors/ipv4';
import { jwt } from './detectors/jwt';
import { paymentCard } from './detectors/payment-card';
import { privateKey } from './detectors/private-key';
import { twPermit } from './detectors/tw-permit';
import { usSsn } from './detectors/us-ssn';

export const DETECTORS: readonly DetectorDef[] = [
  privateKey,
  jwt,
  githubToken,
  awsAccessKey,
  cnId,
  cnUscc,
  iban,
  hkId,
  cnPassport,
  hkMacauPermit,
  twPermit,
  usSsn,
  paymentCard,
  email,
  cnMobile,
  cnLandline,
  ipv4,
];
