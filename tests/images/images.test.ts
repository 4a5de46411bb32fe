import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { startWorker, type RunningWorker } from '@nexus/server';
import type { Image, Product } from '@nexus/client-sdk';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { expectProblem } from '../support/expect-problem.js';
import { createStockedProduct, signUp, signUpAdmin, type SignedIn } from '../support/fixtures.js';
import { avif, gif, noisePng, png, sidewaysJpeg, webp } from './image-bytes.js';

let app: TestApp;
let admin: SignedIn;
let worker: RunningWorker | undefined;
beforeAll(async () => {
  app = await startTestApp();
  admin = await signUpAdmin(app);
});
afterAll(async () => {
  await worker?.stop();
  await app.close();
});

const blob = (bytes: Buffer, type = 'application/octet-stream') => new Blob([new Uint8Array(bytes)], { type });
/** A stored file, fetched from this app by the path of its absolute URL. */
const media = (url: string) => app.fetch(new URL(url).pathname);
const upload = (productId: string, bytes: Buffer, name = 'photo.jpg', type = 'image/jpeg') => {
  const form = new FormData();
  form.append('file', blob(bytes, type), name);
  return app.fetch(`/api/v1/products/${productId}/images`, { method: 'POST', body: form, token: admin.access });
};

/** Polls the product until every image has its thumbnails (the worker makes them in the background). */
async function withThumbnails(productId: string): Promise<Product> {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    await worker!.drain();
    const product = await app.client().products.get({ params: { id: productId } });
    if (product.images.every((image) => image.thumbnails.small)) return product;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('thumbnails never appeared');
}

