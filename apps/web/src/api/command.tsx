import { Alert, Button, FormInstance } from 'antd';
import { ReactNode, useState } from 'react';
import { formErrors, newIdempotencyKey } from '../lib/forms';
import { api, ApiError } from './client';

/**
 * One form's POST: the same Idempotency-Key for every submission of this opening of the form (a double
 * click or a retry records once), a new one after success; the API's refusals go beside their fields.
 */
export function useCommand(form: FormInstance, known: string[]) {
  const [key, setKey] = useState(() => newIdempotencyKey());
  const [pending, setPending] = useState(false);
  const [problems, setProblems] = useState<string[]>([]);
  async function send<T>(path: string, body: unknown, method: 'POST' | 'PATCH' = 'POST'): Promise<T | null> {
    setPending(true);
    setProblems([]);
    try {
      const result = await api<T>(path, { method, body, headers: { 'Idempotency-Key': key } });
      setKey(newIdempotencyKey());
      return result;
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      const { fields, other } = formErrors(error.errors, known);
      form.setFields(fields);
      setProblems(fields.length === 0 && other.length === 0 ? [error.message] : other);
      return null;
    } finally {
      setPending(false);
    }
  }
  const banner =
    problems.length > 0 ? (
      <Alert
        type="error"
        showIcon
        title="未能保存"
        description={problems.join('；')}
        style={{ marginBottom: 16 }}
      />
    ) : null;
  const patch = <T,>(path: string, body: unknown) => send<T>(path, body, 'PATCH');
  return { send, patch, pending, banner };
}

/** The note after a form succeeded, with a link to what it created and a way to start again. */
export function Created({ children, onAgain }: { children: ReactNode; onAgain: () => void }) {
  return (
    <Alert
      type="success"
      showIcon
      role="status"
      data-testid="created"
      title={children}
      action={
        <Button size="small" onClick={onAgain}>
          继续新建
        </Button>
      }
      style={{ marginBottom: 16 }}
    />
  );
}
