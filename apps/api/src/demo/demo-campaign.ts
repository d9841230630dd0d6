import { DemoDepartment } from './demo-court';

/**
 * Modelled on a real court's report: "3 areas, 9 problems, 9 measures, each with a responsible
 * leader, department and deadline; wall-chart operation and sign-off management".
 * Days are relative to the day of seeding, so the demo always looks alive.
 */
export type DemoStep =
  | { day: number; by: 'department'; progress: { note: string; percent: number } }
  | { day: number; by: 'department'; requestExtension: { addDays: number; reason: string } }
  | { day: number; by: 'leader'; approveExtension: { opinion: string } }
  | { day: number; by: 'department'; submit: { summary: string; evidence: string } }
  | { day: number; by: 'leader'; signOff: { opinion: string } }
  | { day: number; by: 'leader'; reopen: { reason: string; newDueInDays: number } }
  | { day: number; by: 'department' | 'leader'; outcome: { title: string } };

export interface DemoProblem {
  area: string;
  title: string;
  rootCause: string;
  measure: {
    content: string;
    target: string;
    kind: 'immediate' | 'deadline' | 'long_term';
    leader: 'secretary' | 'vice1' | 'vice2';
    department: DemoDepartment;
    person: string;
    dueInDays?: number;
    reportEveryDays?: number;
    milestones?: { title: string; dueInDays: number }[];
    steps: DemoStep[];
  };
}

export const DEMO_CAMPAIGN = {
  title: '关于巡察反馈问题的整改（示例）',
  source: 'inspection_feedback' as const,
  issuedDaysAgo: 75,
  description:
    '根据市委第三巡察组反馈意见，院党组制定本整改方案：三个方面、九个问题、九条措施，逐项明确责任领导、责任部门和完成时限，实行挂图作战、销号管理。',
};

