import { CommandContext } from '../shared/command-context';
import { AlertData } from './alert.events';

/** The scheduler (or the daily reconcile) found an alert due: record it unless it no longer applies. */
export interface RaiseAlert {
  type: 'RaiseAlert';
  data: AlertData;
  context: CommandContext;
}

export interface AcknowledgeAlert {
  type: 'AcknowledgeAlert';
  data: { alertId: string };
  context: CommandContext;
}

export type AlertCommand = RaiseAlert | AcknowledgeAlert;
