import type { INestApplication, LoggerService } from '@nestjs/common';

/** Loads the demo institutions once (first embedded start, `npm run seed`). Filled in by the seed module. */
export async function ensureDemoData(_app: INestApplication, _logger: LoggerService): Promise<void> {
  return;
}
