import { MeasureLine, TrackerEvent } from '@tracker/domain';
import { FeedEvent } from '@tracker/event-store';
import { CheckpointedProjection } from './checkpointed-projection';
import { courtDayOf } from './court-day';
import { DocumentTable } from './document-table';
import { decodeLine, EncodedLine, encodeLine } from './line-codec';
import { foldMeasureLine } from './measure-lines';

/** One row of the 销号台账: a measure with its problem written out, as the ledger prints it. */
export interface LedgerEntry {
  problemId: string;
  problemNumber: number;
  problemTitle: string;
  line: MeasureLine;
}

interface LedgerProblem {
  number: number;
  title: string;
}

/** 销号台账: one flat row per measure, its problem denormalised, in ledger order on demand. */
export class LedgerProjection implements CheckpointedProjection {
  readonly name = 'ledger';
  /** 2: documents keep the order they were first written in (rowid tables). */
  readonly version = 2;
  readonly problems = new DocumentTable<LedgerProblem>('problems');
  readonly entries = new DocumentTable<LedgerEntry>('entries', {
    encode: (entry) => ({ ...entry, line: encodeLine(entry.line) }),
    decode: (stored) => {
      const entry = stored as Omit<LedgerEntry, 'line'> & { line: EncodedLine };
      return { ...entry, line: decodeLine(entry.line) };
    },
  });
  readonly tables = [this.problems, this.entries];
  private readonly courtDay: (isoInstant: string) => string;

  constructor(timeZone: string) {
    this.courtDay = courtDayOf(timeZone);
  }

  apply(event: TrackerEvent, recorded: FeedEvent): void {
    const line = foldMeasureLine(event, recorded, (id) => this.entries.get(id)?.line, this.courtDay);
    if (line) {
      const entry = this.entries.get(line.measureId);
      if (entry) {
        entry.line = line;
        return this.entries.touch(line.measureId);
      }
      const problem = this.problems.get(line.problemId);
      return this.entries.set(line.measureId, {
        problemId: line.problemId,
        problemNumber: problem?.number ?? 0,
        problemTitle: problem?.title ?? '',
        line,
      });
    }
    if (event.type === 'ProblemRecorded') {
      this.problems.set(event.data.problemId, { number: event.data.number, title: event.data.title });
    }
  }
}