describe('uploading an image', () => {
  let product: Product;
  let image: Image;
  beforeAll(async () => {
    product = await createStockedProduct(admin, { stock: 1 });
    image = await admin.client.products.images.upload(product.id, blob(await sidewaysJpeg(), 'image/jpeg'), {
      alt: 'Front view',
      fileName: 'front.jpg',
    });
  });

  it('keeps the original upright and stripped of metadata, with its dimensions, and no thumbnails yet', async () => {
    expect(image).toMatchObject({ alt: 'Front view', width: 1000, height: 2000, position: 0 });
    expect(image.thumbnails).toEqual({ small: null, medium: null, large: null });
    expect(image.url).toMatch(/^http:\/\/localhost:\d+\/media\/products\/[0-9a-f-]{36}\/[0-9a-f-]{36}\.jpg$/);
    const served = await media(image.url);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/jpeg');
    expect(served.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(served.headers.get('x-content-type-options')).toBe('nosniff');
    expect(served.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    const meta = await sharp(Buffer.from(await served.arrayBuffer())).metadata();
    expect(meta).toMatchObject({ format: 'jpeg', width: 1000, height: 2000 });
    expect(meta.exif).toBeUndefined();
    expect(meta.orientation).toBeUndefined();
  });

  it('is embedded in the product answer, in position order', async () => {
    const second = await admin.client.products.images.upload(product.id, blob(await png(300, 200)));
    const detail = await app.client().products.get({ params: { id: product.id } });
    expect(detail.images.map((i) => i.id)).toEqual([image.id, second.id]);
    const listed = await app.client().products.list({ query: { category: product.category_id } });
    expect(listed.results[0]!.images.map((i) => i.position)).toEqual([0, 1]);
  });

  it('gets WebP thumbnails from the worker: 160, 480 and 1200 px on the long side, never upscaled', async () => {
    const tiny = await admin.client.products.images.upload(product.id, blob(await webp(100, 50)));
    worker = await startWorker(app.nexus.deps, app.databaseUrl);
    const ready = await withThumbnails(product.id);
    const sizes = async (found: Image) =>
      Promise.all(
        (['small', 'medium', 'large'] as const).map(async (size) => {
          const served = await media(found.thumbnails[size]!);
          expect(served.headers.get('content-type')).toBe('image/webp');
          const meta = await sharp(Buffer.from(await served.arrayBuffer())).metadata();
          expect(meta.format).toBe('webp');
          return [meta.width, meta.height];
        }),
      );
    expect(await sizes(ready.images.find((i) => i.id === image.id)!)).toEqual([
      [80, 160],
      [240, 480],
      [600, 1200],
    ]);
    expect(await sizes(ready.images.find((i) => i.id === tiny.id)!)).toEqual([
      [100, 50],
      [100, 50],
      [100, 50],
    ]);
  });

  it('changes alt texts and order, and deletes an image with its files', async () => {
    const detail = await withThumbnails(product.id);
    const last = detail.images.at(-1)!;
    const moved = await admin.client.products.images.update({
      params: { id: product.id, image_id: last.id },
      body: { position: 0, alt: 'Close-up' },
    });
    expect(moved).toMatchObject({ position: 0, alt: 'Close-up' });
    const reordered = await app.client().products.get({ params: { id: product.id } });
    expect(reordered.images.map((i) => i.id)).toEqual([last.id, ...detail.images.slice(0, -1).map((i) => i.id)]);
    expect(reordered.images.map((i) => i.position)).toEqual([0, 1, 2]);

    await admin.client.products.images.delete({ params: { id: product.id, image_id: last.id } });
    for (const url of [last.url, last.thumbnails.small!, last.thumbnails.large!]) {
      expect((await media(url)).status).toBe(404);
    }
    const after = await app.client().products.get({ params: { id: product.id } });
    expect(after.images.map((i) => i.position)).toEqual([0, 1]);
    const again = await app.fetch(`/api/v1/products/${product.id}/images/${last.id}`, {
      method: 'DELETE',
      token: admin.access,
    });
    await expectProblem(again, 'not_found');
  });

  it('removes the files of an image whose upload committed while the product was being deleted', async () => {
    const doomed = await createStockedProduct(admin, { stock: 1 });
    const key = `products/${doomed.id}/${randomUUID()}.png`;
    await app.nexus.deps.media.put(key, await png(20, 20), 'image/png');
    // An upload mid-commit: the product touched (locked) and its image row written, not yet committed.
    const uploader = new pg.Client({ connectionString: app.databaseUrl });
    await uploader.connect();
    await uploader.query('begin');
    await uploader.query('update products set updated_at = now() where id = $1', [doomed.id]);
    await uploader.query(
      `insert into product_images (product_id, position, format, width, height, bytes, storage_key)
       values ($1, 0, 'png', 20, 20, 100, $2)`,
      [doomed.id, key],
    );
    const deleting = admin.client.products.delete({ params: { id: doomed.id } });
    // Commit only once the deletion is waiting for the product's lock.
    for (let waiting = false; !waiting;) {
      const { rows } = await sql<{ n: number }>`
        select count(*)::int as n from pg_stat_activity
         where datname = current_database() and wait_event_type = 'Lock' and query like '%for update of p%'`.execute(
        app.db,
      );
      waiting = rows[0]!.n > 0;
      if (!waiting) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await uploader.query('commit');
    await uploader.end();
    await deleting;
    expect(existsSync(path.join(app.config.MEDIA_DIR, key))).toBe(false);
  });

  it('removes every file of a deleted product', async () => {
    const doomed = await createStockedProduct(admin, { stock: 1 });
    const pictured = await admin.client.products.images.upload(doomed.id, blob(await png(50, 50)));
    await admin.client.products.delete({ params: { id: doomed.id } });
    expect((await media(pictured.url)).status).toBe(404);
  });
});

describe('what an upload may be', () => {
  let product: Product;
  beforeAll(async () => {
    product = await createStockedProduct(admin, { stock: 1 });
  });

  it('takes JPEG, PNG, WebP and AVIF, judged by content: a PNG named photo.jpg is stored as the PNG it is', async () => {
    for (const [bytes, format] of [
      [await png(40, 30), 'png'],
      [await webp(40, 30), 'webp'],
      [await avif(40, 30), 'avif'],
    ] as const) {
      const answer = await upload(product.id, bytes, 'photo.jpg', 'image/jpeg');
      expect(answer.status).toBe(201);
      const image = (await answer.json()) as Image;
      expect(image).toMatchObject({ width: 40, height: 30 });
      expect(image.url.endsWith(`.${format}`)).toBe(true);
      expect((await media(image.url)).headers.get('content-type')).toBe(`image/${format}`);
    }
  });

  it('refuses other types with 415, whatever the name and label say', async () => {
    for (const [bytes, name, type] of [
      [await gif(20, 20), 'x.gif', 'image/gif'],
      [Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), 'x.png', 'image/png'],
      [Buffer.from('just text, called a JPEG'), 'photo.jpg', 'image/jpeg'],
    ] as const) {
      const problem = await expectProblem(await upload(product.id, bytes, name, type), 'unsupported_media_type');
      expect(problem.errors?.[0]?.path).toBe('file');
    }
  });

  it('refuses a damaged image, a missing file, a decompression bomb and a JSON body', async () => {
    const jpeg = await sidewaysJpeg(400, 300);
    const truncated = await upload(product.id, jpeg.subarray(0, Math.floor(jpeg.length / 2)));
    expect((await expectProblem(truncated, 'validation_failed')).errors?.[0]?.path).toBe('file');

    const form = new FormData();
    form.append('alt', 'no file here');
    const missing = await app.fetch(`/api/v1/products/${product.id}/images`, {
      method: 'POST',
      body: form,
      token: admin.access,
    });
    expect((await expectProblem(missing, 'validation_failed')).errors?.map((e) => e.path)).toContain('file');

    const bomb = await sharp({ create: { width: 8000, height: 8000, channels: 3, background: 'white' } })
      .png()
      .toBuffer();
    const exploded = await upload(product.id, bomb, 'bomb.png', 'image/png');
    expect((await expectProblem(exploded, 'validation_failed')).detail).toMatch(/pixels/);

    const json = await app.fetch(`/api/v1/products/${product.id}/images`, {
      method: 'POST',
      json: { file: 'x' },
      token: admin.access,
    });
    await expectProblem(json, 'unsupported_media_type');
  });

  it('takes one file part, and only the fields it knows', async () => {
    const two = new FormData();
    two.append('file', blob(await png(10, 10)), 'a.png');
    two.append('file', blob(await png(10, 10)), 'b.png');
    const twice = await app.fetch(`/api/v1/products/${product.id}/images`, {
      method: 'POST',
      body: two,
      token: admin.access,
    });
    expect((await expectProblem(twice, 'validation_failed')).errors?.[0]?.path).toBe('file');
    const extra = new FormData();
    extra.append('file', blob(await png(10, 10)), 'a.png');
    extra.append('position', '3');
    const unknown = await app.fetch(`/api/v1/products/${product.id}/images`, {
      method: 'POST',
      body: extra,
      token: admin.access,
    });
    await expectProblem(unknown, 'validation_failed');
  });

  it('is for admins, onto an existing product', async () => {
    const anonymous = new FormData();
    anonymous.append('file', blob(await png(10, 10)), 'x.png');
    await expectProblem(
      await app.fetch(`/api/v1/products/${product.id}/images`, { method: 'POST', body: anonymous }),
      'unauthorized',
    );
    const customer = await signUp(app);
    const form = new FormData();
    form.append('file', blob(await png(10, 10)), 'x.png');
    const denied = await app.fetch(`/api/v1/products/${product.id}/images`, {
      method: 'POST',
      body: form,
      token: customer.access,
    });
    await expectProblem(denied, 'forbidden');
    const nowhere = await upload('5b0b3f6e-0000-4000-8000-000000000000', await png(10, 10), 'x.png', 'image/png');
    await expectProblem(nowhere, 'not_found');
  });
});

describe('the size limit', () => {
  let small: TestApp;
  let smallAdmin: SignedIn;
  let product: Product;
  beforeAll(async () => {
    small = await startTestApp({ IMAGE_MAX_BYTES: '20kb' });
    smallAdmin = await signUpAdmin(small);
    product = await createStockedProduct(smallAdmin, { stock: 1 });
  });
  afterAll(() => small.close());

  it('answers 413 for a file over IMAGE_MAX_BYTES, declared or streamed, and stores nothing', async () => {
    const big = await noisePng(200);
    expect(big.length).toBeGreaterThan(100 * 1024);
    const form = new FormData();
    form.append('file', blob(big, 'image/png'), 'big.png');
    const declared = await small.fetch(`/api/v1/products/${product.id}/images`, {
      method: 'POST',
      body: form,
      token: smallAdmin.access,
    });
    expect((await expectProblem(declared, 'payload_too_large')).errors?.[0]?.path).toBe('file');

    // Chunked, with no Content-Length: cut off as the file part passes the limit.
    const boundary = 'nexus-boundary-7d3f';
    const head = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.png"\r\nContent-Type: image/png\r\n\r\n`,
    );
    const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
    const chunks = [head, ...Array.from({ length: 8 }, (_, i) => big.subarray(i * 16384, (i + 1) * 16384)), tail];
    const stream = new ReadableStream({
      pull(controller) {
        const next = chunks.shift();
        if (next) controller.enqueue(new Uint8Array(next));
        else controller.close();
      },
    });
    const streamed = await fetch(`${small.baseUrl}/api/v1/products/${product.id}/images`, {
      method: 'POST',
      body: stream,
      duplex: 'half',
      headers: {
        authorization: `Bearer ${smallAdmin.access}`,
        'content-type': `multipart/form-data; boundary=${boundary}`,
      },
    } as RequestInit);
    await expectProblem(streamed, 'payload_too_large');
    const stored = await small.db.selectFrom('product_images').select('id').execute();
    expect(stored).toEqual([]);
    expect(await readdir(small.config.MEDIA_DIR, { recursive: true })).toEqual([]);
  });
});
