import { EVIDENCE_MEDIA_TYPES, EvidenceMediaType } from '@tracker/domain';
import * as FileType from 'file-type';
import { open } from 'node:fs/promises';

const ACCEPTED = new Set<string>(EVIDENCE_MEDIA_TYPES);

/** What the content of a file is, whatever its name says. */
export interface Sniffed {
  /** The accepted type, or null when the content is none of them. */
  accepted: EvidenceMediaType | null;
  /** What was detected, for the refusal: a MIME type, or application/octet-stream for unknown bytes. */
  detected: string;
}

const SCAN_CHUNK = 1024 * 1024;
const TEXT_SAMPLE = 64 * 1024;
const PDF_MAGIC = Buffer.from('%PDF', 'latin1');
/** Where file-type looks for Adobe Illustrator's marker in a PDF: 10 MB from byte 1350. */
const ILLUSTRATOR = { marker: Buffer.from('AIPrivateData', 'latin1'), from: 1350, length: 10 * 1024 * 1024 };

/**
 * Sniffs a stored upload by its content: file-type (a well-kept sniffing library) for PDF, JPEG,
 * PNG, WebP, MP4 and the Office Open XML formats; on top of it, small signature checks for what it
 * does not tell apart: OFD (a zip whose root holds OFD.xml), the legacy DOC and XLS (both OLE
 * compound files, told apart by their WordDocument / Workbook streams) and plain text.
 */
export async function sniffFile(path: string): Promise<Sniffed> {
  const found = (await sniffPdf(path)) ?? (await FileType.fromFile(path));
  if (found) {
    if (ACCEPTED.has(found.mime)) return { accepted: found.mime as EvidenceMediaType, detected: found.mime };
    if (found.mime === 'application/zip' && (await containsBytes(path, [Buffer.from('OFD.xml', 'latin1')])))
      return { accepted: 'application/ofd', detected: 'application/ofd' };
    if (found.mime === 'application/x-cfb') {
      const utf16 = (name: string) => Buffer.from(name, 'utf16le');
      if (await containsBytes(path, [utf16('WordDocument')]))
        return { accepted: 'application/msword', detected: 'application/msword' };
      if (await containsBytes(path, [utf16('Workbook'), utf16('Book\u0000')]))
        return { accepted: 'application/vnd.ms-excel', detected: 'application/vnd.ms-excel' };
    }
    return { accepted: null, detected: found.mime };
  }
  if (await looksLikeText(path)) return { accepted: 'text/plain', detected: 'text/plain' };
  return { accepted: null, detected: 'application/octet-stream' };
}

/**
 * A PDF, told from an Illustrator file exactly as file-type tells them (no check it makes before
 * this one matches a file that starts with %PDF), but scanning the 10 MB it looks at 1 MB at a
 * time: file-type reads them into one zero-filled buffer, 10 MB held for each PDF uploaded.
 */
async function sniffPdf(path: string): Promise<{ mime: string } | null> {
  const handle = await open(path, 'r');
  try {
    const head = Buffer.alloc(PDF_MAGIC.length);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    if (bytesRead < head.length || !head.equals(PDF_MAGIC)) return null;
  } finally {
    await handle.close();
  }
  const { marker, from, length } = ILLUSTRATOR;
  return (await containsBytes(path, [marker], { from, to: from + length }))
    ? { mime: 'application/postscript' }
    : { mime: 'application/pdf' };
}

/** Plain text: no NUL and no control characters but tab, line breaks and form feed in the first 64 KB (UTF-8 or GB18030 alike). */
async function looksLikeText(path: string): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(TEXT_SAMPLE);
    const { bytesRead } = await handle.read(buffer, 0, TEXT_SAMPLE, 0);
    if (bytesRead === 0) return false;
    for (let i = 0; i < bytesRead; i++) {
      const c = buffer[i];
      if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c && c !== 0x1b) || c === 0x7f)
        return false;
    }
    return true;
  } finally {
    await handle.close();
  }
}

/**
 * Whether any of `needles` occurs in the file (or within bytes `from` to `to`), read in chunks that
 * overlap by the longest needle.
 */
async function containsBytes(
  path: string,
  needles: Buffer[],
  { from = 0, to = Infinity }: { from?: number; to?: number } = {},
): Promise<boolean> {
  const overlap = Math.max(...needles.map((n) => n.length)) - 1;
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(SCAN_CHUNK + overlap);
    let carried = 0;
    for (let position = from; position < to;) {
      const wanted = Math.min(SCAN_CHUNK, to - position);
      const { bytesRead } = await handle.read(buffer, carried, wanted, position);
      if (bytesRead === 0) return false;
      const window = buffer.subarray(0, carried + bytesRead);
      if (needles.some((needle) => window.includes(needle))) return true;
      position += bytesRead;
      carried = Math.min(overlap, window.length);
      window.copy(buffer, 0, window.length - carried);
    }
    return false;
  } finally {
    await handle.close();
  }
}
