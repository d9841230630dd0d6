import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import * as FileType from 'file-type';
import { sniffFile } from './media-type';

// The type of an evidence file is read from its content, never from its name.

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tracker-sniff-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
async function sniff(bytes: Buffer) {
  const path = join(dir, `file-${++n}.pdf`); // every name says PDF: only the content counts
  writeFileSync(path, bytes);
  return sniffFile(path);
}

/** A zip of stored (uncompressed) entries, as OFD and the Office Open XML formats are zips. */
function zip(entries: Record<string, string>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(entries)) {
    const data = Buffer.from(text);
    const fileName = Buffer.from(name);
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(fileName.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(fileName.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, fileName, data);
    centrals.push(central, fileName);
    offset += local.length + fileName.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(centrals.length / 2, 8);
  end.writeUInt16LE(centrals.length / 2, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** An OLE compound file (legacy Office): its magic, then a directory entry naming a stream in UTF-16. */
const cfb = (stream: string) =>
  Buffer.concat([
    Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
    Buffer.alloc(1016),
    Buffer.from(`Root Entry`, 'utf16le'),
    Buffer.alloc(54),
    Buffer.from(stream, 'utf16le'),
    Buffer.alloc(2048),
  ]);

describe('sniffing evidence files by content', () => {
  it('takes a PDF, a JPEG and a PNG', async () => {
    expect((await sniff(Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n'))).accepted).toBe('application/pdf');
    expect(
      (await sniff(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1])))
        .accepted,
    ).toBe('image/jpeg');
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP8z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg==',
      'base64',
    );
    expect((await sniff(png)).accepted).toBe('image/png');
  });

  it('refuses an Illustrator file (a PDF with AIPrivateData in its first 10 MB) as file-type does, and reads no more than that', async () => {
    const pdf = (markerAt: number) => {
      const bytes = Buffer.alloc(markerAt + 64, 0x20);
      bytes.write('%PDF-1.6\n', 0, 'latin1');
      bytes.write('AIPrivateData1', markerAt, 'latin1');
      return bytes;
    };
    // Inside the window file-type reads (10 MB from byte 1350), straddling a 1 MB chunk, and past it.
    const cases = [2000, 1350 + 1024 * 1024 - 5, 1350 + 10 * 1024 * 1024 + 1];
    const verdicts = await Promise.all(cases.map((at) => sniff(pdf(at))));
    expect(verdicts).toEqual([
      { accepted: null, detected: 'application/postscript' },
      { accepted: null, detected: 'application/postscript' },
      { accepted: 'application/pdf', detected: 'application/pdf' },
    ]);
    for (const [i, at] of cases.entries())
      expect((await FileType.fromBuffer(pdf(at)))?.mime).toBe(verdicts[i].detected);
  });

  it('tells an OFD (a zip with OFD.xml) from a plain zip, which is refused', async () => {
    expect(await sniff(zip({ 'OFD.xml': '<ofd:OFD/>', 'Doc_0/Document.xml': '<ofd:Document/>' }))).toEqual({
      accepted: 'application/ofd',
      detected: 'application/ofd',
    });
    expect(await sniff(zip({ 'readme.md': 'hello' }))).toEqual({
      accepted: null,
      detected: 'application/zip',
    });
  });

  it('takes a DOCX and an XLSX by their parts', async () => {
    const docx = zip({ '[Content_Types].xml': '<Types/>', 'word/document.xml': '<w:document/>' });
    expect((await sniff(docx)).accepted).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    const xlsx = zip({ '[Content_Types].xml': '<Types/>', 'xl/workbook.xml': '<workbook/>' });
    expect((await sniff(xlsx)).accepted).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
  });

  it('tells a legacy DOC from an XLS by the stream named in the compound file; another one is refused', async () => {
    expect((await sniff(cfb('WordDocument'))).accepted).toBe('application/msword');
    expect((await sniff(cfb('Workbook'))).accepted).toBe('application/vnd.ms-excel');
    expect(await sniff(cfb('__substg1.0_0037001F'))).toEqual({
      accepted: null,
      detected: 'application/x-cfb',
    });
  });

  it('takes plain text in UTF-8 or GB18030', async () => {
    expect((await sniff(Buffer.from('关于建立案件质效周通报制度的通知\r\n一、……\n', 'utf8'))).accepted).toBe(
      'text/plain',
    );
    // "整改" in GB18030
    expect((await sniff(Buffer.from([0xd5, 0xfb, 0xb8, 0xc4, 0x0d, 0x0a]))).accepted).toBe('text/plain');
  });

  it('refuses an executable named .pdf, naming what it is, and unknown bytes as octet-stream', async () => {
    const exe = Buffer.concat([
      Buffer.from('MZ'),
      Buffer.alloc(58),
      Buffer.from([0x80, 0, 0, 0]),
      Buffer.alloc(64),
    ]);
    expect(await sniff(exe)).toEqual({ accepted: null, detected: 'application/x-msdownload' });
    expect(await sniff(Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0, 0, 0]))).toEqual({
      accepted: null,
      detected: expect.stringMatching(/^application\//),
    });
    expect(await sniff(Buffer.from([0x00, 0x01, 0x02, 0x03]))).toEqual({
      accepted: null,
      detected: 'application/octet-stream',
    });
    expect(await sniff(Buffer.alloc(0))).toEqual({ accepted: null, detected: 'application/octet-stream' });
  });
});
