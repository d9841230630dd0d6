/**
 * Results remembered by a pair of keys, the first then the second, and forgotten all at once past
 * `limit` results. Two maps rather than one joined key: joining was a new string to hash on every
 * call, which cost more than the result it saved on the hot paths that use this (date sums, a
 * ladder's dates on a court-wide board).
 */
export class PairMemo<A, B, V extends NonNullable<unknown>> {
  private readonly byFirst = new Map<A, Map<B, V>>();
  private size = 0;

  constructor(
    private readonly compute: (first: A, second: B) => V,
    private readonly limit: number,
  ) {}

  of(first: A, second: B): V {
    const known = this.byFirst.get(first)?.get(second);
    if (known !== undefined) return known;
    // Checked for every new result, so one first key with endless seconds is bounded too.
    if (this.size >= this.limit) {
      this.byFirst.clear();
      this.size = 0;
    }
    let seconds = this.byFirst.get(first);
    if (seconds === undefined) this.byFirst.set(first, (seconds = new Map()));
    const value = this.compute(first, second);
    seconds.set(second, value);
    this.size += 1;
    return value;
  }

  /** How many results are remembered. */
  get remembered(): number {
    return this.size;
  }
}
