import { AnchorStatement, decodeEvent, StreamHead, streams } from '@tracker/domain';
import { RecordedEvent } from '@tracker/event-store';
import { KeyObject } from 'node:crypto';
import { headsDigest, signatureValid } from './statement';

/** An anchor that cannot be trusted: its heads are then not held against the store. */
export interface AnchorProblem {
  anchorId: string;
  sequence: number;
  anchoredAt: string;
  problem: 'signature_invalid' | 'other_key' | 'heads_incomplete';
}

/** A stream that no longer holds what an anchor recorded of it. */
export interface HeadProblem {
  streamName: string;
  anchorId: string;
  sequence: number;
  anchoredAt: string;
  anchoredRevision: string;
  anchoredHash: string;
  /** altered: another event sits at the anchored revision; missing: the stream ends before it. */
  problem: 'altered' | 'missing';
  /** What the store holds: the event at that revision (altered) or the stream's last (missing); null if the stream is gone. */
  now: { revision: string; hash: string } | null;
}

export interface AnchoredHistoryReport {
  anchors: {
    count: number;
    trusted: number;
    latest: { anchorId: string; sequence: number; anchoredAt: string; feedPosition: string | null } | null;
  };
  anchorProblems: AnchorProblem[];
  headProblems: HeadProblem[];
  /** Events recorded after the latest trusted anchor: chained, but not yet covered by a signature. */
  unanchored: { events: number; streams: number; sampleStreams: string[] };
}

interface Expectation {
  hash: string;
  statement: AnchorStatement;
}

const SAMPLE = 20;

/**
 * Holds a store's feed against its anchors. Built from the audit stream (read first), then shown
 * every event of the feed in order; keeps one expectation per anchored (stream, revision) and one
 * head per stream, never the events themselves.
 */
export class AnchoredHistoryCheck {
  private readonly expected = new Map<string, Expectation>();
  private readonly lastSeen = new Map<string, { revision: bigint; hash: string }>();
  private readonly headProblems: HeadProblem[] = [];
  private readonly unanchoredStreams = new Set<string>();
  private unanchoredEvents = 0;
  private readonly latestPosition: bigint | null;
  private readonly trusted: AnchorStatement[];

  private constructor(
    private readonly anchors: AnchorStatement[],
    trustedHeads: { statement: AnchorStatement; heads: StreamHead[] }[],
    private readonly anchorProblems: AnchorProblem[],
  ) {
    this.trusted = trustedHeads.map((t) => t.statement);
    for (const { statement, heads } of trustedHeads)
      for (const head of heads) {
        const k = key(head.streamName, head.revision);
        // A revision is anchored by the anchor at which it became the head; keep the earliest.
        if (!this.expected.has(k)) this.expected.set(k, { hash: head.hash, statement });
      }
    const latest = this.trusted[this.trusted.length - 1];
    this.latestPosition =
      latest === undefined ? null : latest.feedPosition === null ? -1n : BigInt(latest.feedPosition);
  }

  /** Reads the anchors of an audit stream; each is trusted only if the court's key signed it and its heads are whole. */
  static fromAuditStream(
    auditEvents: readonly RecordedEvent[],
    court: { publicKey: KeyObject; keyId: string },
  ): AnchoredHistoryCheck {
    const parts = new Map<string, Map<number, StreamHead[]>>();
    const anchors: AnchorStatement[] = [];
    const trusted: { statement: AnchorStatement; heads: StreamHead[] }[] = [];
    const problems: AnchorProblem[] = [];
    for (const recorded of auditEvents) {
      const event = decodeEvent(recorded);
      if (event?.type === 'AnchorHeadsRecorded') {
        const of = parts.get(event.data.anchorId) ?? new Map<number, StreamHead[]>();
        of.set(event.data.part, event.data.heads);
        parts.set(event.data.anchorId, of);
      } else if (event?.type === 'AuditAnchored') {
        const { statement, signature } = event.data;
        anchors.push(statement);
        const problem = (p: AnchorProblem['problem']) =>
          problems.push({
            anchorId: statement.anchorId,
            sequence: statement.sequence,
            anchoredAt: statement.anchoredAt,
            problem: p,
          });
        if (statement.keyId !== court.keyId) {
          problem('other_key');
          continue;
        }
        if (!signatureValid(statement, signature, court.publicKey)) {
          problem('signature_invalid');
          continue;
        }
        const of = parts.get(statement.anchorId) ?? new Map<number, StreamHead[]>();
        const heads: StreamHead[] = [];
        for (let part = 0; part < statement.parts; part += 1) heads.push(...(of.get(part) ?? []));
        if (heads.length !== statement.changedStreams || headsDigest(heads) !== statement.headsDigest) {
          problem('heads_incomplete');
          continue;
        }
        trusted.push({ statement, heads });
      }
    }
    return new AnchoredHistoryCheck(anchors, trusted, problems);
  }

  /** One event of the feed, in feed order. */
  see(event: RecordedEvent): void {
    const k = key(event.streamName, event.revision.toString());
    const expectation = this.expected.get(k);
    if (expectation !== undefined) {
      this.expected.delete(k);
      if (expectation.hash !== event.hash)
        this.headProblems.push(
          problemOf(event.streamName, event.revision.toString(), expectation, 'altered', {
            revision: event.revision.toString(),
            hash: event.hash,
          }),
        );
    }
    this.lastSeen.set(event.streamName, { revision: event.revision, hash: event.hash });
    // The anchors' own events are signed; "not yet anchored" means business and access events.
    if (
      event.streamName !== streams.audit() &&
      (this.latestPosition === null || event.position > this.latestPosition)
    ) {
      this.unanchoredEvents += 1;
      this.unanchoredStreams.add(event.streamName);
    }
  }

  /** After the last event: every anchored revision never seen is missing from its stream. */
  report(): AnchoredHistoryReport {
    for (const [k, expectation] of this.expected) {
      const [streamName, revision] = k.split('\u0000');
      const last = this.lastSeen.get(streamName);
      this.headProblems.push(
        problemOf(
          streamName,
          revision,
          expectation,
          'missing',
          last ? { revision: last.revision.toString(), hash: last.hash } : null,
        ),
      );
    }
    this.expected.clear();
    const latest = this.trusted[this.trusted.length - 1];
    return {
      anchors: {
        count: this.anchors.length,
        trusted: this.trusted.length,
        latest: latest
          ? {
              anchorId: latest.anchorId,
              sequence: latest.sequence,
              anchoredAt: latest.anchoredAt,
              feedPosition: latest.feedPosition,
            }
          : null,
      },
      anchorProblems: this.anchorProblems,
      headProblems: this.headProblems.sort(
        (a, b) => a.streamName.localeCompare(b.streamName) || a.sequence - b.sequence,
      ),
      unanchored: {
        events: this.unanchoredEvents,
        streams: this.unanchoredStreams.size,
        sampleStreams: [...this.unanchoredStreams].slice(0, SAMPLE),
      },
    };
  }
}

function key(streamName: string, revision: string): string {
  return `${streamName}\u0000${revision}`;
}

function problemOf(
  streamName: string,
  revision: string,
  expectation: Expectation,
  problem: HeadProblem['problem'],
  now: HeadProblem['now'],
): HeadProblem {
  return {
    streamName,
    anchorId: expectation.statement.anchorId,
    sequence: expectation.statement.sequence,
    anchoredAt: expectation.statement.anchoredAt,
    anchoredRevision: revision,
    anchoredHash: expectation.hash,
    problem,
    now,
  };
}
