import 'reflect-metadata';
import { type INestApplication, Logger, type LogLevel, RequestMethod } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import express from 'express';
import { existsSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { AppModule } from './app.module';
import { findUpDirectory } from './common/find-up-directory';
import type { AppConfig } from './config/app-config';
import type { DatabaseTarget } from './database/data-source-options';
import { HttpExceptionFilter } from './common/errors/http-exception.filter';
import { requestLanguage } from './common/i18n/request-language';
import { FACTS_UPLOAD_MAX_BYTES, XLSX_CONTENT_TYPE } from './modules/facts/fact-sheet';

/** Response headers a cross-origin client reads: list totals, cache validators, retry hints, a queued run's address and a replayed answer. */
const EXPOSED_HEADERS = ['Content-Range', 'ETag', 'Retry-After', 'Location', 'Idempotent-Replayed'];

/** Where the public survey pages are served (SurveyPageController), outside /api and outside the console. */
const SURVEY_PAGES = '/s/';

/**
 * The console's build output, apps/console/dist (`npm run build`; `npm start` builds it when stale), found from the
 * sources and from the compiled API (dist/api/main.js) alike.
 */
export const CONSOLE_DIST = join(findUpDirectory('apps/console') ?? resolve(__dirname, '../../console'), 'dist');

/**
 * Serves the built console at `/`: its files, and index.html for any other page path (the console
 * routes in the browser). Never answers under /api, and only GET/HEAD.
 */
function serveConsole(app: INestApplication, dir: string): void {
  const index = join(dir, 'index.html');
  const files = express.static(dir, {
    index: false,
    // Vite fingerprints everything under assets/; index.html must be re-read on each visit.
    setHeaders: (res, file) => res.setHeader('Cache-Control', file.includes(`${sep}assets${sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache'),
  });
  app.use((req: express.Request, res: express.Response, next: express.NextFunction) => {
    if (req.path === '/api' || req.path.startsWith('/api/') || req.path.startsWith(SURVEY_PAGES) || (req.method !== 'GET' && req.method !== 'HEAD')) return next();
    files(req, res, () => {
      if (/\.[A-Za-z0-9]+$/.test(req.path)) return next(); // a missing file is a 404, not the app
      if (!existsSync(index)) {
        res.status(404).type('text/plain').send('The console is not built yet: run `npm run build:console` (npm start builds it).');
        return;
      }
      res.setHeader('Cache-Control', 'no-cache');
      res.sendFile(index);
    });
  });
}

/**
 * Builds the HTTP app (used by main.ts and by the e2e tests) without listening. `consoleDir`:
 * where the built console is (default apps/console/dist), or false to serve none.
 */
export async function createApp(
  config: AppConfig,
  database: DatabaseTarget,
  options: { logger?: false | LogLevel[]; consoleDir?: string | false } = {},
): Promise<INestApplication> {
  const app = await NestFactory.create(AppModule.forRoot(config, database), {
    bodyParser: false,
    logger: options.logger ?? ['error', 'warn', 'log'],
  });
  // The survey pages clients open from a link (/s/<token>) live beside the API, not under it.
  app.setGlobalPrefix('api', { exclude: [{ path: 's/:token', method: RequestMethod.ALL }] });
  // Behind a reverse proxy the socket's address is the proxy's: sign-in limits per address need the client's.
  if (config.trustProxy !== undefined) (app.getHttpAdapter().getInstance() as express.Express).set('trust proxy', config.trustProxy);
  // Body parsing errors (malformed JSON, oversize) go through the same error filter as everything else.
  // Facts come a whole institution's period at a time: their routes take bodies up to the upload
  // limit (a body parsed here is left alone by the general parsers below).
  app.use(
    '/api/facts',
    express.json({ limit: FACTS_UPLOAD_MAX_BYTES, strict: false }),
    express.text({ limit: FACTS_UPLOAD_MAX_BYTES, type: ['text/*'] }),
    express.raw({ limit: FACTS_UPLOAD_MAX_BYTES, type: [XLSX_CONTENT_TYPE] }),
  );
  app.use(SURVEY_PAGES, express.urlencoded({ extended: false, limit: '64kb', parameterLimit: 100 }));
  app.use(express.json({ limit: config.bodyLimit, strict: false }));
  app.use(express.text({ limit: config.bodyLimit, type: ['text/*', 'application/yaml', 'application/x-yaml'] }));
  // Messages in the language of Accept-Language from here on (after the body parsers, whose callbacks lose the context).
  app.use(requestLanguage);
  const consoleDir = options.consoleDir ?? CONSOLE_DIST;
  if (consoleDir !== false) serveConsole(app, consoleDir);
  app.useGlobalFilters(new HttpExceptionFilter());
  // Closed unless CORS_ORIGIN lists origins: the console is served from the API's own origin (and
  // `npm run dev` proxies /api through Vite), so no browser needs cross-origin access by default.
  if (config.corsOrigins.length > 0) app.enableCors({ origin: config.corsOrigins, exposedHeaders: EXPOSED_HEADERS });

  const openApi = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('CareScore API')
      .setDescription('Rule documents, bindings, staff and scorecards. Lists follow ra-data-simple-rest: sort, range and filter as JSON query parameters, Content-Range in the response.')
      .setVersion('0.1.0')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, openApi, { jsonDocumentUrl: 'api/docs/openapi.json' });
  return app;
}

export const bootLogger = new Logger('CareScore');
