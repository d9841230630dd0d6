import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@tracker/platform';
import * as argon2 from 'argon2';
import { randomBytes } from 'node:crypto';

/**
 * Argon2id, the OWASP-recommended password hash; the argon2 package ships prebuilt binaries. The
 * cost is the configuration's (PASSWORD_HASHING outside the in-process tests); a hash keeps its
 * own parameters, so verifying reads them from it.
 */
@Injectable()
export class PasswordHasher {
  /** Verified against when there is no account, so an unknown username takes as long as a known one. */
  private readonly decoy: Promise<string>;

  constructor(@Inject(APP_CONFIG) private readonly config: Pick<AppConfig, 'passwordHashing'>) {
    this.decoy = this.hash(randomBytes(32).toString('hex'));
  }

  hash(password: string): Promise<string> {
    const { memoryCost, timeCost, parallelism } = this.config.passwordHashing;
    return argon2.hash(password, { type: argon2.argon2id, memoryCost, timeCost, parallelism });
  }

  /** False for a wrong password, and always false (after the same work) when there is no hash. */
  async verify(hash: string | null, password: string): Promise<boolean> {
    try {
      const verified = await argon2.verify(hash ?? (await this.decoy), password);
      return hash !== null && verified;
    } catch {
      return false;
    }
  }
}
