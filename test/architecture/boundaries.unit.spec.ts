import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

/**
 * The layout is enforced, not only described: `npm test` runs the lint, and these specs show the
 * lint refuses an import across the boundaries (docs/architecture.md, "Layout").
 */
const run = promisify(execFile);
const root = join(__dirname, '..', '..');
const eslint = join(root, 'node_modules', '.bin', 'eslint');

/** The messages of no-restricted-imports for `source` linted as if it were the file at `path`. */
async function boundaryErrors(path: string, source: string): Promise<string[]> {
  const lint = run(eslint, ['--format', 'json', '--stdin', '--stdin-filename', path], { cwd: root });
  lint.child.stdin?.end(source);
  const stdout = await lint.then(
    (done) => done.stdout,
    (failed: { stdout?: string }) => failed.stdout ?? '[]',
  );
  const [result] = JSON.parse(stdout) as { messages: { ruleId: string | null; message: string }[] }[];
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('architecture boundaries (eslint)', () => {
  jest.setTimeout(60_000);

  it('refuses an import from one app into another', async () => {
    const errors = await boundaryErrors(
      'apps/worker/src/probe.ts',
      "export { AppModule } from '../../api/src/app.module';\n",
    );
    expect(errors).toEqual([expect.stringContaining('An app never imports another app')]);
  });

  it('refuses an import from a lib into an app', async () => {
    const errors = await boundaryErrors(
      'libs/read-models/src/views/probe.ts',
      "export { createApp } from '../../../../apps/api/src/app.factory';\n",
    );
    expect(errors).toEqual([expect.stringContaining('A lib never imports an app')]);
  });

  it('refuses a framework in the domain', async () => {
    const errors = await boundaryErrors(
      'libs/domain/src/probe.ts',
      "export { Injectable } from '@nestjs/common';\n",
    );
    expect(errors).toEqual([expect.stringContaining('The domain must not import frameworks')]);
  });

  it('lets tests reach an app through its public entry point only', async () => {
    expect(
      await boundaryErrors('test/probe.ts', "export { AppModule } from '../apps/api/src/app.module';\n"),
    ).toEqual([expect.stringContaining('public entry point')]);
    expect(await boundaryErrors('test/probe.ts', "export { createApp } from '../apps/api/src';\n")).toEqual(
      [],
    );
  });

  it('lets an app import the libs', async () => {
    expect(
      await boundaryErrors('apps/api/src/probe.ts', "export { ReadModels } from '@tracker/read-models';\n"),
    ).toEqual([]);
  });
});
