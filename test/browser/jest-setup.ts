// A browser step waits for real rendering on two shared cores: give each test room, and let
// Playwright's own 15 s waits fail first with a message that names what was awaited.
jest.setTimeout(60_000);
