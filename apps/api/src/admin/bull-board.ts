import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { getQueueToken } from '@nestjs/bullmq';
import { INestApplication } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { Queue } from 'bullmq';
import { NextFunction, Request, Response } from 'express';
import { UNAUTHENTICATED, userOfToken } from '../auth/token-user';
import { bearerToken } from '../auth/jwt-auth.guard';
import { DirectoryView } from '@tracker/read-models';
import { QUEUES } from '@tracker/scheduling';

export const BULL_BOARD_PATH = '/admin/queues';

/**
 * Only administrators see the queues. The token comes as a bearer header or, for a browser,
 * once as `?token=` which is then kept in an HttpOnly cookie scoped to this path.
 */
function adminOnly(jwt: JwtService, directory: DirectoryView) {
  return async (req: Request, res: Response, next: NextFunction) => {
    const cookie = /(?:^|;\s*)board_token=([^;]+)/.exec(req.headers.cookie ?? '')?.[1];
    const bearer = bearerToken(req.headers.authorization);
    const fromQuery = typeof req.query.token === 'string' ? req.query.token : undefined;
    const token = bearer ?? fromQuery ?? cookie;
    const user = await userOfToken(jwt, directory, token);
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
    if (fromQuery) {
      res.cookie('board_token', fromQuery, { httpOnly: true, sameSite: 'strict', path: BULL_BOARD_PATH });
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
  app.use(BULL_BOARD_PATH, adminOnly(app.get(JwtService), app.get(DirectoryView)), serverAdapter.getRouter());
}
