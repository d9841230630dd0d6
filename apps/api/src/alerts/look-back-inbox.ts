import { Actor, AssignedMeasure, isDecidingLeader, LookBackReminder, openLookBacks } from '@tracker/domain';
import { CatalogueView } from '@tracker/read-models';

export interface OpenLookBack {
  reminder: LookBackReminder;
  measure: AssignedMeasure;
}

/**
 * 回头看待查 addressed to me: a leader's, for the measures they are responsible leader of (the
 * secretary, who may review any: all), while a reminder is open — until a review answers it or the
 * measure is reopened. Longest waiting first.
 */
export function openLookBacksFor(catalogue: CatalogueView, user: Actor): OpenLookBack[] {
  if (user.role !== 'leader') return [];
  return catalogue
    .listCampaigns()
    .flatMap((c) => catalogue.problemsOf(c))
    .flatMap((p) => catalogue.measuresOf(p))
    .map((record) => record.state)
    .filter((measure) => measure.status === 'signed_off' && isDecidingLeader(user, measure))
    .flatMap((measure) => openLookBacks(measure).map((reminder) => ({ reminder, measure })))
    .sort((a, b) => a.reminder.dueOn.localeCompare(b.reminder.dueOn));
}
