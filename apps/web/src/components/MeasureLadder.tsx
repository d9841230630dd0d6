import { Space, Steps, Tag, Typography } from 'antd';
import { alertLevel } from '../lib/labels';
import { currentIndex, LadderItem, LadderState, noticeText, recipientsText } from '../lib/ladder';
import { CourtLadderLink } from './CourtLadder';

const STATE_TAG: Record<LadderState, string | undefined> = {
  recorded: 'success',
  today: 'warning',
  reached: 'warning',
  future: undefined,
  moot: undefined,
};

function status(item: LadderItem): 'wait' | 'process' | 'finish' {
  if (item.current) return 'process';
  return item.state === 'recorded' || item.state === 'today' || item.state === 'reached' ? 'finish' : 'wait';
}

/**
 * 督办阶梯 over a measure's current deadline: each step's day, whom it goes to, the notice it
 * issues and where it stands, the step reached today highlighted.
 */
export function MeasureLadder({ items }: { items: LadderItem[] }) {
  const current = items.find((i) => i.current);
  return (
    <Space orientation="vertical" size="small" style={{ width: '100%' }} data-testid="ladder">
      <Space size={8} wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Text data-testid="ladder-current">
          当前督办环节：
          {current ? (
            <Tag color={alertLevel(current.level).color}>{current.name}</Tag>
          ) : (
            <Typography.Text type="secondary">尚未进入督办环节</Typography.Text>
          )}
        </Typography.Text>
        <CourtLadderLink />
      </Space>
      <Steps
        size="small"
        orientation={items.length > 4 ? 'vertical' : 'horizontal'}
        responsive
        // antd styles the item at `current` as the active one (and those after it as ahead).
        current={Math.max(0, currentIndex(items))}
        items={items.map((item) => {
          const notice = noticeText(item);
          return {
            key: item.id,
            className: `ladder-step state-${item.state}${item.current ? ' is-current' : ''}`,
            status: status(item),
            title: (
              <span style={item.current ? { fontWeight: 600 } : undefined}>
                {item.name}
                {item.current && (
                  <Tag color={alertLevel(item.level).color} style={{ marginInlineStart: 6 }}>
                    当前
                  </Tag>
                )}
              </span>
            ),
            content: (
              <div className="ladder-step-content">
                <div>
                  {item.reachedOn}
                  <Typography.Text type="secondary">（{item.when}）</Typography.Text>
                </div>
                <div>
                  <Tag color={STATE_TAG[item.state]} data-testid="ladder-state">
                    {item.stateLabel}
                  </Tag>
                </div>
                <div>送达{recipientsText(item.recipients)}</div>
                {notice && <div>{notice}</div>}
              </div>
            ),
          };
        })}
      />
    </Space>
  );
}
