import { ConfigError, loadConfig, PASSWORD_HASHING } from './app-config';

const SECRET = 'unit-secret-unit-secret-unit-secret-0123';
const load = (env: NodeJS.ProcessEnv) => loadConfig(env, () => 'generated-secret');

/** The problems a bad environment is refused with, as the operator reads them at start-up. */
function problemsOf(env: NodeJS.ProcessEnv): string[] {
  try {
    load(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('the configuration was accepted');
}

describe('HOST: the address the API listens on', () => {
  it('is every interface when unset or blank', () => {
    expect(load({}).host).toBeNull();
    expect(load({ HOST: '  ' }).host).toBeNull();
  });

  it.each(['127.0.0.1', '0.0.0.0', '::', '::1', '10.12.0.7', 'localhost', 'tracker.court.internal'])(
    'takes %s',
    (host) => {
      expect(load({ HOST: host }).host).toBe(host);
    },
  );

  it.each(['http://10.0.0.1', '10.0.0.1:3000', 'court server', '-bad-.example'])(
    'refuses %s, naming it',
    (host) => {
      const problems = problemsOf({ HOST: host });
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(/^HOST must be an IP address or host name/);
      expect(problems[0]).toContain(`"${host}"`);
    },
  );
});

describe('TRUST_PROXY: which reverse proxies may say who the client is', () => {
  it('trusts none by default', () => {
    expect(load({}).trustProxy).toBe(false);
    expect(load({ TRUST_PROXY: 'false' }).trustProxy).toBe(false);
    expect(load({ TRUST_PROXY: '0' }).trustProxy).toBe(false);
  });

  it('takes a number of proxies in front', () => {
    expect(load({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(load({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
  });

  it('takes addresses, subnets and the named ranges, comma-separated', () => {
    expect(load({ TRUST_PROXY: '10.0.0.5, 10.1.0.0/16,loopback, fd00::/8' }).trustProxy).toEqual([
      '10.0.0.5',
      '10.1.0.0/16',
      'loopback',
      'fd00::/8',
    ]);
  });

  it('refuses true, which would believe any client, and says what to give instead', () => {
    const problems = problemsOf({ TRUST_PROXY: 'true' });
    expect(problems).toEqual([expect.stringMatching(/^TRUST_PROXY=true .*number of reverse proxies/)]);
  });

  it.each([
    ['nginx', '"nginx"'],
    ['10.0.0.0/33', '"10.0.0.0/33"'],
    ['10.0.0.5,,10.0.0.6', '""'],
    ['-1', '"-1"'],
  ])('refuses %s, naming the entry that is not an address', (raw, named) => {
    const problems = problemsOf({ TRUST_PROXY: raw });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^TRUST_PROXY must be false, a number of proxies/);
    expect(problems[0]).toContain(`not an address: ${named}`);
  });
});

describe('API_DOCS: the OpenAPI page at /api/docs', () => {
  it('is served outside production', () => {
    expect(load({}).apiDocs).toBe(true);
    expect(load({ NODE_ENV: 'test' }).apiDocs).toBe(true);
  });

  it('is off in production unless API_DOCS=true', () => {
    expect(
      load({ NODE_ENV: 'production', JWT_SECRET: SECRET, AUDIT_KEY_FILE: '/etc/tracker/audit-key.pem' })
        .apiDocs,
    ).toBe(false);
    expect(
      load({ NODE_ENV: 'production', JWT_SECRET: SECRET, AUDIT_KEY_FILE: 'k.pem', API_DOCS: 'true' }).apiDocs,
    ).toBe(true);
  });

  it('can be turned off in development', () => {
    expect(load({ API_DOCS: 'false' }).apiDocs).toBe(false);
  });

  it('refuses a value that is not true or false', () => {
    expect(problemsOf({ API_DOCS: 'sometimes' })).toEqual([
      'API_DOCS must be true or false (got "sometimes")',
    ]);
  });

  it('names a misspelling of the new settings as unknown', () => {
    expect(problemsOf({ API_DOC: 'true' })).toEqual(['unknown setting API_DOC (did you mean API_DOCS?)']);
    expect(problemsOf({ TRUST_PROXYS: '1' })).toEqual([
      'unknown setting TRUST_PROXYS (did you mean TRUST_PROXY?)',
    ]);
  });
});

describe('COURT_NAME and BULLETIN_ISSUER: who the documents say they are from', () => {
  it('defaults to a placeholder court and its 党组 as issuing body', () => {
    expect(load({}).courtName).toBe('某某市某某区人民法院');
    expect(load({}).bulletinIssuer).toBe('中共某某市某某区人民法院党组');
  });

  it('takes the court name, and derives the issuing body from it unless that is set too', () => {
    expect(load({ COURT_NAME: ' 青山市东湖区人民法院 ' })).toMatchObject({
      courtName: '青山市东湖区人民法院',
      bulletinIssuer: '中共青山市东湖区人民法院党组',
    });
    expect(
      load({ COURT_NAME: '青山市东湖区人民法院', BULLETIN_ISSUER: '青山市东湖区人民法院督查室' }),
    ).toMatchObject({
      bulletinIssuer: '青山市东湖区人民法院督查室',
    });
  });

  it.each(['法', '=HYPERLINK("x")', 'a\nb', '某'.repeat(41)])(
    'refuses COURT_NAME %j, naming the setting',
    (name) => {
      const problems = problemsOf({ COURT_NAME: name });
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(/^COURT_NAME must be one line of 2 to 40 characters/);
    },
  );

  it('refuses a bad BULLETIN_ISSUER and names a misspelt one', () => {
    expect(problemsOf({ BULLETIN_ISSUER: '@x' })[0]).toMatch(/^BULLETIN_ISSUER must be/);
    expect(problemsOf({ BULLETIN_ISUER: 'x' })[0]).toMatch(/unknown setting BULLETIN_ISUER/);
  });
});

describe('evidence files: ATTACHMENT_MAX_MB, BLOB_STORE and the S3 settings', () => {
  const s3 = {
    BLOB_STORE: 's3',
    S3_BUCKET: 'court-evidence',
    S3_ACCESS_KEY_ID: 'tracker',
    S3_SECRET_ACCESS_KEY: 'secret-key',
  };

  it('takes 50 MB in DATA_DIR/blobs by default', () => {
    const config = load({});
    expect(config.attachmentMaxBytes).toBe(50 * 1024 * 1024);
    expect(config.blobStore).toEqual({ kind: 'filesystem' });
  });

  it('takes another limit in whole megabytes, and refuses anything else', () => {
    expect(load({ ATTACHMENT_MAX_MB: '200' }).attachmentMaxBytes).toBe(200 * 1024 * 1024);
    expect(problemsOf({ ATTACHMENT_MAX_MB: '0' })).toEqual([
      expect.stringMatching(/^ATTACHMENT_MAX_MB must be a whole number from 1 to 2048/),
    ]);
    expect(problemsOf({ ATTACHMENT_MAX_MB: '1.5' })).toHaveLength(1);
  });

  it('selects an S3-compatible bucket with its endpoint and credentials', () => {
    expect(load({ ...s3, S3_ENDPOINT: 'http://minio:9000' }).blobStore).toEqual({
      kind: 's3',
      endpoint: 'http://minio:9000',
      region: 'us-east-1',
      bucket: 'court-evidence',
      accessKeyId: 'tracker',
      secretAccessKey: 'secret-key',
      forcePathStyle: true,
      prefix: '',
    });
  });

  it('refuses S3 without its bucket and credentials, naming each, and never echoes the secret', () => {
    const problems = problemsOf({ BLOB_STORE: 's3', S3_SECRET_ACCESS_KEY: 'do-not-print' });
    expect(problems).toEqual([
      'S3_BUCKET is required when BLOB_STORE=s3',
      'S3_ACCESS_KEY_ID is required when BLOB_STORE=s3',
    ]);
    expect(problems.join(' ')).not.toContain('do-not-print');
  });

  it('refuses an unknown store, a bad endpoint or bucket, and S3 settings without BLOB_STORE=s3', () => {
    expect(problemsOf({ BLOB_STORE: 'nfs' })).toEqual([
      'BLOB_STORE must be "filesystem" or "s3" (got "nfs")',
    ]);
    expect(problemsOf({ ...s3, S3_ENDPOINT: 'minio:9000' })[0]).toMatch(/^S3_ENDPOINT must be an http/);
    expect(problemsOf({ ...s3, S3_BUCKET: 'Court_Evidence' })[0]).toMatch(/^S3_BUCKET must be a bucket name/);
    expect(problemsOf({ S3_BUCKET: 'court-evidence' })).toEqual([
      'S3_BUCKET applies only with BLOB_STORE=s3',
    ]);
    expect(problemsOf({ S3_BUKET: 'x' })).toEqual(['unknown setting S3_BUKET (did you mean S3_BUCKET?)']);
  });
});

describe('AUDIT_KEY_FILE: the key that signs audit anchors', () => {
  it('is DATA_DIR/audit-key.pem outside production, made on the first start', () => {
    expect(load({ DATA_DIR: '/srv/tracker' })).toMatchObject({
      auditKeyFile: '/srv/tracker/audit-key.pem',
      auditKeyMayBeCreated: true,
    });
  });

  it('must be named in production, where a missing file stops the start instead of making a new key', () => {
    expect(problemsOf({ NODE_ENV: 'production', JWT_SECRET: SECRET })).toEqual([
      expect.stringMatching(/^AUDIT_KEY_FILE is required when NODE_ENV=production/),
    ]);
    expect(
      load({ NODE_ENV: 'production', JWT_SECRET: SECRET, AUDIT_KEY_FILE: '/etc/tracker/audit-key.pem' }),
    ).toMatchObject({ auditKeyFile: '/etc/tracker/audit-key.pem', auditKeyMayBeCreated: false });
  });
});

describe('LOOK_BACK_MONTHS: 回头看 reminders after sign-off', () => {
  it('is 3 and 6 months when unset; empty turns the reminders off', () => {
    expect(load({}).lookBackMonths).toEqual([3, 6]);
    expect(load({ LOOK_BACK_MONTHS: '' }).lookBackMonths).toEqual([]);
    expect(load({ LOOK_BACK_MONTHS: '  ' }).lookBackMonths).toEqual([]);
  });

  it('takes a list of months, in any order and with spaces, ascending', () => {
    expect(load({ LOOK_BACK_MONTHS: '12, 1 ,6' }).lookBackMonths).toEqual([1, 6, 12]);
  });

  it.each(['0', '3,abc', '3;6', '121', '-3', '3,,6', '1.5'])('refuses "%s", naming it', (raw) => {
    const problems = problemsOf({ LOOK_BACK_MONTHS: raw });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^LOOK_BACK_MONTHS must be whole numbers of months from 1 to 120/);
    expect(problems[0]).toContain(`"${raw}"`);
  });

  it('refuses an interval listed twice', () => {
    expect(problemsOf({ LOOK_BACK_MONTHS: '3,6,3' })).toEqual([
      'LOOK_BACK_MONTHS lists an interval twice (got "3,6,3")',
    ]);
  });

  it('a misspelling is named', () => {
    expect(problemsOf({ LOOK_BACK_MONTH: '3' })[0]).toContain('did you mean LOOK_BACK_MONTHS?');
  });
});

describe('password hashing: always the production cost', () => {
  const production = { NODE_ENV: 'production', JWT_SECRET: SECRET, AUDIT_KEY_FILE: 'k.pem' };

  it('is argon2id at 64 MiB, 3 passes and 4 lanes in production and outside it', () => {
    const expected = { memoryCost: 65_536, timeCost: 3, parallelism: 4 };
    expect(PASSWORD_HASHING).toEqual(expected);
    expect(load(production).passwordHashing).toEqual(expected);
    expect(load({}).passwordHashing).toEqual(expected);
    expect(load({ NODE_ENV: 'test' }).passwordHashing).toEqual(expected);
  });

  it('has no setting that lowers it', () => {
    const tries = { PASSWORD_HASHING: '1', ARGON2_MEMORY_COST: '1024', ARGON2_TIME_COST: '1' };
    expect(load({ ...production, ...tries }).passwordHashing).toEqual(PASSWORD_HASHING);
  });
});
