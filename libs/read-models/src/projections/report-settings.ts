import { SupervisionLadder } from '@tracker/domain';
import { LightReadings } from '../queries/light-readings';

/** What the wall chart, ledger and report figures are computed with; from AppConfig. */
export class ReportSettings {
  /** Each line's light on a day, read against this ladder once and shared by the reports. */
  readonly lights: LightReadings;

  constructor(
    /** DUE_SOON_DAYS: a measure is due soon (黄) this many days before its deadline. */
    readonly dueSoonDays: number,
    /** The supervision ladder: which steps turn a light yellow, and the step each measure has reached. */
    readonly ladder: SupervisionLadder,
  ) {
    this.lights = new LightReadings(ladder);
  }
}
