import { allowedMeasureActions, MeasureAction } from '../measure/measure.actions';
import { measureDecider } from '../measure/measure.decider';
import { MeasureEvent } from '../measure/measure.events';
import { Actor } from '../shared/actor';
import { CalendarDate } from '../shared/calendar-date';
import { fold } from '../shared/decider';

/**
 * Reads like the page's promise it checks:
 *   givenMeasure([...past events]).on('2025-04-15').as(HEAD).mayOnly(['reportProgress', ...])
 * The order of the expected list is the order of MEASURE_ACTIONS.
 */
export function givenMeasure(events: readonly MeasureEvent[]) {
  return {
    on(today: CalendarDate) {
      return {
        as(actor: Actor) {
          return {
            mayOnly(expected: MeasureAction[]) {
              expect(allowedMeasureActions(fold(measureDecider, events), actor, today)).toEqual(expected);
            },
          };
        },
      };
    },
  };
}
