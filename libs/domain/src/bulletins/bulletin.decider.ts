import { CalendarDate } from '../shared/calendar-date';
import { CommandContext } from '../shared/command-context';
import { assertNever, Decider } from '../shared/decider';
import { forbidden } from '../shared/domain-error';
import { DepartmentFigures } from './bulletin.figures';

/** 督办通报: the figures of one period, issued once. */
export interface BulletinIssued {
  type: 'BulletinIssued';
  data: { bulletinId: string; periodStart: CalendarDate; asOf: CalendarDate; lines: DepartmentFigures[] };
}
export type BulletinEvent = BulletinIssued;
export const BULLETIN_EVENT_TYPES: readonly BulletinEvent['type'][] = ['BulletinIssued'];

export interface IssueBulletin {
  type: 'IssueBulletin';
  data: BulletinIssued['data'];
  context: CommandContext;
}
export type BulletinCommand = IssueBulletin;

export type BulletinState = { issued: false } | { issued: true; asOf: CalendarDate };

/** A period's bulletin is issued once; a second run for the same period records nothing. */
export const bulletinDecider: Decider<BulletinCommand, BulletinEvent, BulletinState> = {
  eventTypes: BULLETIN_EVENT_TYPES,
  initialState: () => ({ issued: false }),
  evolve: (_state, event) => ({ issued: true, asOf: event.data.asOf }),
  decide(command, state) {
    switch (command.type) {
      case 'IssueBulletin':
        if (command.context.actor.role !== 'system') {
          throw forbidden(
            'bulletin.issue_forbidden',
            '督办通报由系统定期生成',
            'Only the system issues bulletins',
          );
        }
        return state.issued ? [] : [{ type: 'BulletinIssued', data: command.data }];
      default:
        return assertNever(command.type);
    }
  },
};
