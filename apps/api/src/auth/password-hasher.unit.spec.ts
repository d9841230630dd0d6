import { PASSWORD_HASHING } from '@tracker/platform';
import { PasswordHasher } from './password-hasher';

describe('PasswordHasher', () => {
  it('hashes with argon2id at the configured cost: the production one is encoded as m=65536,p=4,t=3', async () => {
    const hasher = new PasswordHasher({ passwordHashing: { ...PASSWORD_HASHING } });
    const hash = await hasher.hash('Qiang-Mima-2026!');
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=65536,p=4,t=3\$/);
    expect(await hasher.verify(hash, 'Qiang-Mima-2026!')).toBe(true);
    expect(await hasher.verify(hash, 'qiang-mima-2026!')).toBe(false);
  });

  it('verifies a hash by the parameters it carries, whatever the cost it now hashes at', async () => {
    const production = await new PasswordHasher({ passwordHashing: { ...PASSWORD_HASHING } }).hash('x-2026');
    const cheap = new PasswordHasher({ passwordHashing: { memoryCost: 1024, timeCost: 1, parallelism: 1 } });
    expect(await cheap.hash('x-2026')).toMatch(/^\$argon2id\$v=19\$m=1024,p=1,t=1\$/);
    expect(await cheap.verify(production, 'x-2026')).toBe(true);
  });

  it('refuses every password when there is no account, and a hash it cannot read', async () => {
    const hasher = new PasswordHasher({ passwordHashing: { ...PASSWORD_HASHING } });
    expect(await hasher.verify(null, 'anything')).toBe(false);
    expect(await hasher.verify('not-a-hash', 'anything')).toBe(false);
  });
});
