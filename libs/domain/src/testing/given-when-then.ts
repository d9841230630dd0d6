import { Decider, fold } from '../shared/decider';
import { DomainError, DomainErrorKind } from '../shared/domain-error';

/**
 * Specifications read like the rule they check:
 *   spec(measureDecider).given([...past events]).when(command).then([...new events])
 *   spec(measureDecider).given([...]).when(command).thenRefuses('rule', 'measure.not_submitted')
 */
export function spec<C, E extends { type: string }, S>(decider: Decider<C, E, S>) {
  return {
    given(events: readonly E[]) {
      return {
        when(command: C) {
          const run = () => decider.decide(command, fold(decider, events));
          return {
            then(expected: E[]) {
              expect(run()).toEqual(expected);
            },
            thenRefuses(kind: DomainErrorKind, code: string, field?: string) {
              let error: unknown;
              try {
                run();
              } catch (e) {
                error = e;
              }
              expect(error).toBeInstanceOf(DomainError);
              const refusal = error as DomainError;
              expect({ kind: refusal.kind, code: refusal.code }).toEqual({ kind, code });
              if (field !== undefined) expect(refusal.field).toBe(field);
              expect(refusal.messages.zh.length).toBeGreaterThan(0);
            },
          };
        },
      };
    },
  };
}
