// A demo court's start (seeding through every command) can take seconds on a loaded 2-core machine.
jest.setTimeout(30_000);
