import { MeasureLine } from '@tracker/domain';

/**
 * Measure lines are stored as arrays in this field order rather than as objects: the keys were
 * about 40 % of every stored byte, and a rebuild writes every line of a province (three times,
 * once per projection). Append new fields at the end and bump the projections' versions — unless
 * null is right for every line stored before the field (lookBackDueOn: no reminder existed before it).
 */
export const LINE_FIELDS = [
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
type Unlisted = Exclude<keyof MeasureLine, (typeof LINE_FIELDS)[number]>;
const everyFieldListed: [Unlisted] extends [never] ? true : Unlisted = true;
void everyFieldListed;

export type EncodedLine = unknown[];

export function encodeLine(line: MeasureLine): EncodedLine {
  const encoded = new Array<unknown>(LINE_FIELDS.length);
  for (let i = 0; i < LINE_FIELDS.length; i += 1) encoded[i] = line[LINE_FIELDS[i]];
  return encoded;
}

/**
 * The fields named in LINE_FIELDS order, built as one object literal: a line assembled key by key from
 * LINE_FIELDS took 3.7 times the memory (1.9 KB against 0.5 KB a line), and the measure model holds a
 * line for every measure of the court. A field appended later is absent from lines stored before
 * it: null, as a fresh line has it. The codec spec checks this order against LINE_FIELDS.
 */
export function decodeLine(encoded: EncodedLine): MeasureLine {
  const [
    measureId = null,
    campaignId = null,
    problemId = null,
    number = null,
    content = null,
    target = null,
    kind = null,
    responsibleLeaderId = null,
    departmentId = null,
    responsiblePerson = null,
    assignedOn = null,
    originalDueDate = null,
    dueDate = null,
    reportEveryDays = null,
    milestones = null,
    status = null,
    percent = null,
    lastReportedOn = null,
    lastProgressNote = null,
    completionSummary = null,
    extensionsGranted = null,
    returned = null,
    reopened = null,
    reopenings = null,
    outcomes = null,
    signedOffOn = null,
    signedOffBy = null,
    onTime = null,
    lookBackDueOn = null,
  ] = encoded as Nullable<MeasureLine>[keyof MeasureLine][];
  return {
    measureId,
    campaignId,
    problemId,
    number,
    content,
    target,
    kind,
    responsibleLeaderId,
    departmentId,
    responsiblePerson,
    assignedOn,
    originalDueDate,
    dueDate,
    reportEveryDays,
    milestones,
    status,
    percent,
    lastReportedOn,
    lastProgressNote,
    completionSummary,
    extensionsGranted,
    returned,
    reopened,
    reopenings,
    outcomes,
    signedOffOn,
    signedOffBy,
    onTime,
    lookBackDueOn,
  } as MeasureLine;
}

type Nullable<T> = { [K in keyof T]: T[K] | null };
