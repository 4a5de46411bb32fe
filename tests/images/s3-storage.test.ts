import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorker } from '@nexus/server';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { createStockedProduct, signUpAdmin, type SignedIn } from '../support/fixtures.js';
import { png } from './image-bytes.js';

const BUCKET = 'nexus-media';
const CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

let s3rver: S3rver;
let directory: string;
let endpoint: string;
let s3: S3Client;
let app: TestApp;
let admin: SignedIn;
beforeAll(async () => {
  directory = await mkdtemp(path.join(os.tmpdir(), 'nexus-s3rver-'));
  s3rver = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory, configureBuckets: [{ name: BUCKET }] });
  const address = await s3rver.run();
  endpoint = `http://127.0.0.1:${address.port}`;
  s3 = new S3Client({ endpoint, region: 'us-east-1', forcePathStyle: true, credentials: CREDENTIALS });
  app = await startTestApp({
    S3_BUCKET: BUCKET,
    S3_ENDPOINT: endpoint,
    S3_ACCESS_KEY_ID: CREDENTIALS.accessKeyId,
    S3_SECRET_ACCESS_KEY: CREDENTIALS.secretAccessKey,
    MEDIA_BASE_URL: 'https://cdn.example.com/shop/',
  });
  admin = await signUpAdmin(app);
});
afterAll(async () => {
  await app?.close();
  s3.destroy();
  await s3rver?.close();
  await rm(directory, { recursive: true, force: true });
});

const keysInBucket = async () =>
  ((await s3.send(new ListObjectsV2Command({ Bucket: BUCKET }))).Contents ?? []).map((o) => o.Key!).sort();

describe('S3-compatible storage (against s3rver)', () => {
  it('stores originals and thumbnails in the bucket, with immutable caching, URLs from MEDIA_BASE_URL', async () => {
    const product = await createStockedProduct(admin, { stock: 1 });
    const image = await admin.client.products.images.upload(
      product.id,
      new Blob([new Uint8Array(await png(900, 600))]),
    );
    const key = `products/${product.id}/${image.id}.png`;
    expect(image.url).toBe(`https://cdn.example.com/shop/${key}`);
    expect(await keysInBucket()).toEqual([key]);
    const stored = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
    expect(stored.ContentType).toBe('image/png');
    expect(stored.CacheControl).toBe('public, max-age=31536000, immutable');
    expect((await sharp(Buffer.from(await stored.Body!.transformToByteArray())).metadata()).width).toBe(900);
    // Local /media/ serves nothing when the files live in a bucket.
    expect((await app.fetch(`/media/${key}`)).status).toBe(404);

    const worker = await startWorker(app.nexus.deps, app.databaseUrl);
    try {
      let thumbnails = image.thumbnails;
      for (let attempt = 0; attempt < 100 && !thumbnails.large; attempt += 1) {
        await worker.drain();
        await new Promise((resolve) => setTimeout(resolve, 100));
        thumbnails = (await app.client().products.get({ params: { id: product.id } })).images[0]!.thumbnails;
      }
      expect(thumbnails.large).toBe(`https://cdn.example.com/shop/products/${product.id}/${image.id}-1200.webp`);
    } finally {
      await worker.stop();
    }
    expect(await keysInBucket()).toEqual(
      [key, ...[160, 480, 1200].map((side) => `products/${product.id}/${image.id}-${side}.webp`)].sort(),
    );
    const small = await s3.send(
      new GetObjectCommand({ Bucket: BUCKET, Key: `products/${product.id}/${image.id}-160.webp` }),
    );
    expect(await sharp(Buffer.from(await small.Body!.transformToByteArray())).metadata()).toMatchObject({
      format: 'webp',
      width: 160,
      height: 107,
    });

    await admin.client.products.images.delete({ params: { id: product.id, image_id: image.id } });
    expect(await keysInBucket()).toEqual([]);
  });
});
