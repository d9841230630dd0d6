import { alertDataFromV1 } from '../alerts/alert.upcasters';
import { TrackerEvent, TrackerEventType } from './tracker-event';

/** What the decoder reads of a stored event: any adapter's recorded or feed event has these. */
export interface StoredEvent {
  type: string;
  schemaVersion: number;
  data: unknown;
}

/** Lifts an event's data from one schema version to the next. */
export type Upcaster = (data: unknown) => unknown;

export interface EventSchema {
  /** The version the domain type describes: what the writer records today. */
  current: number;
  /** `upcasters[n]` turns version n into n + 1; one entry for every version below `current`. */
  upcasters: Readonly<Record<number, Upcaster>>;
}

export type SchemaTable = { readonly [T in TrackerEventType]: EventSchema };

/** Thrown for an event recorded by a newer release than this one: folding it blind would be wrong. */
export class UnsupportedSchemaVersionError extends Error {
  constructor(
    readonly eventType: string,
    readonly schemaVersion: number,
    readonly supported: number,
  ) {
    super(
      `Event ${eventType} has schema version ${schemaVersion}; this release reads up to ${supported}. Upgrade before reading this store.`,
    );
  }
}

const V1: EventSchema = { current: 1, upcasters: {} };

/**
 * Every event type and its schema. Each type is still at version 1; when a type's data changes
 * shape, bump `current`, change the domain type, and add the upcaster from the old version here,
 * so events already in the store keep decoding.
 */
export const EVENT_SCHEMAS: SchemaTable = {
  CampaignLaunched: V1,
  ProblemRecorded: V1,
  MeasureAdded: V1,
  MeasureAssigned: V1,
  ProgressReported: V1,
  ExtensionRequested: V1,
  ExtensionApproved: V1,
  ExtensionRejected: V1,
  CompletionSubmitted: V1,
  MeasureSignedOff: V1,
  MeasureReturned: V1,
  MeasureReopened: V1,
  MeasureCancelled: V1,
  OutcomeRecorded: V1,
  EvidenceAttached: V1,
  EvidenceWithdrawn: V1,
  MeasureUrged: V1,
  // The ladder's step, recipients and notice joined every alert in version 2.
  Reminded: { current: 2, upcasters: { 1: alertDataFromV1 } },
  DueSoonWarned: { current: 2, upcasters: { 1: alertDataFromV1 } },
  OverdueFlagged: { current: 2, upcasters: { 1: alertDataFromV1 } },
  Escalated: { current: 2, upcasters: { 1: alertDataFromV1 } },
  LookBackDue: V1,
  LookBackConfirmed: V1,
  AlertAcknowledged: V1,
  NoticeIssued: V1,
  NoticeReceived: V1,
  NoticeReplied: V1,
  DepartmentCreated: V1,
  DepartmentRenamed: V1,
  DepartmentRetired: V1,
  UserRegistered: V1,
  UserDisabled: V1,
  UserEnabled: V1,
  PasswordChanged: V1,
  UserRenamed: V1,
  UserPositionChanged: V1,
  GrantRequested: V1,
  GrantConfirmed: V1,
  GrantRejected: V1,
  BulletinIssued: {
    current: 2,
    upcasters: {
      // 1 → 2: bulletins were not numbered and named no overdue measures; one stream per date.
      1: (data) => {
        const v1 = data as { bulletinId: string; asOf: string };
        return {
          ...v1,
          requestId: `schedule-${v1.asOf}`,
          year: null,
          number: null,
          issuedOn: v1.asOf,
          overdueMeasures: [],
        };
      },
    },
  },
  SignedIn: V1,
  SignInFailed: V1,
  SignInLocked: V1,
  SignedOut: V1,
  AnchorHeadsRecorded: V1,
  AuditAnchored: V1,
  SensitiveRead: V1,
};

/** The schema version the writer records for an event type. */
export function currentSchemaVersion(type: TrackerEventType): number {
  return EVENT_SCHEMAS[type].current;
}

export type EventDecoder = (stored: StoredEvent) => TrackerEvent | undefined;

/**
 * Builds a decoder over a schema table. An event of a type the table does not list (a type this
 * release no longer has, or another application's) decodes to undefined and is ignored; one of
 * a newer version than the table's is refused.
 */
export function eventDecoder(schemas: SchemaTable): EventDecoder {
  const byType = new Map<string, EventSchema>(Object.entries(schemas));
  return (stored) => {
    const schema = byType.get(stored.type);
    if (schema === undefined) return undefined;
    if (stored.schemaVersion === schema.current) {
      // The common case allocates nothing: the stored event already has the domain event's shape.
      return stored as TrackerEvent;
    }
    if (stored.schemaVersion > schema.current || stored.schemaVersion < 1) {
      throw new UnsupportedSchemaVersionError(stored.type, stored.schemaVersion, schema.current);
    }
    let data = stored.data;
    for (let version = stored.schemaVersion; version < schema.current; version += 1) {
      const upcast = schema.upcasters[version];
      if (!upcast) throw new UnsupportedSchemaVersionError(stored.type, stored.schemaVersion, schema.current);
      data = upcast(data);
    }
    return { type: stored.type, data } as TrackerEvent;
  };
}

/** The one place a stored event becomes a domain event. */
export const decodeEvent: EventDecoder = eventDecoder(EVENT_SCHEMAS);

/**
 * Decodes the events of one kind of stream (a decider's `eventTypes`): anything else in the
 * stream, or of an unknown type, is left out.
 */
export function streamDecoder<E extends TrackerEvent>(
  eventTypes: readonly E['type'][],
  decode: EventDecoder = decodeEvent,
): (stored: StoredEvent) => E | undefined {
  const types = new Set<string>(eventTypes);
  return (stored) => {
    const event = decode(stored);
    // The type was checked against the decider's list just above.
    return event !== undefined && types.has(event.type) ? (event as E) : undefined;
  };
}