export const DEMO_PROBLEMS: DemoProblem[] = [
  {
    area: '政治建设方面',
    title: '党组理论学习中心组学习不够深入，学用结合不紧',
    rootCause: '学习计划针对性不强，研讨交流流于形式',
    measure: {
      content: '修订党组理论学习中心组学习制度，每季度开展一次专题研讨',
      target: '形成学习制度并按季度落实',
      kind: 'deadline',
      leader: 'secretary',
      department: '机关党委',
      person: '黄诚',
      dueInDays: -20,
      steps: [
        {
          day: -60,
          by: 'department',
          progress: { note: '已起草学习制度修订稿，征求党组成员意见', percent: 50 },
        },
        {
          day: -26,
          by: 'department',
          submit: {
            summary: '学习制度已经党组会审议通过并印发，首次专题研讨已开展',
            evidence: '党组会纪要、制度文本、研讨记录',
          },
        },
        { day: -22, by: 'leader', signOff: { opinion: '材料齐全，同意销号' } },
        { day: -22, by: 'leader', outcome: { title: '《党组理论学习中心组学习制度（修订）》' } },
      ],
    },
  },
  {
    area: '政治建设方面',
    title: '请示报告制度执行不严格，重大事项报告不及时',
    rootCause: '对请示报告事项范围把握不准',
    measure: {
      content: '梳理重大事项请示报告清单，开展一次专项培训',
      target: '清单覆盖全部重大事项，报告及时率100%',
      kind: 'immediate',
      leader: 'secretary',
      department: '办公室',
      person: '许静',
      dueInDays: -30,
      steps: [
        { day: -40, by: 'department', progress: { note: '报告事项清单初稿已完成', percent: 70 } },
        {
          day: -12,
          by: 'department',
          submit: { summary: '清单已印发，培训已组织，全院参训86人', evidence: '清单文件、培训签到表' },
        },
        { day: -9, by: 'leader', signOff: { opinion: '逾期完成，予以销号，提醒今后按期办结' } },
      ],
    },
  },
  {
    area: '政治建设方面',
    title: '意识形态工作责任制落实不到位',
    rootCause: '阵地管理存在薄弱环节',
    measure: {
      content: '建立意识形态工作定期分析研判机制，每月报告落实情况',
      target: '长期坚持，按月报告',
      kind: 'long_term',
      leader: 'vice2',
      department: '政治部',
      person: '马丽',
      reportEveryDays: 30,
      steps: [
        { day: -40, by: 'department', progress: { note: '第一次分析研判会已召开', percent: 30 } },
        {
          day: -10,
          by: 'department',
          progress: { note: '第二次分析研判会已召开，形成研判报告', percent: 50 },
        },
      ],
    },
  },
  {
    area: '审判执行方面',
    title: '立案登记窗口服务不规范，群众反映排队时间长',
    rootCause: '窗口力量配置不足，网上立案引导不够',
    measure: {
      content: '优化立案窗口设置，推行网上立案引导服务',
      target: '平均等候时间降至20分钟以内',
      kind: 'deadline',
      leader: 'vice1',
      department: '立案庭',
      person: '陈立',
      dueInDays: -5,
      steps: [
        { day: -15, by: 'department', progress: { note: '新增两个窗口，网上立案引导员已到岗', percent: 60 } },
      ],
    },
  },
  {
    area: '审判执行方面',
    title: '执行案款发放不及时',
    rootCause: '案款管理系统与执行流程衔接不畅',
    measure: {
      content: '开展执行案款专项清理，建立案款发放时限台账',
      target: '案款在到账后30日内发放',
      kind: 'deadline',
      leader: 'vice1',
      department: '执行局',
      person: '何峰',
      dueInDays: 2,
      steps: [
        {
          day: -7,
          by: 'department',
          progress: { note: '已清理历史案款412笔，剩余37笔正在核对', percent: 85 },
        },
      ],
    },
  },
  {
    area: '审判执行方面',
    title: '长期未结案件清理不够有力',
    rootCause: '审限管理预警机制不健全',
    measure: {
      content: '对一年以上未结案件逐案建立台账，挂牌督办',
      target: '长期未结案件下降50%',
      kind: 'deadline',
      leader: 'vice1',
      department: '民一庭',
      person: '刘洋',
      dueInDays: 10,
      milestones: [
        { title: '完成逐案台账', dueInDays: -30 },
        { title: '清结过半', dueInDays: 5 },
      ],
      steps: [
        { day: -35, by: 'department', progress: { note: '台账已建立，共58件', percent: 30 } },
        {
          day: -6,
          by: 'department',
          requestExtension: { addDays: 20, reason: '部分案件需等待鉴定结论，申请延期20天' },
        },
        { day: -4, by: 'leader', approveExtension: { opinion: '情况属实，同意延期' } },
        { day: -2, by: 'department', progress: { note: '已清结31件', percent: 55 } },
      ],
    },
  },
  {
    area: '队伍建设方面',
    title: '干警教育培训针对性不强',
    rootCause: '培训需求调研不充分',
    measure: {
      content: '开展培训需求调研，制定分类分层培训计划',
      target: '年度培训覆盖率100%',
      kind: 'deadline',
      leader: 'vice2',
      department: '政治部',
      person: '马丽',
      dueInDays: 5,
      steps: [
        { day: -20, by: 'department', progress: { note: '调研问卷已回收', percent: 60 } },
        {
          day: -1,
          by: 'department',
          submit: { summary: '年度培训计划已印发，首期培训已举办', evidence: '培训计划、课程表' },
        },
      ],
    },
  },
  {
    area: '队伍建设方面',
    title: '审判作风不够扎实，庭审规范化程度不高',
    rootCause: '庭审巡查发现问题后跟踪整改不到位',
    measure: {
      content: '开展庭审规范化专项检查，每月通报',
      target: '庭审规范化检查合格率95%以上',
      kind: 'deadline',
      leader: 'secretary',
      department: '刑事审判庭',
      person: '吴强',
      dueInDays: -40,
      steps: [
        {
          day: -42,
          by: 'department',
          submit: { summary: '已开展专项检查两轮并通报', evidence: '检查通报两期' },
        },
        { day: -38, by: 'leader', signOff: { opinion: '同意销号' } },
        {
          day: -4,
          by: 'leader',
          reopen: { reason: '回头看发现庭审迟到问题有反弹，重新整改', newDueInDays: 20 },
        },
      ],
    },
  },
  {
    area: '队伍建设方面',
    title: '廉政风险防控机制不健全',
    rootCause: '审判执行环节风险点排查不全面',
    measure: {
      content: '全面排查审判执行廉政风险点，制定防控办法',
      target: '风险点排查全覆盖，形成防控制度',
      kind: 'deadline',
      leader: 'vice2',
      department: '行政审判庭',
      person: '郑和',
      dueInDays: -15,
      steps: [
        { day: -45, by: 'department', progress: { note: '排查风险点46个', percent: 60 } },
        {
          day: -19,
          by: 'department',
          submit: { summary: '防控办法已印发执行', evidence: '制度文本、风险点清单' },
        },
        { day: -16, by: 'leader', signOff: { opinion: '同意销号' } },
        { day: -16, by: 'department', outcome: { title: '《审判执行廉政风险防控办法》' } },
      ],
    },
  },
];
