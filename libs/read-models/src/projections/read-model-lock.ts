import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Marks a read-model file as served by a live process, so `projections:rebuild` can refuse to
 * rewrite it underneath: a serving process keeps its own copy in memory and would save over the
 * rebuild. One file per holder (named by pid) in `<file>.holders/`, since an API and a worker may
 * share a data directory; a holder that died without releasing is recognised by its pid.
 */
export class ReadModelLock {
  private constructor(private readonly path: string | null) {}

  static acquire(readModelFile: string): ReadModelLock {
    if (readModelFile === ':memory:') return new ReadModelLock(null);
    const dir = holdersDir(readModelFile);
    mkdirSync(dir, { recursive: true });
    const path = join(dir, String(process.pid));
    writeFileSync(path, `${process.pid}\n`);
    return new ReadModelLock(path);
  }

  /** The pids of live processes (other than this one) serving the file; stale marks are removed. */
  static liveHolders(readModelFile: string): number[] {
    let names: string[];
    try {
      names = readdirSync(holdersDir(readModelFile));
    } catch {
      return [];
    }
    const live: number[] = [];
    for (const name of names) {
      const pid = Number(name);
      if (!Number.isInteger(pid) || pid === process.pid) continue;
      if (isAlive(pid)) live.push(pid);
      else rmSync(join(holdersDir(readModelFile), name), { force: true });
    }
    return live;
  }

  release(): void {
    if (this.path) rmSync(this.path, { force: true });
  }
}

function holdersDir(readModelFile: string): string {
  return `${readModelFile}.holders`;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
