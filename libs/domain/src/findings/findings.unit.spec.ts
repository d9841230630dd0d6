import {
  DEFAULT_FINDING_SETTINGS,
  Finding,
  FindingInput,
  findingsOf,
  noteEvent,
  startFindings,
} from './findings';

/**
 * Given this history (events with who and when, court time UTC+8), then these findings.
 * Instants are written in court time; `head` is 民一庭's head, `leader` a Party-group member.
 */
const SETTINGS = { ...DEFAULT_FINDING_SETTINGS, timeZone: 'Asia/Shanghai' };
type Given = { type: string; data: object; by: string; at: string; stream?: string };

function given(history: Given[], settings = SETTINGS) {
  const fold = startFindings(settings);
  history.forEach((g, i) => {
    const input: FindingInput = {
      position: String(i + 1),
      streamName: g.stream ?? `measure-${(g.data as { measureId?: string }).measureId ?? 'm1'}`,
      type: g.type,
      data: g.data,
      actor: { userId: g.by, role: ROLE[g.by] ?? 'department_head' },
      recordedAt: new Date(`${g.at}+08:00`).toISOString(),
    };
    noteEvent(fold, input);
  });
  return {
    thenFindings(expected: Partial<Finding>[]) {
      expect(findingsOf(fold)).toEqual(expected.map((f) => expect.objectContaining(f)));
    },
  };
}

const ROLE: Record<string, string> = {
  leader: 'leader',
  civilLeader: 'leader',
  head: 'department_head',
  system: 'system',
};

const registered = (userId: string, departmentId: string | null): Given => ({
  type: 'UserRegistered',
  data: { userId, departmentId, role: ROLE[userId] },
  by: 'admin',
  at: '2026-03-01T09:00:00',
  stream: 'directory',
});
const assigned = (measureId = 'm1', dueDate = '2026-04-30'): Given => ({
  type: 'MeasureAssigned',
  data: { measureId, dueDate },
  by: 'leader',
  at: '2026-03-02T09:00:00',
});
const approved = (at: string, previousDueDate: string, newDueDate: string, measureId = 'm1'): Given => ({
  type: 'ExtensionApproved',
  data: { measureId, requestId: `r-${newDueDate}`, previousDueDate, newDueDate },
  by: 'leader',
  at,
});
const submitted = (at: string, measureId = 'm1'): Given => ({
  type: 'CompletionSubmitted',
  data: { measureId },
  by: 'head',
  at,
});
const signedOff = (at: string, signedOffOn: string, by = 'leader', measureId = 'm1'): Given => ({
  type: 'MeasureSignedOff',
  data: { measureId, signedOffOn },
  by,
  at,
});
const directory = [
  registered('head', 'd-civil'),
  registered('leader', null),
  registered('civilLeader', 'd-civil'),
];

