export { createApp, type AppOptions, type NexusApp } from './app.js';
export { loadConfig, ConfigError, type Config } from './config.js';
export { createLogger } from './logger.js';
export { healthPoolOptions, poolOptions, startServer, type RunningServer } from './server.js';
export { answerClientErrors } from './http/client-errors.js';
export { startWorker, type RunningWorker } from './worker.js';
