import { MeasureLine } from '@tracker/domain';

/**
 * Measure lines are stored as arrays in this field order rather than as objects: the keys were
 * about 40 % of every stored byte, and a rebuild writes every line of a province (three times,
 * once per projection). Append new fields at the end and bump the projections' versions — unless
 * null is right for every line stored before the field (lookBackDueOn: no reminder existed before it).
 */
const FIELDS = [
  'measureId',
  'campaignId',
  'problemId',
  'number',
  'content',
  'target',
  'kind',
  'responsibleLeaderId',
  'departmentId',
  'responsiblePerson',
  'assignedOn',
  'originalDueDate',
  'dueDate',
  'reportEveryDays',
  'milestones',
  'status',
  'percent',
  'lastReportedOn',
  'lastProgressNote',
  'completionSummary',
  'extensionsGranted',
  'returned',
  'reopened',
  'reopenings',
  'outcomes',
  'signedOffOn',
  'signedOffBy',
  'onTime',
  'lookBackDueOn',
] as const satisfies readonly (keyof MeasureLine)[];

// Fails to compile when MeasureLine gains a field that is not listed above.
type Unlisted = Exclude<keyof MeasureLine, (typeof FIELDS)[number]>;
const everyFieldListed: [Unlisted] extends [never] ? true : Unlisted = true;
void everyFieldListed;

export type EncodedLine = unknown[];

export function encodeLine(line: MeasureLine): EncodedLine {
  const encoded = new Array<unknown>(FIELDS.length);
  for (let i = 0; i < FIELDS.length; i += 1) encoded[i] = line[FIELDS[i]];
  return encoded;
}

export function decodeLine(encoded: EncodedLine): MeasureLine {
  const line: Record<string, unknown> = {};
  // A field appended later is absent from lines stored before it: null, as a fresh line has it.
  for (let i = 0; i < FIELDS.length; i += 1) line[FIELDS[i]] = i < encoded.length ? encoded[i] : null;
  return line as unknown as MeasureLine;
}
