import {
  accountBody,
  changeAccountBody,
  ACCOUNT_ROLES,
  fieldPath,
  formErrors,
  kindHasDeadline,
  measureBody,
  newIdempotencyKey,
  sourceLabel,
} from './forms';

describe('measureBody', () => {
  const base = {
    content: '  建立立案材料清单  ',
    kind: 'deadline' as const,
    responsibleLeaderId: 'u-leader',
    departmentId: 'd-1',
    responsiblePerson: ' 王芳 ',
  };

  it('sends a deadline measure with its due date, trimmed text and no blank target', () => {
    expect(measureBody({ ...base, target: '   ', dueDate: '2026-12-31', reportEveryDays: 30 })).toEqual({
      content: '建立立案材料清单',
      kind: 'deadline',
      responsibleLeaderId: 'u-leader',
      departmentId: 'd-1',
      responsiblePerson: '王芳',
      dueDate: '2026-12-31',
    });
  });

  it('sends a long-term measure with its reporting period and never a stale deadline', () => {
    const body = measureBody({ ...base, kind: 'long_term', dueDate: '2026-12-31', reportEveryDays: 30 });
    expect(body.reportEveryDays).toBe(30);
    expect(body).not.toHaveProperty('dueDate');
  });

  it('keeps filled milestones in order and drops the empty rows of the dynamic list', () => {
    const body = measureBody({
      ...base,
      target: '材料一次告知',
      dueDate: '2026-12-31',
      milestones: [{ title: '形成初稿', dueDate: '2026-12-10' }, undefined, { title: ' ', dueDate: null }],
    });
    expect(body.target).toBe('材料一次告知');
    expect(body.milestones).toEqual([{ title: '形成初稿', dueDate: '2026-12-10' }]);
    expect(measureBody({ ...base, dueDate: '2026-12-31', milestones: [] })).not.toHaveProperty('milestones');
  });

  it('knows which kinds end on a deadline', () => {
    expect(kindHasDeadline('immediate')).toBe(true);
    expect(kindHasDeadline('deadline')).toBe(true);
    expect(kindHasDeadline('long_term')).toBe(false);
  });
});

describe('formErrors', () => {
  it('puts each API message beside the form field it names, nested ones included', () => {
    const result = formErrors(
      [
        { field: 'content', rule: 'isNotEmpty', message: '整改措施不能为空' },
        { field: 'content', rule: 'isString', message: '整改措施须为文本' },
        { field: 'milestones.1.dueDate', rule: 'isCalendarDate', message: '节点时间须为有效日期' },
        { field: 'Idempotency-Key', rule: 'format', message: 'Idempotency-Key 格式错误' },
      ],
      ['content', 'milestones'],
    );
    expect(result.fields).toEqual([
      { name: ['content'], errors: ['整改措施不能为空', '整改措施须为文本'] },
      { name: ['milestones', 1, 'dueDate'], errors: ['节点时间须为有效日期'] },
    ]);
    expect(result.other).toEqual(['Idempotency-Key 格式错误']);
    expect(fieldPath('title')).toEqual(['title']);
  });
});

describe('labels and keys', () => {
  it('names campaign sources in Chinese and makes a key the server accepts', () => {
    expect(sourceLabel('inspection_feedback')).toBe('巡视巡察反馈');
    expect(sourceLabel('unknown')).toBe('unknown');
    const key = newIdempotencyKey(() => '3b2c-11');
    expect(key).toBe('web-3b2c-11');
    expect(key).toMatch(/^[A-Za-z0-9._:-]{1,128}$/);
  });
});

describe('accountBody', () => {
  const base = { username: ' wangfang ', password: ' Secret@2026', displayName: ' 王芳 ' };

  it('sends a department only for a department head', () => {
    expect(accountBody({ ...base, role: 'department_head', departmentId: 'd-1', secretary: true })).toEqual({
      username: 'wangfang',
      password: ' Secret@2026',
      displayName: '王芳',
      role: 'department_head',
      departmentId: 'd-1',
    });
    expect(accountBody({ ...base, role: 'inspector', departmentId: 'd-1' })).not.toHaveProperty(
      'departmentId',
    );
  });

  it('sends the secretary flag only for a leader', () => {
    expect(accountBody({ ...base, role: 'leader', secretary: true }).secretary).toBe(true);
    expect(accountBody({ ...base, role: 'leader' }).secretary).toBe(false);
    expect(accountBody({ ...base, role: 'admin', secretary: true })).not.toHaveProperty('secretary');
    expect(ACCOUNT_ROLES.map((r) => r.value)).toEqual(['leader', 'department_head', 'inspector', 'admin']);
  });
});

describe('changeAccountBody', () => {
  const head = {
    displayName: '王芳',
    role: 'department_head' as const,
    departmentId: 'd-1',
    secretary: false,
  };

  it('sends nothing when nothing changed, and a trimmed new name alone when only the name did', () => {
    expect(
      changeAccountBody(head, { displayName: ' 王芳 ', role: 'department_head', departmentId: 'd-1' }),
    ).toEqual({});
    expect(
      changeAccountBody(head, { displayName: ' 王芳芳 ', role: 'department_head', departmentId: 'd-1' }),
    ).toEqual({
      displayName: '王芳芳',
    });
  });

  it('a department head made a leader leaves the department; the secretary post only for a leader', () => {
    expect(
      changeAccountBody(head, { displayName: '王芳', role: 'leader', departmentId: 'd-1', secretary: true }),
    ).toEqual({
      role: 'leader',
      departmentId: null,
      secretary: true,
    });
    const secretary = { displayName: '张', role: 'leader' as const, departmentId: null, secretary: true };
    expect(changeAccountBody(secretary, { displayName: '张', role: 'inspector', secretary: true })).toEqual({
      role: 'inspector',
      secretary: false,
    });
  });
});
