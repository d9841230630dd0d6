import { execFile, execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, extname, join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Where page images of converted documents are kept (git-ignored). */
export const ARTIFACTS = join(__dirname, '..', '..', 'test-artifacts', 'documents');

function onPath(command: string): boolean {
  try {
    execFileSync('which', [command], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** LibreOffice and poppler, as CI installs them (libreoffice-calc, -writer, poppler-utils). */
export const officeAvailable = (): boolean => ['soffice', 'pdftotext', 'pdftoppm', 'pdfinfo'].every(onPath);

export interface ConvertedPdf {
  path: string;
  /** The text of each page (pdftotext -layout), in order. */
  pages: string[];
  /** Page size in points, width × height, of the first page. */
  size: { width: number; height: number };
}

/**
 * Writes `bytes` to a file named `name` and converts it to PDF with LibreOffice headless, with a
 * private profile so parallel runs do not collide; keeps page images (pdftoppm, 60 dpi) under
 * test-artifacts/documents/.
 */
export async function convertToPdf(name: string, bytes: Buffer): Promise<ConvertedPdf> {
  const work = mkdtempSync(join(tmpdir(), 'tracker-office-'));
  try {
    const input = join(work, name);
    writeFileSync(input, bytes);
    await run(
      'soffice',
      [
        `-env:UserInstallation=file://${join(work, 'profile')}`,
        '--headless',
        '--norestore',
        '--convert-to',
        'pdf',
        '--outdir',
        work,
        input,
      ],
      { timeout: 180_000 },
    );
    const pdf = join(work, `${basename(name, extname(name))}.pdf`);
    mkdirSync(ARTIFACTS, { recursive: true });
    const kept = join(ARTIFACTS, basename(pdf));
    await run('cp', [pdf, kept]);
    const stem = join(ARTIFACTS, basename(name, extname(name)));
    for (const old of readdirSync(ARTIFACTS).filter(
      (f) => f.startsWith(`${basename(stem)}-`) && f.endsWith('.png'),
    ))
      rmSync(join(ARTIFACTS, old));
    await run('pdftoppm', ['-png', '-r', '60', kept, stem]);
    const text = (await run('pdftotext', ['-layout', kept, '-'], { maxBuffer: 64 * 1024 * 1024 })).stdout;
    const pages = text.split('\f').filter((p, i, all) => i < all.length - 1 || p.trim() !== '');
    const info = (await run('pdfinfo', [kept])).stdout;
    const match = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(info);
    const size = match ? { width: Number(match[1]), height: Number(match[2]) } : { width: 0, height: 0 };
    return { path: kept, pages, size };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** Text with the spaces pdftotext puts between characters of a spread-out table removed. */
export const squeezed = (text: string): string => text.replace(/\s+/g, '');
