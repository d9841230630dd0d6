import { MeasureLine } from '@tracker/domain';
import { decodeLine, encodeLine, LINE_FIELDS } from './line-codec';

describe('the stored form of a measure line', () => {
  // A different value in every field, so a field decoded from another's place shows.
  const line = Object.fromEntries(
    LINE_FIELDS.map((field, i) => [field, `value-${i}`]),
  ) as unknown as MeasureLine;

  it('given a line, when it is encoded and decoded, then every field comes back in its own place', () => {
    const encoded = encodeLine(line);
    expect(encoded).toEqual(LINE_FIELDS.map((_, i) => `value-${i}`));
    expect(decodeLine(encoded)).toStrictEqual(line);
  });

  it('given a line stored before its last field existed, when decoded, then that field is null', () => {
    const stored = encodeLine(line).slice(0, -1);
    expect(decodeLine(stored)).toStrictEqual({ ...line, lookBackDueOn: null });
  });
});
