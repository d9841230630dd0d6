import { Logger, Provider } from '@nestjs/common';
import { Anchorer, AuditKey, openAuditKey } from '@tracker/audit';
import { Clock } from '@tracker/command-path';
import { EVENT_STORE, EventStore } from '@tracker/event-store';
import { AppConfig } from './app-config';

/** The court's audit signing key (AUDIT_KEY_FILE), opened once at start so a bad file stops the start. */
export const AUDIT_KEY = Symbol('AUDIT_KEY');

export function auditProviders(config: AppConfig): Provider[] {
  return [
    {
      provide: AUDIT_KEY,
      useFactory: (): AuditKey => {
        const { key, created } = openAuditKey(config.auditKeyFile, config.auditKeyMayBeCreated);
        if (created)
          new Logger('Audit').warn(
            `Generated the audit signing key ${config.auditKeyFile} (key ${key.keyId}); keep a copy of it: anchors are verified with its public key`,
          );
        return key;
      },
    },
    {
      provide: Anchorer,
      useFactory: (store: EventStore, clock: Clock, key: AuditKey) => new Anchorer(store, clock, key),
      inject: [EVENT_STORE, Clock, AUDIT_KEY],
    },
  ];
}
