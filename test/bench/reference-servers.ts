/**
 * `node --import tsx test/bench/reference-servers.ts <express|nest>`: the floors under the platform bench's read
 * figures on the machine it runs on. Both answer GET /reference with REFERENCE_BODY from memory: bare Express
 * with the API's body parsers and a CORS header, and a bare Nest app on Express with a global guard, a param and the
 * Content-Type header of the scorecard route. No auth, no database. Prints `listening on <port>`.
 */
import 'reflect-metadata';
import { type CanActivate, Controller, Get, Header, Injectable, Module, Param } from '@nestjs/common';
import { APP_GUARD, NestFactory } from '@nestjs/core';
import express from 'express';
import type { AddressInfo } from 'node:net';

const body = process.env.REFERENCE_BODY ?? '{}';

@Injectable()
class AllowEveryone implements CanActivate {
  async canActivate(): Promise<boolean> {
    return true;
  }
}

@Controller()
class ReferenceController {
  @Get('reference/:id')
  @Header('Content-Type', 'application/json; charset=utf-8')
  async get(@Param('id') _id: string): Promise<string> {
    return body;
  }
}

@Module({ controllers: [ReferenceController], providers: [{ provide: APP_GUARD, useClass: AllowEveryone }] })
class ReferenceModule {}

async function main(kind: string): Promise<void> {
  if (kind === 'express') {
    const app = express();
    app.use(express.json(), express.text(), (req: express.Request, res: express.Response, next: express.NextFunction) => {
      // What CORS with a reflected origin adds to a simple GET.
      res.vary('Origin');
      if (req.headers.origin) res.setHeader('Access-Control-Allow-Origin', req.headers.origin);
      next();
    });
    app.get('/reference/:id', (_req, res) => res.type('application/json').send(body));
    const server = app.listen(0, '127.0.0.1', () => console.log(`listening on ${(server.address() as AddressInfo).port}`));
    return;
  }
  const app = await NestFactory.create(ReferenceModule, { bodyParser: false, logger: false });
  app.use(express.json(), express.text());
  app.enableCors({ origin: true });
  await app.listen(0, '127.0.0.1');
  console.log(`listening on ${(app.getHttpServer().address() as AddressInfo).port}`);
}

main(process.argv[2] ?? 'express').catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
