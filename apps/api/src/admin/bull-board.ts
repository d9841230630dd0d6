import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { getQueueToken } from '@nestjs/bullmq';
import { INestApplication } from '@nestjs/common';
import { Queue } from 'bullmq';
import { NextFunction, Request, Response } from 'express';
import { UNAUTHENTICATED } from '../auth/token-user';
import { bearerToken } from '../auth/jwt-auth.guard';
import { Sessions } from '../auth/sessions';
import { QUEUES } from '@tracker/scheduling';

export const BULL_BOARD_PATH = '/admin/queues';

/**
 * Only administrators see the queues, by the same session as the web UI: the HttpOnly session
 * cookie a browser sends after signing in (never a token in the URL), or a bearer access token.
 */
function adminOnly(sessions: Sessions) {
  return async (req: Request, res: Response, next: NextFunction) => {
    const bearer = bearerToken(req.headers.authorization);
    const user = bearer ? await sessions.userOfAccess(bearer) : await sessions.userOfCookie(req);
    if (!user) {
      res.status(401).json(UNAUTHENTICATED);
      return;
    }
    if (user.role !== 'admin') {
      res.status(403).json({
        code: 'forbidden',
        messages: { zh: '只有系统管理员可以查看任务队列', en: 'Only administrators may see the queues' },
      });
      return;
    }
    next();
  };
}

/** bull-board for operators at /admin/queues (outside the /api/v1 prefix). */
export function mountBullBoard(app: INestApplication): void {
  const serverAdapter = new ExpressAdapter();
  serverAdapter.setBasePath(BULL_BOARD_PATH);
  createBullBoard({
    queues: Object.values(QUEUES).map((name) => new BullMQAdapter(app.get<Queue>(getQueueToken(name)))),
    serverAdapter,
  });
  app.use(BULL_BOARD_PATH, adminOnly(app.get(Sessions)), serverAdapter.getRouter());
}
