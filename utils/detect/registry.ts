/**
 * Every detector the engine runs, in one list. Adding a detector means adding its file under
 * ./detectors, listing it here, and adding fixtures under tests/fixtures/detectors/<TYPE>.json
 * (the meta-test in tests/unit/detect/registry.test.ts fails otherwise).
 */
import type { DetectorDef } from './detector-def';
import { cnId } from './detectors/cn-id';
import { cnMobile } from './detectors/cn-mobile';
import { cnUscc } from './detectors/cn-uscc';
import { email } from './detectors/email';
import { paymentCard } from './detectors/payment-card';

export const DETECTORS: readonly DetectorDef[] = [cnId, cnUscc, cnMobile, email, paymentCard];
