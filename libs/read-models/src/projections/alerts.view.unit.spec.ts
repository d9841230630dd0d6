import {
  acknowledged,
  added,
  assigned,
  launched,
  overdue,
  problem,
  signedOff,
  submitted,
} from '../testing/court.fixtures';
import { projectionSpec } from '../testing/projection-spec';
import { AlertsView } from './alerts.view';
import { CatalogueView } from './catalogue.view';

/** The alerts list joins the catalogue's measures when asked, so both are folded from the same events. */
const spec = projectionSpec(() => {
  const catalogue = new CatalogueView();
  return [new AlertsView(catalogue), catalogue];
});

const court = [launched(), problem('p1', 1), added('m1', 'p1', '1.1'), assigned('m1', 'p1')];

describe('AlertsView', () => {
  it('given an overdue flag, lists it as open with when it was raised and the measure it is about', async () => {
    const [alerts] = await spec.given([
      ...court,
      { event: overdue('m1'), recordedAt: '2026-04-01T00:00:05.000Z' },
    ]);
    expect(alerts.open()).toEqual([
      expect.objectContaining({
        raisedAt: '2026-04-01T00:00:05.000Z',
        alert: expect.objectContaining({ alertId: 'a-overdue', level: 'overdue' }),
        measure: expect.objectContaining({ measureId: 'm1', status: 'assigned' }),
      }),
    ]);
  });

  it('no longer lists an alert once the measure is signed off', async () => {
    const [alerts] = await spec.given([...court, overdue('m1'), submitted('m1'), signedOff('m1')]);
    expect(alerts.open()).toEqual([]);
  });

  it('lists newest first', async () => {
    const [alerts] = await spec.given([
      ...court,
      { event: overdue('m1', 'a-1'), recordedAt: '2026-04-01T00:00:00.000Z' },
      { event: overdue('m1', 'a-2'), recordedAt: '2026-04-02T00:00:00.000Z' },
      acknowledged('m1', 'a-1', 'u-leader'),
    ]);
    expect(alerts.open().map((a) => a.alert.alertId)).toEqual(['a-2', 'a-1']);
  });

  it('folds alone: with its measure not yet in the catalogue it lists nothing, and no error', async () => {
    const catalogue = new CatalogueView();
    const [alerts] = await projectionSpec(() => [new AlertsView(catalogue)]).given([overdue('m1')]);
    expect(alerts.open()).toEqual([]);
  });
});
