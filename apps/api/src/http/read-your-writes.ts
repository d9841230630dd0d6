import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { WriterHooks } from '@tracker/command-path';
import { ReadModels } from '@tracker/read-models';
import { AsyncLocalStorage } from 'node:async_hooks';
import { from, lastValueFrom, Observable } from 'rxjs';

/**
 * Read-your-writes at the edge: the writer only reports what it appended; a request (or a start-up
 * step such as demo seeding) that wrote waits, bounded, until this process's read models have
 * passed its last write, so the same client's next read shows it.
 */
@Injectable()
export class ReadYourWrites implements WriterHooks {
  private readonly scope = new AsyncLocalStorage<{ position: bigint | null }>();

  constructor(private readonly readModels: ReadModels) {}

  afterAppend(position: bigint): void {
    const written = this.scope.getStore();
    if (written && (written.position === null || position > written.position)) written.position = position;
  }

  /**
   * Inside a request that wrote: waits until the read models have passed its writes so far, for a
   * handler that answers with what it just changed.
   */
  async settle(): Promise<void> {
    const position = this.scope.getStore()?.position ?? null;
    if (position !== null) await this.readModels.catchUp(position);
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    const written = { position: null as bigint | null };
    const result = await this.scope.run(written, work);
    if (written.position !== null) await this.readModels.catchUp(written.position);
    return result;
  }
}

/** Every route runs inside ReadYourWrites; reads write nothing and so never wait. */
@Injectable()
export class ReadYourWritesInterceptor implements NestInterceptor {
  constructor(private readonly readYourWrites: ReadYourWrites) {}

  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return from(this.readYourWrites.run(() => lastValueFrom(next.handle(), { defaultValue: undefined })));
  }
}
