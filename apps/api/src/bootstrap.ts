import 'reflect-metadata';
import { type INestApplication, Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import express from 'express';
import { AppModule } from './app.module';
import type { AppConfig } from './config/app-config';
import type { DatabaseTarget } from './database/data-source-options';
import { HttpExceptionFilter } from './common/errors/http-exception.filter';
import { FACTS_UPLOAD_MAX_BYTES, XLSX_CONTENT_TYPE } from './modules/facts/fact-sheet';

/** Builds the HTTP app (used by main.ts and by the e2e tests) without listening. */
export async function createApp(config: AppConfig, database: DatabaseTarget, options: { logger?: false } = {}): Promise<INestApplication> {
  const app = await NestFactory.create(AppModule.forRoot(config, database), {
    bodyParser: false,
    logger: options.logger === false ? false : ['error', 'warn', 'log'],
  });
  app.setGlobalPrefix('api');
  // Body parsing errors (malformed JSON, oversize) go through the same error filter as everything else.
  // Facts come a whole institution's period at a time: their routes take bodies up to the upload
  // limit (a body parsed here is left alone by the general parsers below).
  app.use(
    '/api/facts',
    express.json({ limit: FACTS_UPLOAD_MAX_BYTES, strict: false }),
    express.text({ limit: FACTS_UPLOAD_MAX_BYTES, type: ['text/*'] }),
    express.raw({ limit: FACTS_UPLOAD_MAX_BYTES, type: [XLSX_CONTENT_TYPE] }),
  );
  app.use(express.json({ limit: config.bodyLimit, strict: false }));
  app.use(express.text({ limit: config.bodyLimit, type: ['text/*', 'application/yaml', 'application/x-yaml'] }));
  app.useGlobalFilters(new HttpExceptionFilter());
  app.enableCors({ origin: config.corsOrigin, exposedHeaders: ['Content-Range', 'ETag', 'Retry-After'] });
  app.enableShutdownHooks();

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
