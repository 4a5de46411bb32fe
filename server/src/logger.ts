import pino, { type Logger } from 'pino';
import type { Config } from './config.js';

/** JSON lines on stdout; secrets are redacted should a caller ever log a request or config object. */
export function createLogger(config: Pick<Config, 'LOG_LEVEL'>): Logger {
  return pino({
    level: config.LOG_LEVEL,
    base: { service: 'nexus-commerce', pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: [
      '*.password',
      '*.refresh',
      '*.access',
      '*.authorization',
      'JWT_SECRET',
      'ADMIN_PASSWORD',
      '*.headers.authorization',
    ],
  });
}
