/** Measures whose missed records a sweep writes at once; one measure's go one after another. */
const PARALLEL_MEASURES = 16;

export interface SweepOutcome {
  recorded: number;
  failed: number;
  /** The position of the last record written; null when none was. */
  position: bigint | null;
}

/**
 * Records a sweep's missed items, grouped by measure: a measure's items share its stream, and
 * recorded side by side they would collide on its revision, so each measure's go in turn while
 * measures run side by side. A failed item is counted and handed to `onFailure`, and does not
 * stop the sweep (the next sweep retries it).
 */
export async function recordInTurn<T>(
  dueByMeasure: readonly (readonly T[])[],
  record: (item: T) => Promise<{ recorded: number; position: bigint | null }>,
  onFailure: (error: unknown) => void,
): Promise<SweepOutcome> {
  const total: SweepOutcome = { recorded: 0, failed: 0, position: null };
  const oneMeasure = async (due: readonly T[]) => {
    for (const item of due) {
      try {
        const outcome = await record(item);
        total.recorded += outcome.recorded;
        if (outcome.position !== null && (total.position === null || outcome.position > total.position))
          total.position = outcome.position;
      } catch (error) {
        total.failed++;
        onFailure(error);
      }
    }
  };
  for (let i = 0; i < dueByMeasure.length; i += PARALLEL_MEASURES)
    await Promise.all(dueByMeasure.slice(i, i + PARALLEL_MEASURES).map(oneMeasure));
  return total;
}
