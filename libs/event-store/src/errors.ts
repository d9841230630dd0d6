/** The stream's revision was not the one the writer expected: someone else wrote first. */
export class ConcurrencyError extends Error {
  constructor(
    readonly streamName: string,
    readonly expected: string,
    readonly actual: string,
  ) {
    super(`Wrong expected revision on stream ${streamName}: expected ${expected}, actual ${actual}`);
    this.name = 'ConcurrencyError';
  }
}

/** The store cannot be reached or refused to start; the message names the endpoint. */
export class EventStoreUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EventStoreUnavailableError';
  }
}
