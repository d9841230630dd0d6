import { readFileSync } from 'node:fs';
import { defaultLadder, LadderError, parseLadder, SupervisionLadder } from '@tracker/domain';

/**
 * SUPERVISION_LADDER_FILE: the court's supervision ladder as JSON (`{"steps": [...]}`, see
 * docs/operations.md). Without it, the default ladder of DUE_SOON_DAYS and ESCALATE_AFTER_DAYS.
 * Every problem goes into `problems`, so start-up refuses a ladder it could not follow.
 */
export function readLadder(
  file: string | undefined,
  dueSoonDays: number,
  escalateAfterDays: number,
  problems: string[],
): SupervisionLadder {
  const fallback = defaultLadder(dueSoonDays, escalateAfterDays);
  const path = file?.trim();
  if (!path) return fallback;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    problems.push(`SUPERVISION_LADDER_FILE cannot be read (${path}): ${(error as Error).message}`);
    return fallback;
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    problems.push(`SUPERVISION_LADDER_FILE is not valid JSON (${path}): ${(error as Error).message}`);
    return fallback;
  }
  try {
    return parseLadder(raw);
  } catch (error) {
    if (!(error instanceof LadderError)) throw error;
    for (const problem of error.problems) problems.push(`SUPERVISION_LADDER_FILE ${problem}`);
    return fallback;
  }
}
