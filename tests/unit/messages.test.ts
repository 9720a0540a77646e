import { describe, expect, it } from 'vitest';
import { isMessage, sendMessage, type MessageName, type RawSend } from '../../utils/messages';

describe('sendMessage', () => {
  it('sends {type, payload} and returns the value of an ok reply', async () => {
    const sent: unknown[] = [];
    const send: RawSend = async (m) => {
      sent.push(m);
      return { ok: true, value: { seq: 7 } };
    };
    const report = {
      reportId: '0123456789abcdef',
      kind: 'paste' as const,
      action: 'block' as const,
      ruleId: null,
      policyId: '0bc45874',
      findings: [],
      length: 1,
    };
    await expect(sendMessage(send, 'reportDecision', report)).resolves.toEqual({ seq: 7 });
    expect(sent).toEqual([{ type: 'reportDecision', payload: report }]);
  });

  it('rejects with the handler’s error', async () => {
    const send: RawSend = async () => ({ ok: false, error: 'reportDecision: malformed report' });
    await expect(sendMessage(send, 'getPolicy', null)).rejects.toThrow(
      'reportDecision: malformed report',
    );
  });

  it.each([undefined, null, 'ok', 42])(
    'rejects when the reply is %j (no listener, worker gone)',
    async (reply) => {
      await expect(sendMessage(async () => reply, 'getPolicyStatus', null)).rejects.toThrow(
        'no reply to getPolicyStatus',
      );
    },
  );

  it('passes on a transport failure', async () => {
    const send: RawSend = () => Promise.reject(new Error('Receiving end does not exist.'));
    await expect(sendMessage(send, 'getPolicy', null)).rejects.toThrow(
      'Receiving end does not exist.',
    );
  });
});

describe('isMessage', () => {
  const names: MessageName[] = ['getPolicy', 'reportDecision'];
  it.each([
    [{ type: 'getPolicy', payload: null }, true],
    [{ type: 'reportDecision' }, true],
    [{ type: 'getPolicyStatus', payload: null }, false],
    [{ type: 'deleteLog', payload: null }, false],
    [{ type: 'toString' }, false],
    [{ type: 42 }, false],
    [{}, false],
    [null, false],
    ['getPolicy', false],
    [['getPolicy'], false],
  ])('%j → %s', (v, expected) => {
    expect(isMessage(v, names)).toBe(expected);
  });
});
