// The command path over HTTP: POST /measures/:id/progress at 10 connections, beside a bare NestJS
// endpoint with the same kind of guard (JWT verified, user looked up) and validation pipe, in the
// same process and run; then one measure with 20 events against one with 2,000 (is it flat?).
// Run: npm run bench:command-path   (BENCH_SECONDS per phase, default 5)
import 'reflect-metadata';
import {
  Body,
  CanActivate,
  Controller,
  ExecutionContext,
  HttpCode,
  Injectable,
  Module,
  Param,
  Post,
  UnauthorizedException,
  UseGuards,
  ValidationPipe,
} from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { JwtModule, JwtService } from '@nestjs/jwt';
import { IsInt, IsString, Max, MaxLength, Min } from 'class-validator';
import { Agent, request } from 'node:http';
import { createSecretKey, randomUUID } from 'node:crypto';
import { setUpCourt, bearer } from '../test/support/court';
import { Fixtures } from '../test/support/fixtures';
import { startTestApp } from '../test/support/test-app';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = 10;
const SECRET = 'bench-secret-bench-secret-bench-secret-01';

class ProgressBody {
  @IsString()
  @MaxLength(2000)
  note!: string;
  @IsInt()
  @Min(0)
  @Max(100)
  percent!: number;
}

@Injectable()
class BareGuard implements CanActivate {
  private readonly users = new Map([['u-1', { id: 'u-1', role: 'department_head' }]]);
  constructor(private readonly jwt: JwtService) {}
  async canActivate(context: ExecutionContext): Promise<boolean> {
    const header: string = context.switchToHttp().getRequest().headers.authorization ?? '';
    const { sub } = await this.jwt.verifyAsync<{ sub: string }>(header.slice('Bearer '.length));
    if (!this.users.has(sub)) throw new UnauthorizedException();
    return true;
  }
}

@Controller()
class BareController {
  @Post('measures/:id/progress')
  @HttpCode(200)
  @UseGuards(BareGuard)
  progress(@Param('id') id: string, @Body() body: ProgressBody) {
    return { id, note: body.note, percent: body.percent };
  }
}

@Module({
  imports: [
    JwtModule.register({
      secret: createSecretKey(Buffer.from(SECRET)),
      verifyOptions: { algorithms: ['HS256'] },
    }),
  ],
  controllers: [BareController],
  providers: [BareGuard],
})
class BareModule {}

/** Requests answered 2xx per second by `connections` keep-alive loops for SECONDS. */
async function load(
  port: number,
  path: (i: number) => string,
  token: string,
  connections = CONNECTIONS,
): Promise<{ perSecond: number; failed: number }> {
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  const until = Date.now() + SECONDS * 1_000;
  let ok = 0;
  let failed = 0;
  let sent = 0;
  const post = (i: number) =>
    new Promise<void>((done) => {
      const body = JSON.stringify({ note: `进展 ${i}`, percent: i % 100 });
      const req = request(
        {
          host: '127.0.0.1',
          port,
          path: path(i),
          method: 'POST',
          agent,
          headers: {
            'Content-Type': 'application/json',
            'Content-Length': Buffer.byteLength(body),
            'Idempotency-Key': randomUUID(),
            ...bearer(token),
          },
        },
        (res) => {
          res.resume();
          res.on('end', () => {
            if (res.statusCode !== undefined && res.statusCode < 300) ok++;
            else failed++;
            done();
          });
        },
      );
      req.on('error', () => {
        failed++;
        done();
      });
      req.end(body);
    });
  const started = Date.now();
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (Date.now() < until) await post(sent++);
    }),
  );
  agent.destroy();
  return { perSecond: ok / ((Date.now() - started) / 1_000), failed };
}

const portOf = (server: { address(): unknown }) => (server.address() as { port: number }).port;
const fmt = (n: number) => n.toFixed(0).padStart(6);

async function main() {
  const bare = await NestFactory.create(BareModule, { logger: false });
  bare.setGlobalPrefix('api/v1');
  bare.useGlobalPipes(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true }));
  await bare.listen(0, '127.0.0.1');
  const bareToken = await bare
    .get(JwtService)
    .signAsync({ sub: 'u-1' }, { algorithm: 'HS256', expiresIn: '1h' });

  const t = await startTestApp();
  const court = await setUpCourt(t);
  const fixtures = new Fixtures(t, court);
  const token = court.users.civilHead.token;
  const measures: string[] = [];
  for (let i = 0; i < 200; i++) measures.push((await fixtures.measure()).id);
  const port = portOf(t.app.getHttpServer());
  console.log(`command path bench: ${SECONDS} s per phase, ${CONNECTIONS} connections`);

  const baseline = await load(portOf(bare.getHttpServer()), () => '/api/v1/measures/m-1/progress', bareToken);
  const spread = await load(port, (i) => `/api/v1/measures/${measures[i % measures.length]}/progress`, token);
  console.log(`  bare NestJS endpoint (guard + validation)  ${fmt(baseline.perSecond)} req/s`);
  console.log(
    `  progress over 200 measures                 ${fmt(spread.perSecond)} req/s  ratio ${(spread.perSecond / baseline.perSecond).toFixed(2)}  (${spread.failed} not 2xx)`,
  );

  // Flat as history grows: the same measure, one connection (no races), at 20 and at 2,000 events.
  const busy = measures[0];
  const short = measures[1];
  const history = async (id: string) => (await t.store.readStream(`measure-${id}`)).length;
  const report = (id: string, i: number) =>
    t.http
      .post(`/api/v1/measures/${id}/progress`)
      .set(bearer(token))
      .send({ note: `进展 ${i}`, percent: i % 100 })
      .expect(200);
  for (let i = await history(short); i < 20; i++) await report(short, i);
  const shortAtStart = await history(short);
  const at20 = await load(port, () => `/api/v1/measures/${short}/progress`, token, 1);
  const before = await history(busy);
  const fill = Array.from({ length: 2_000 - before }, (_, i) => i);
  for (let i = 0; i < fill.length; i += 500) {
    await t.store.appendToStream(
      `measure-${busy}`,
      fill.slice(i, i + 500).map((n) => ({
        eventId: randomUUID(),
        type: 'ProgressReported',
        schemaVersion: 1,
        data: { measureId: busy, note: `填充 ${n}`, percent: n % 100, reportedOn: '2026-03-02' },
        metadata: {
          actor: { userId: court.users.civilHead.id, role: 'department_head' },
          recordedAt: new Date().toISOString(),
          correlationId: 'bench',
          causationId: null,
          idempotencyKey: null,
          command: 'ReportProgress',
          commandHash: null,
        },
      })),
      'any',
    );
  }
  // A process that starts on a long history folds it once, at its first command on the stream.
  await report(busy, 0);
  const busyAtStart = await history(busy);
  const at2000 = await load(port, () => `/api/v1/measures/${busy}/progress`, token, 1);
  console.log(`  one measure with ${shortAtStart} events (1 connection)      ${fmt(at20.perSecond)} req/s`);
  console.log(
    `  one measure with ${busyAtStart} events (1 connection)    ${fmt(at2000.perSecond)} req/s  ratio ${(at2000.perSecond / at20.perSecond).toFixed(2)}`,
  );
  await t.close();
  await bare.close();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
