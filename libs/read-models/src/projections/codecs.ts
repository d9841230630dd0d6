import { DocumentCodec } from './document-table';

/**
 * Stores a document whose `field` is a bigint (a stream revision) with that field as an exact
 * decimal string: JSON has no bigint, and a revision must never be rounded.
 */
export function bigintField<T, K extends keyof T & string>(field: K): DocumentCodec<T> {
  return {
    encode: (doc) => ({ ...doc, [field]: String(doc[field]) }),
    decode: (stored) => {
      const doc = stored as Record<string, unknown>;
      return { ...doc, [field]: BigInt(doc[field] as string) } as T;
    },
  };
}
