import { Role } from '@tracker/domain';

/** The demo court: a basic-level people's court (基层人民法院) with its usual divisions. */
export const DEMO_DEPARTMENTS = [
  '立案庭',
  '民一庭',
  '民二庭',
  '刑事审判庭',
  '行政审判庭',
  '执行局',
  '办公室',
  '政治部',
  '机关党委',
  '纪检监察室',
] as const;
export type DemoDepartment = (typeof DEMO_DEPARTMENTS)[number];

/** Demo passwords are public by design; production never seeds them. */
export const DEMO_PASSWORD = 'Demo@2026';

export interface DemoUser {
  key: string;
  username: string;
  displayName: string;
  role: Role;
  department: DemoDepartment | null;
  secretary?: boolean;
  title: string;
}

export const DEMO_USERS: DemoUser[] = [
  {
    key: 'admin',
    username: 'admin',
    displayName: '系统管理员',
    role: 'admin',
    department: '办公室',
    title: '系统管理员',
  },
  {
    key: 'secretary',
    username: 'shuji',
    displayName: '王建国',
    role: 'leader',
    department: null,
    secretary: true,
    title: '党组书记、院长',
  },
  {
    key: 'vice1',
    username: 'limin',
    displayName: '李敏',
    role: 'leader',
    department: null,
    title: '党组成员、副院长',
  },
  {
    key: 'vice2',
    username: 'zhaogang',
    displayName: '赵刚',
    role: 'leader',
    department: null,
    title: '党组成员、政治部主任',
  },
  {
    key: 'inspector',
    username: 'jijian',
    displayName: '周正',
    role: 'inspector',
    department: '纪检监察室',
    title: '纪检监察室主任',
  },
  {
    key: '立案庭',
    username: 'lian',
    displayName: '陈立',
    role: 'department_head',
    department: '立案庭',
    title: '立案庭庭长',
  },
  {
    key: '民一庭',
    username: 'minyi',
    displayName: '刘洋',
    role: 'department_head',
    department: '民一庭',
    title: '民一庭庭长',
  },
  {
    key: '民二庭',
    username: 'miner',
    displayName: '孙悦',
    role: 'department_head',
    department: '民二庭',
    title: '民二庭庭长',
  },
  {
    key: '刑事审判庭',
    username: 'xingshi',
    displayName: '吴强',
    role: 'department_head',
    department: '刑事审判庭',
    title: '刑事审判庭庭长',
  },
  {
    key: '行政审判庭',
    username: 'xingzheng',
    displayName: '郑和',
    role: 'department_head',
    department: '行政审判庭',
    title: '行政审判庭庭长',
  },
  {
    key: '执行局',
    username: 'zhixing',
    displayName: '何峰',
    role: 'department_head',
    department: '执行局',
    title: '执行局局长',
  },
  {
    key: '办公室',
    username: 'bangongshi',
    displayName: '许静',
    role: 'department_head',
    department: '办公室',
    title: '办公室主任',
  },
  {
    key: '政治部',
    username: 'zhengzhibu',
    displayName: '马丽',
    role: 'department_head',
    department: '政治部',
    title: '政治部副主任',
  },
  {
    key: '机关党委',
    username: 'dangwei',
    displayName: '黄诚',
    role: 'department_head',
    department: '机关党委',
    title: '机关党委专职副书记',
  },
];
