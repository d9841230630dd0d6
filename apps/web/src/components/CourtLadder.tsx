import { Alert, Button, Drawer, List, Skeleton, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useSupervisionLadder } from '../api/queries';
import { alertLevel } from '../lib/labels';
import { noticeText, recipientsText, triggerText } from '../lib/ladder';

/**
 * 本院督办阶梯: the court's steps, lowest first, each in a line — when it is reached, what it is,
 * whom it goes to and which notice it issues. The rules every user works under.
 */
export function CourtLadder() {
  const ladder = useSupervisionLadder();
  if (ladder.isPending) return <Skeleton active paragraph={{ rows: 3 }} />;
  if (ladder.isError) return <Alert type="error" showIcon title={ladder.error.message} />;
  return (
    <List
      size="small"
      data-testid="court-ladder"
      dataSource={ladder.data.steps}
      locale={{ emptyText: '本院未配置督办阶梯' }}
      renderItem={(step, n) => {
        const level = alertLevel(step.level);
        const notice = noticeText(step);
        return (
          <List.Item data-testid="court-ladder-step" data-step-id={step.id}>
            <div>
              <Typography.Text type="secondary" style={{ marginInlineEnd: 8 }}>
                第{n + 1}步
              </Typography.Text>
              <Typography.Text strong>{triggerText(step.trigger)}</Typography.Text>
              {' · '}
              <Tag color={level.color} style={{ marginInlineEnd: 0 }}>
                {step.name}
              </Tag>
              {` · 送达${recipientsText(step.recipients)}`}
              {notice && ` · ${notice}`}
              {step.milestones && (
                <Typography.Text type="secondary" style={{ marginInlineStart: 8 }}>
                  （各节点同样适用）
                </Typography.Text>
              )}
            </div>
          </List.Item>
        );
      }}
    />
  );
}

/** A link that opens the court's ladder in a drawer, for pages that only refer to it. */
export function CourtLadderLink({ label = '本院督办阶梯' }: { label?: string }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button type="link" size="small" style={{ padding: 0 }} onClick={() => setOpen(true)}>
        {label}
      </Button>
      <Drawer title="本院督办阶梯" open={open} onClose={() => setOpen(false)} size={560} destroyOnHidden>
        <Typography.Paragraph type="secondary">
          整改措施临近或超过完成时限时，系统按下列环节逐级提醒、督办，每个环节只触发一次；制发的督办单在“督办单”中签收、回复。
        </Typography.Paragraph>
        <CourtLadder />
      </Drawer>
    </>
  );
}
