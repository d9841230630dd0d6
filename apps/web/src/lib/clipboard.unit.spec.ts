import { copyText } from './clipboard';

describe('copying the report sentence', () => {
  it('uses the clipboard when the page may', async () => {
    const written: string[] = [];
    const execCopy = jest.fn(() => true);
    const host = { clipboard: { writeText: async (t: string) => void written.push(t) }, execCopy };
    expect(await copyText('共梳理问题3个。', host)).toBe(true);
    expect(written).toEqual(['共梳理问题3个。']);
    expect(execCopy).not.toHaveBeenCalled();
  });

  it('falls back to execCommand when the clipboard is refused or missing', async () => {
    const refused = { writeText: () => Promise.reject(new DOMException('denied', 'NotAllowedError')) };
    expect(await copyText('x', { clipboard: refused, execCopy: () => true })).toBe(true);
    expect(await copyText('x', { clipboard: null, execCopy: () => true })).toBe(true);
  });

  it('says so when nothing worked', async () => {
    expect(await copyText('x', { clipboard: null, execCopy: () => false })).toBe(false);
    expect(
      await copyText('x', {
        execCopy: () => {
          throw new Error('no document');
        },
      }),
    ).toBe(false);
    expect(await copyText('x', {})).toBe(false);
  });
});
