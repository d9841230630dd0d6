import { fileSize, isWithdrawn, previewKind } from './evidence';

describe('evidence files in the page', () => {
  it('previews images, PDFs and MP4 in the page; offers the rest as downloads', () => {
    expect(['image/jpeg', 'image/png', 'image/webp'].map(previewKind)).toEqual(['image', 'image', 'image']);
    expect(previewKind('application/pdf')).toBe('pdf');
    expect(previewKind('video/mp4')).toBe('video');
    expect(previewKind('application/ofd')).toBeNull();
    expect(previewKind('application/vnd.openxmlformats-officedocument.wordprocessingml.document')).toBeNull();
  });

  it('writes sizes as a clerk reads them', () => {
    expect(fileSize(12)).toBe('12 B');
    expect(fileSize(340 * 1024)).toBe('340 KB');
    expect(fileSize(1.25 * 1024 * 1024)).toBe('1.3 MB');
  });

  it('reads withdrawal from the list (an object) and from the measure (a flag)', () => {
    expect(isWithdrawn({ withdrawn: null })).toBe(false);
    expect(isWithdrawn({ withdrawn: false })).toBe(false);
    expect(isWithdrawn({ withdrawn: true })).toBe(true);
    expect(
      isWithdrawn({
        withdrawn: { reason: '传错', at: '2026-03-02T02:00:00Z', by: { userId: 'u', displayName: null } },
      }),
    ).toBe(true);
  });
});
