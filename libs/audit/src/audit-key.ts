import { createPrivateKey, createPublicKey, generateKeyPairSync, KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { keyIdOf } from './statement';

/** The court's Ed25519 signing key for audit anchors (AUDIT_KEY_FILE, PEM PKCS#8). */
export interface AuditKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** SPKI PEM: what GET /audit/public-key and every audit export give out. */
  publicKeyPem: string;
  keyId: string;
}

export class AuditKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AuditKeyError';
  }
}

/**
 * Reads the key file; when it does not exist and `create` is allowed (outside production), makes
 * a new key there, readable by its owner only. A file that is not an Ed25519 private key is refused.
 */
export function openAuditKey(file: string, create: boolean): { key: AuditKey; created: boolean } {
  if (!existsSync(file)) {
    if (!create)
      throw new AuditKeyError(
        `AUDIT_KEY_FILE ${file} does not exist: production needs the court's audit signing key (see docs/operations.md)`,
      );
    const { privateKey } = generateKeyPairSync('ed25519');
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' });
    return { key: fromPrivateKey(privateKey), created: true };
  }
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(readFileSync(file));
  } catch (error) {
    throw new AuditKeyError(`AUDIT_KEY_FILE ${file} is not a PEM private key: ${(error as Error).message}`);
  }
  if (privateKey.asymmetricKeyType !== 'ed25519')
    throw new AuditKeyError(
      `AUDIT_KEY_FILE ${file} holds a ${privateKey.asymmetricKeyType} key; audit anchors are signed with Ed25519`,
    );
  return { key: fromPrivateKey(privateKey), created: false };
}

function fromPrivateKey(privateKey: KeyObject): AuditKey {
  const publicKey = createPublicKey(privateKey);
  return {
    privateKey,
    publicKey,
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    keyId: keyIdOf(publicKey),
  };
}
