import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

/**
 * The layout is enforced, not only described: `npm test` runs the lint, and these specs show the
 * lint refuses an import across the boundaries (docs/architecture.md, "Layout").
 */
const run = promisify(execFile);
const root = join(__dirname, '..', '..');

/**
 * ESLint itself, with the project's config, in one process of its own for every probe of this
 * file: starting it (typescript-eslint and the config) is most of the cost of linting one probe.
 */
const LINT_PROBES = `
const { ESLint } = require('eslint');
let input = '';
process.stdin.setEncoding('utf8').on('data', (c) => (input += c)).on('end', async () => {
  const eslint = new ESLint({ cwd: process.cwd() });
  const found = [];
  for (const [filePath, source] of JSON.parse(input)) {
    const [result] = await eslint.lintText(source, { filePath });
    found.push(result.messages);
  }
  process.stdout.write(JSON.stringify(found));
});`;

/** Each probe: `source` linted as if it were the file at `path`. */
const PROBES = {
  appIntoApp: ['apps/worker/src/probe.ts', "export { AppModule } from '../../api/src/app.module';\n"],
  libIntoApp: [
    'libs/read-models/src/views/probe.ts',
    "export { createApp } from '../../../../apps/api/src/app.factory';\n",
  ],
  frameworkInDomain: ['libs/domain/src/probe.ts', "export { Injectable } from '@nestjs/common';\n"],
  testIntoAppModule: ['test/probe.ts', "export { AppModule } from '../apps/api/src/app.module';\n"],
  testThroughEntryPoint: ['test/probe.ts', "export { createApp } from '../apps/api/src';\n"],
  appUsingLib: ['apps/api/src/probe.ts', "export { ReadModels } from '@tracker/read-models';\n"],
} satisfies Record<string, [string, string]>;

interface LintMessage {
  ruleId: string | null;
  message: string;
}
let messages: Record<keyof typeof PROBES, LintMessage[]>;

/** The messages of no-restricted-imports for a probe. */
function boundaryErrors(probe: keyof typeof PROBES): string[] {
  return messages[probe].filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

beforeAll(async () => {
  const names = Object.keys(PROBES) as (keyof typeof PROBES)[];
  const lint = run(process.execPath, ['-e', LINT_PROBES], { cwd: root, maxBuffer: 16 * 1024 * 1024 });
  lint.child.stdin?.end(JSON.stringify(names.map((name) => PROBES[name])));
  const found = JSON.parse((await lint).stdout) as LintMessage[][];
  messages = Object.fromEntries(names.map((name, i) => [name, found[i]])) as typeof messages;
}, 60_000);

describe('architecture boundaries (eslint)', () => {
  jest.setTimeout(60_000);

  it('refuses an import from one app into another', () => {
    expect(boundaryErrors('appIntoApp')).toEqual([
      expect.stringContaining('An app never imports another app'),
    ]);
  });

  it('refuses an import from a lib into an app', () => {
    expect(boundaryErrors('libIntoApp')).toEqual([expect.stringContaining('A lib never imports an app')]);
  });

  it('refuses a framework in the domain', () => {
    expect(boundaryErrors('frameworkInDomain')).toEqual([
      expect.stringContaining('The domain must not import frameworks'),
    ]);
  });

  it('lets tests reach an app through its public entry point only', () => {
    expect(boundaryErrors('testIntoAppModule')).toEqual([expect.stringContaining('public entry point')]);
    expect(boundaryErrors('testThroughEntryPoint')).toEqual([]);
  });

  it('lets an app import the libs', () => {
    expect(boundaryErrors('appUsingLib')).toEqual([]);
  });
});
