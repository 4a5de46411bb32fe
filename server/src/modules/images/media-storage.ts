import type { Config } from '../../config.js';
import { localDiskStorage } from './local-disk-storage.js';
import { s3Storage } from './s3-storage.js';

/**
 * Where image files live: local disk (the default) or an S3-compatible bucket, behind one interface. Keys are
 * never reused (they name the image's own id), so every stored file is immutable and may be cached forever.
 */
export interface MediaStorage {
  /** `disk` or `s3`, for logs and health. */
  readonly kind: 'disk' | 's3';
  /** What every file's absolute URL starts with: a file's URL is `baseUrl + key`. Ends in `/`. */
  readonly baseUrl: string;
  /** The directory files are kept in, for disk storage (served at /media/). */
  readonly dir?: string;
  put(key: string, body: Buffer, contentType: string): Promise<void>;
  get(key: string): Promise<Buffer>;
  /** Removes the files; absent ones are no error. */
  remove(keys: string[]): Promise<void>;
}

const withSlash = (url: string) => (url.endsWith('/') ? url : `${url}/`);

/** The storage the configuration names: S3 when S3_BUCKET is set, else MEDIA_DIR on local disk. */
export function createMediaStorage(config: Config): MediaStorage {
  if (config.S3_BUCKET) {
    const endpoint = config.S3_ENDPOINT ?? `https://s3.${config.S3_REGION}.amazonaws.com`;
    return s3Storage({
      bucket: config.S3_BUCKET,
      endpoint: config.S3_ENDPOINT,
      region: config.S3_REGION,
      forcePathStyle: config.S3_FORCE_PATH_STYLE === 'true',
      credentials:
        config.S3_ACCESS_KEY_ID && config.S3_SECRET_ACCESS_KEY
          ? { accessKeyId: config.S3_ACCESS_KEY_ID, secretAccessKey: config.S3_SECRET_ACCESS_KEY }
          : undefined,
      baseUrl: withSlash(config.MEDIA_BASE_URL ?? `${withSlash(endpoint)}${config.S3_BUCKET}`),
    });
  }
  return localDiskStorage(
    config.MEDIA_DIR,
    withSlash(config.MEDIA_BASE_URL ?? `http://localhost:${config.PORT}/media`),
  );
}
