import { Request, Response } from 'express';
import { shouldCompress } from './compress';

const request = {} as Request;
const responseOf = (type: string) =>
  ({ getHeader: (name: string) => (name === 'Content-Type' ? type : undefined) }) as Response;

describe('which answers are gzipped', () => {
  it('gzips JSON and text', () => {
    expect(shouldCompress(request, responseOf('application/json; charset=utf-8'))).toBe(true);
    expect(shouldCompress(request, responseOf('text/html; charset=utf-8'))).toBe(true);
  });

  it('leaves an event stream, a workbook and a zip as they are', () => {
    expect(shouldCompress(request, responseOf('text/event-stream'))).toBe(false);
    expect(
      shouldCompress(
        request,
        responseOf('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'),
      ),
    ).toBe(false);
    expect(shouldCompress(request, responseOf('application/zip'))).toBe(false);
    expect(shouldCompress(request, responseOf('image/png'))).toBe(false);
  });
});
