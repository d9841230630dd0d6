import { CommandContext } from '../shared/command-context';
import { AlertData } from './alert.events';
import { AlertSettings } from './alert.plan';

/** The scheduler (or the daily reconcile) found an alert due: record it unless it no longer applies. */
export interface RaiseAlert {
  type: 'RaiseAlert';
  /** Which alert: the decider records it as the measure's current plan has it. */
  data: Pick<AlertData, 'measureId' | 'alertId'>;
  /** The court's alert settings, to re-check that the current state still calls for the alert. */
  settings: AlertSettings;
  context: CommandContext;
}

export interface AcknowledgeAlert {
  type: 'AcknowledgeAlert';
  data: { alertId: string };
  context: CommandContext;
}

export type AlertCommand = RaiseAlert | AcknowledgeAlert;
