import { Inject, Injectable } from '@nestjs/common';
import { ImportPlan } from '@tracker/importing';
import { APP_CONFIG, AppConfig } from '@tracker/platform';
import { randomUUID } from 'node:crypto';
import { mkdir, open, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** A preview as it was answered, kept until it is applied. */
export interface StoredImport {
  importId: string;
  campaignId: string;
  fileName: string;
  previewedBy: string;
  previewedAt: string;
  plan: ImportPlan;
}

const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Previews are kept in DATA_DIR/imports, one JSON file each, written to a temporary name,
 * flushed and renamed, so a preview answered before a restart is still there after it. They
 * are not events: a preview records nothing in the court's records until it is applied, and
 * applying records the ordinary events of each problem and measure.
 */
@Injectable()
export class ImportStore {
  private readonly folder: string;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.folder = join(config.dataDir, 'imports');
  }

  async save(entry: Omit<StoredImport, 'importId'>): Promise<StoredImport> {
    const stored = { importId: randomUUID(), ...entry };
    await mkdir(this.folder, { recursive: true });
    await this.writeDurably(join(this.folder, `${stored.importId}.json`), JSON.stringify(stored));
    return stored;
  }

  async load(importId: string): Promise<StoredImport | null> {
    if (!ID.test(importId)) return null;
    try {
      return JSON.parse(await readFile(join(this.folder, `${importId}.json`), 'utf8')) as StoredImport;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  /**
   * Who applies the import: the first to apply it holds it, so every retry (after a crash
   * half-way too) carries the same user's idempotency keys and records each row once.
   */
  async holderOf(importId: string, userId: string): Promise<string> {
    const path = join(this.folder, `${importId}.apply.json`);
    try {
      const file = await open(path, 'wx');
      await file.writeFile(JSON.stringify({ userId, startedAt: new Date().toISOString() }));
      await file.sync();
      await file.close();
      return userId;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      return (JSON.parse(await readFile(path, 'utf8')) as { userId: string }).userId;
    }
  }

  async applyHolder(importId: string): Promise<string | null> {
    try {
      return (
        JSON.parse(await readFile(join(this.folder, `${importId}.apply.json`), 'utf8')) as { userId: string }
      ).userId;
    } catch {
      return null;
    }
  }

  private async writeDurably(path: string, text: string): Promise<void> {
    const temporary = `${path}.${randomUUID()}.tmp`;
    await writeFile(temporary, text, { flush: true });
    await rename(temporary, path);
  }
}
