/**
 * The measure's history in words: one sentence per event, with who did it and when, the way an
 * inspector reads a paper ledger ("2026-11-20 14:03 民一庭庭长 刘洋 报告进展：已完成初稿（60%）").
 * Pure, so the wording is unit-tested for every event type the domain records.
 */

/** One event as GET /api/v1/measures/:id/history returns it. */
export interface HistoryEvent {
  revision: string;
  type: string;
  recordedAt: string;
  actor: { userId: string; role: string; displayName: string | null };
  data: Record<string, unknown>;
}

export interface TimelineContext {
  /** The measure's department: a department head acts only on their own department's measures. */
  departmentName: string | null;
  /** Leaders who hold the secretary post; history records the role, not the post. */
  secretaryIds?: ReadonlySet<string>;
  /** To name a milestone an alert is about. */
  milestones?: readonly { milestoneId: string; title: string }[];
  /** The court's time zone (DESIGN: default Asia/Shanghai). */
  timeZone?: string;
}

export interface TimelineEntry {
  revision: string;
  type: string;
  /** "2026-11-20 14:03" in the court's time zone */
  time: string;
  /** "民一庭庭长 刘洋", or "系统" for what the scheduler recorded */
  who: string;
  text: string;
  /** The whole line: time, who and text. */
  sentence: string;
}

