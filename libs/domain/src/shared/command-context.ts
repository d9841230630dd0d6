import { Actor } from './actor';
import { CalendarDate } from './calendar-date';

/** What every command carries besides its data: who acts, and what day it is at the court. */
export interface CommandContext {
  actor: Actor;
  /** Today in the court's time zone: the domain has no clock of its own. */
  today: CalendarDate;
}
