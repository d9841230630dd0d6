import { MeasureLine, TrackerEvent } from '@tracker/domain';
import { CheckpointedProjection } from './checkpointed-projection';
import { DocumentTable } from './document-table';
import { MeasuresProjection } from './measures.projection';

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

/** 销号台账: one row per measure of the measure model, its problem written out; ledger order on demand. */
export class LedgerProjection implements CheckpointedProjection {
  readonly name = 'ledger';
  /** 3: rows are read from the measure model instead of a copy of every line. */
  readonly version = 3;
  readonly problems = new DocumentTable<LedgerProblem>('problems');
  readonly tables = [this.problems];

  constructor(private readonly measures: MeasuresProjection) {}

  apply(event: TrackerEvent): void {
    if (event.type === 'ProblemRecorded') {
      this.problems.set(event.data.problemId, { number: event.data.number, title: event.data.title });
    }
  }

  /** Every row, in the order the measures were assigned. */
  entries(): LedgerEntry[] {
    const entries: LedgerEntry[] = [];
    for (const line of this.measures.lines.values()) {
      const problem = this.problems.get(line.problemId);
      entries.push({
        problemId: line.problemId,
        problemNumber: problem?.number ?? 0,
        problemTitle: problem?.title ?? '',
        line,
      });
    }
    return entries;
  }
}
