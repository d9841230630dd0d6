// A browser step waits for real rendering on two cores shared with a second jest worker: give
// each test room, and let Playwright's own 25 s waits fail first with a message that names what
// was awaited.
jest.setTimeout(120_000);
