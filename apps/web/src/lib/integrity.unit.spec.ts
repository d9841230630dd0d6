import { integritySummary, IntegrityReport } from './integrity';

const clean: IntegrityReport = {
  ok: true,
  streams: 12,
  events: 340,
  failures: [],
  anchors: { count: 2, trusted: 2, latest: { sequence: 2, anchoredAt: '2026-03-01T16:05:00Z' } },
  anchorProblems: [],
  headProblems: [],
  unanchored: { events: 0, streams: 0, sampleStreams: [] },
  files: { checked: 3, failures: [] },
  checkedThrough: '340',
};

describe('the integrity result as an inspector reads it', () => {
  it('given nothing wrong, then it says what was checked against how many anchors', () => {
    expect(integritySummary(clean)).toEqual({
      ok: true,
      title: '校验通过：12 条事件流、340 个事件的哈希链完整，与 2 个审计锚点一致；3 份佐证材料未被改动。',
      problems: [],
      note: null,
    });
  });

  it('given events after the latest anchor, then they are named as not yet anchored, not as verified', () => {
    const summary = integritySummary({ ...clean, unanchored: { events: 5, streams: 2, sampleStreams: [] } });
    expect(summary.note).toBe(
      '另有 5 个事件（2 条事件流）记录于最新锚点（第2号，2026-03-02 00:05）之后，尚未锚定：哈希链已校验，签名待下一次锚点。',
    );
  });

  it('given no anchor yet, then it says a re-hashed rewrite cannot be found without one', () => {
    const summary = integritySummary({ ...clean, anchors: { count: 0, trusted: 0, latest: null } });
    expect(summary.note).toMatch(/^尚无审计锚点/);
  });

  it('given a deleted tail and a rewrite, then each names the stream, the anchored revision and hash, and what is there now', () => {
    const head = { sequence: 1, anchoredAt: '2026-03-01T16:05:00Z', anchoredHash: 'a'.repeat(64) };
    const summary = integritySummary({
      ...clean,
      ok: false,
      headProblems: [
        {
          ...head,
          streamName: 'measure-m1',
          anchoredRevision: '7',
          problem: 'missing',
          now: { revision: '6', hash: 'b'.repeat(64) },
        },
        {
          ...head,
          streamName: 'measure-m2',
          anchoredRevision: '3',
          problem: 'altered',
          now: { revision: '3', hash: 'c'.repeat(64) },
        },
      ],
      anchorProblems: [{ sequence: 3, anchoredAt: '2026-03-02T16:05:00Z', problem: 'other_key' }],
    });
    expect(summary.ok).toBe(false);
    expect(summary.title).toBe('校验未通过：发现 3 处问题（共 12 条事件流、340 个事件）');
    expect(summary.problems).toEqual([
      '事件流 measure-m1：第1号锚点（2026-03-02 00:05）锚定的第 7 版（aaaaaaaaaaaa…）已不存在，现在只到第 6 版（bbbbbbbbbbbb…），末尾事件被删除',
      '事件流 measure-m2：第1号锚点（2026-03-02 00:05）锚定的第 3 版（aaaaaaaaaaaa…）现在的哈希为 cccccccccccc…，历史被改写',
      '第3号锚点（2026-03-03 00:05）不是本院审计密钥签发的',
    ]);
  });
});