describe('findings: what deserves an inspector’s look', () => {
  it('finds nothing in an ordinary history: extended once in time, submitted and signed off by day', () => {
    given([
      ...directory,
      assigned(),
      approved('2026-04-20T10:00:00', '2026-04-30', '2026-05-31'),
      submitted('2026-04-25T10:00:00'),
      signedOff('2026-04-25T15:00:00', '2026-04-25'),
    ]).thenFindings([]);
  });

  describe('an extension approved after the deadline had passed', () => {
    it('is a finding from the day after the deadline, court time', () => {
      given([
        ...directory,
        assigned(),
        approved('2026-05-01T08:00:00', '2026-04-30', '2026-05-31'),
      ]).thenFindings([
        {
          rule: 'late_extension_approval',
          measureId: 'm1',
          streamName: 'measure-m1',
          previousDueDate: '2026-04-30',
          approvedOn: '2026-05-01',
          approvedBy: 'leader',
        },
      ]);
    });

    it('is not one on the deadline day itself, even late in the evening', () => {
      given([
        ...directory,
        assigned(),
        approved('2026-04-30T23:30:00', '2026-04-30', '2026-05-31'),
      ]).thenFindings([]);
    });
  });

  describe('a measure extended more than twice', () => {
    const thrice = [
      approved('2026-04-01T10:00:00', '2026-04-30', '2026-05-31'),
      approved('2026-05-01T10:00:00', '2026-05-31', '2026-06-30'),
      approved('2026-06-01T10:00:00', '2026-06-30', '2026-07-31'),
    ];

    it('is not a finding at two extensions', () => {
      given([...directory, assigned(), ...thrice.slice(0, 2)]).thenFindings([]);
    });

    it('is one finding at the third, updated (not repeated) at the fourth', () => {
      given([...directory, assigned(), ...thrice]).thenFindings([
        { rule: 'repeated_extensions', extensions: 3 },
      ]);
      given([
        ...directory,
        assigned(),
        ...thrice,
        approved('2026-07-01T10:00:00', '2026-07-31', '2026-08-31'),
      ]).thenFindings([{ rule: 'repeated_extensions', extensions: 4, position: '8' }]);
    });

    it('follows the setting', () => {
      given([...directory, assigned(), ...thrice.slice(0, 2)], {
        ...SETTINGS,
        maxExtensions: 1,
      }).thenFindings([{ rule: 'repeated_extensions', extensions: 2 }]);
    });
  });

  describe('completion submitted and signed off within ten minutes by people of one department', () => {
    it('is a finding when the leader who signs off belongs to the submitter’s department', () => {
      given([
        ...directory,
        assigned(),
        submitted('2026-04-20T10:00:00'),
        signedOff('2026-04-20T10:09:00', '2026-04-20', 'civilLeader'),
      ]).thenFindings([
        {
          rule: 'quick_same_department_sign_off',
          submittedBy: 'head',
          signedOffBy: 'civilLeader',
          departmentId: 'd-civil',
          minutes: 9,
        },
      ]);
    });

    it('is not one after eleven minutes, nor within ten by a leader of no department', () => {
      given([
        ...directory,
        assigned('m1'),
        assigned('m2'),
        submitted('2026-04-20T10:00:00', 'm1'),
        signedOff('2026-04-20T10:11:00', '2026-04-20', 'civilLeader', 'm1'),
        submitted('2026-04-20T10:00:00', 'm2'),
        signedOff('2026-04-20T10:02:00', '2026-04-20', 'leader', 'm2'),
      ]).thenFindings([]);
    });

    it('reads the department the signer held at the time', () => {
      given([
        ...directory,
        {
          type: 'UserPositionChanged',
          data: { userId: 'leader', departmentId: 'd-civil' },
          by: 'admin',
          at: '2026-04-01T09:00:00',
          stream: 'directory',
        },
        assigned(),
        submitted('2026-04-20T10:00:00'),
        signedOff('2026-04-20T10:05:00', '2026-04-20', 'leader'),
      ]).thenFindings([{ rule: 'quick_same_department_sign_off', signedOffBy: 'leader' }]);
    });
  });

  describe('on time only against an extended deadline', () => {
    it('is a finding when signed off after the original deadline but by the extended one', () => {
      given([
        ...directory,
        assigned(),
        approved('2026-04-20T10:00:00', '2026-04-30', '2026-05-31'),
        submitted('2026-05-10T10:00:00'),
        signedOff('2026-05-12T10:00:00', '2026-05-12'),
      ]).thenFindings([
        {
          rule: 'on_time_only_by_extension',
          originalDueDate: '2026-04-30',
          dueDate: '2026-05-31',
          signedOffOn: '2026-05-12',
        },
      ]);
    });

    it('is not one when signed off by the original deadline, or late even against the extension', () => {
      given([
        ...directory,
        assigned('m1'),
        approved('2026-04-20T10:00:00', '2026-04-30', '2026-05-31', 'm1'),
        signedOff('2026-04-29T10:00:00', '2026-04-29', 'leader', 'm1'),
        assigned('m2'),
        approved('2026-04-20T10:00:00', '2026-04-30', '2026-05-31', 'm2'),
        signedOff('2026-06-02T10:00:00', '2026-06-02', 'leader', 'm2'),
      ]).thenFindings([]);
    });
  });

  describe('sign-offs and approvals recorded between 00:00 and 06:00 court time', () => {
    it('finds a sign-off at 05:59 and an approval at 00:00, not a sign-off at 06:00', () => {
      given([
        ...directory,
        assigned('m1'),
        assigned('m2'),
        assigned('m3'),
        signedOff('2026-04-20T05:59:00', '2026-04-20', 'leader', 'm1'),
        approved('2026-04-21T00:00:00', '2026-04-30', '2026-05-31', 'm2'),
        signedOff('2026-04-20T06:00:00', '2026-04-20', 'leader', 'm3'),
      ]).thenFindings([
        { rule: 'night_decision', decision: 'sign_off', measureId: 'm1', actorId: 'leader' },
        { rule: 'night_decision', decision: 'extension_approval', measureId: 'm2' },
      ]);
    });

    it('reads the hours in the court’s time zone, not in UTC', () => {
      // 09:00 court time is 01:00 UTC: night in UTC, office hours at the court.
      given([...directory, assigned(), signedOff('2026-04-20T09:00:00', '2026-04-20')]).thenFindings([]);
    });
  });

  describe('more than 50 writes by one account within ten minutes', () => {
    const progress = (n: number, minute: number, by = 'head'): Given => ({
      type: 'ProgressReported',
      data: { measureId: 'm1', n },
      by,
      at: `2026-04-20T10:${String(minute).padStart(2, '0')}:${String(n % 60).padStart(2, '0')}`,
    });

    it('is one finding for 51 writes in nine minutes, counting every write of the burst', () => {
      const burst = Array.from({ length: 55 }, (_, n) => progress(n, Math.floor(n / 7)));
      given([...directory, assigned(), ...burst]).thenFindings([
        { rule: 'write_burst', actorId: 'head', measureId: null, streamName: null, writes: 55 },
      ]);
    });

    it('is none for 50, nor for 51 spread over more than ten minutes, nor for the system', () => {
      const fifty = Array.from({ length: 50 }, (_, n) => progress(n, Math.floor(n / 6)));
      const spread = Array.from({ length: 51 }, (_, n) => ({
        ...progress(n, 0, 'leader'),
        at: `2026-04-21T${String(10 + Math.floor((n * 12) / 60)).padStart(2, '0')}:${String((n * 12) % 60).padStart(2, '0')}:00`,
      }));
      const system = Array.from({ length: 60 }, (_, n) => progress(n, 0, 'system'));
      given([...directory, assigned(), ...fifty, ...spread, ...system]).thenFindings([]);
    });

    it('does not count the access log: reads and sign-ins are not writes', () => {
      const reads = Array.from({ length: 60 }, (_, n) => ({
        ...progress(n, 0),
        type: 'SensitiveRead',
        stream: 'access-2026-04-20',
      }));
      given([...directory, ...reads]).thenFindings([]);
    });
  });
});
