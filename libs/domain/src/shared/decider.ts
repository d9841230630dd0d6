/** A capability as three pure functions (see STYLE.md: the decider). */
export interface Decider<Command, Event extends { type: string }, State> {
  /** The event types of the decider's stream: what the writer decodes before folding. */
  readonly eventTypes: readonly Event['type'][];
  initialState(): State;
  evolve(state: State, event: Event): State;
  decide(command: Command, state: State): Event[];
}

export function fold<Event extends { type: string }, State>(
  decider: Pick<Decider<unknown, Event, State>, 'initialState' | 'evolve'>,
  events: readonly Event[],
): State {
  return events.reduce(decider.evolve, decider.initialState());
}

export function assertNever(value: never): never {
  throw new Error(`Unexpected value: ${JSON.stringify(value)}`);
}