/** "2026-11-20 14:03" for an instant, read in the court's time zone. */
export function courtTime(iso: string, timeZone = 'Asia/Shanghai'): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(iso));
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}`;
}

/** The head's post from the department's name: 民一庭 → 民一庭庭长, 执行局 → 执行局局长, 办公室 → 办公室主任. */
export function headTitle(departmentName: string | null): string {
  if (!departmentName) return '部门负责人';
  if (departmentName.endsWith('庭')) return `${departmentName}庭长`;
  if (departmentName.endsWith('局')) return `${departmentName}局长`;
  if (departmentName.endsWith('室') || departmentName.endsWith('处')) return `${departmentName}主任`;
  return `${departmentName}负责人`;
}

export function actorLabel(actor: HistoryEvent['actor'], context: TimelineContext): string {
  if (actor.role === 'system') return '系统';
  const name = actor.displayName ?? actor.userId;
  switch (actor.role) {
    case 'leader':
      return `${context.secretaryIds?.has(actor.userId) ? '党组书记' : '党组成员'} ${name}`;
    case 'department_head':
      return `${headTitle(context.departmentName)} ${name}`;
    case 'inspector':
      return `纪检监察 ${name}`;
    case 'admin':
      return `系统管理员 ${name}`;
    default:
      return name;
  }
}

const str = (value: unknown): string =>
  typeof value === 'string' ? value : value == null ? '' : String(value);

function alertSubject(data: Record<string, unknown>, context: TimelineContext): string {
  switch (data.subject) {
    case 'milestone': {
      const title = context.milestones?.find((m) => m.milestoneId === data.milestoneId)?.title;
      return title ? `节点“${title}”` : '节点';
    }
    case 'report':
      return '本期进展报告';
    default:
      return '完成时限';
  }
}

/** The step of the supervision ladder the alert records, as the court's ladder named it. */
const stepName = (d: Record<string, unknown>, fallback: string): string =>
  typeof d.stepName === 'string' && d.stepName !== '' ? d.stepName : fallback;

const RECIPIENT: Record<string, string> = {
  department_head: '责任部门负责人',
  responsible_leader: '责任领导',
  secretary: '党组书记',
  inspectors: '纪检监察',
};

/** "，已送达责任部门负责人、责任领导": who the step went to. */
function sentTo(d: Record<string, unknown>, fallback = ''): string {
  if (!Array.isArray(d.recipients) || d.recipients.length === 0) return fallback;
  return `，已送达${d.recipients.map((r) => RECIPIENT[String(r)] ?? String(r)).join('、')}`;
}

/** "，附佐证材料2份" when a report or a submission cites files. */
function citedFiles(d: Record<string, unknown>): string {
  return Array.isArray(d.attachmentIds) && d.attachmentIds.length > 0
    ? `，附佐证材料${d.attachmentIds.length}份`
    : '';
}

/** What happened, in words, without who and when. */
export function describeEvent(event: Pick<HistoryEvent, 'type' | 'data'>, context: TimelineContext): string {
  const d = event.data;
  switch (event.type) {
    case 'MeasureAssigned': {
      const deadline =
        d.dueDate != null ? `完成时限 ${str(d.dueDate)}` : `长期坚持，每${str(d.reportEveryDays)}天报告一次`;
      return `交办整改措施 ${str(d.number)}：${str(d.content)}（${deadline}）`;
    }
    case 'ProgressReported':
      return `报告进展：${str(d.note)}（${str(d.percent)}%）${citedFiles(d)}`;
    case 'ExtensionRequested':
      return `申请延期：完成时限由 ${str(d.currentDueDate)} 延至 ${str(d.newDueDate)}，理由：${str(d.reason)}`;
    case 'ExtensionApproved':
      return `批准延期：完成时限由 ${str(d.previousDueDate)} 调整为 ${str(d.newDueDate)}${
        d.opinion ? `，意见：${str(d.opinion)}` : ''
      }`;
    case 'ExtensionRejected':
      return `不同意延期，理由：${str(d.reason)}`;
    case 'CompletionSubmitted':
      return `提交完成：${str(d.summary)}${d.evidence ? `（佐证材料：${str(d.evidence)}）` : ''}${citedFiles(d)}`;
    case 'EvidenceAttached':
      return `上传佐证材料：${str(d.fileName)}${d.note ? `（${str(d.note)}）` : ''}，SHA-256 ${str(d.sha256).slice(0, 16)}…`;
    case 'EvidenceWithdrawn':
      return `撤回佐证材料，理由：${str(d.reason)}（文件留存备查）`;
    case 'MeasureSignedOff': {
      const timing = d.onTime === true ? '（按期完成）' : d.onTime === false ? '（逾期完成）' : '';
      return `销号${timing}${d.opinion ? `，意见：${str(d.opinion)}` : ''}`;
    }
    case 'MeasureReturned':
      return `退回，理由：${str(d.reason)}`;
    case 'MeasureReopened':
      return `回头看重新打开，理由：${str(d.reason)}${d.newDueDate ? `，新的完成时限 ${str(d.newDueDate)}` : ''}`;
    case 'MeasureCancelled':
      return `撤销措施，理由：${str(d.reason)}`;
    case 'OutcomeRecorded':
      return `记录建章立制成果：${str(d.title)}`;
    case 'MeasureUrged':
      return `催办：${str(d.message)}`;
    case 'Reminded':
      return `${stepName(d, '督办提醒')}：${alertSubject(d, context)} ${str(d.dueDate)} 到期，剩余时间不多${sentTo(d)}`;
    case 'LookBackDue':
      return `回头看提醒：${str(d.signedOffOn)} 销号已满${str(d.months)}个月，请责任领导开展回头看`;
    case 'LookBackConfirmed':
      return `回头看确认未反弹：${str(d.finding)}`;
    case 'DueSoonWarned':
      return `${stepName(d, '临期提醒')}：${alertSubject(d, context)} ${str(d.dueDate)} 即将到期${sentTo(d)}`;
    case 'OverdueFlagged':
      return `${stepName(d, '逾期提醒')}：${alertSubject(d, context)} ${str(d.dueDate)} 已逾期${sentTo(d)}`;
    case 'Escalated':
      return `${stepName(d, '督办')}：${alertSubject(d, context)} ${str(d.dueDate)} 逾期未完成${sentTo(d, '，已报责任领导和纪检监察')}`;
    case 'AlertAcknowledged':
      return '已阅提醒';
    default:
      // A type this build does not know yet still shows, rather than vanish from the record.
      return `记录事件 ${event.type}`;
  }
}

export function timelineEntry(event: HistoryEvent, context: TimelineContext): TimelineEntry {
  const time = courtTime(event.recordedAt, context.timeZone);
  const who = actorLabel(event.actor, context);
  const text = describeEvent(event, context);
  return { revision: event.revision, type: event.type, time, who, text, sentence: `${time} ${who} ${text}` };
}

/** Newest first: the latest step is what the reader looks for. */
export function timeline(events: readonly HistoryEvent[], context: TimelineContext): TimelineEntry[] {
  return events.map((e) => timelineEntry(e, context)).reverse();
}
