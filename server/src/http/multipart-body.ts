import busboy from 'busboy';
import type { NextFunction, Request, Response } from 'express';
import { AppError } from '../errors.js';

/** The one file of a multipart upload, read whole only up to the route's limit. */
export interface UploadedFile {
  bytes: Buffer;
  /** As the client named it: for logs only, never trusted for the type. */
  filename: string;
  /** As the client labelled it: likewise never trusted. */
  mimeType: string;
}

type UploadRequest = Request & { upload?: UploadedFile };

/** The file a multipart route received (see readMultipart); undefined when none was sent. */
export function uploadedFileOf(req: Request): UploadedFile | undefined {
  return (req as UploadRequest).upload;
}

/** Room for the parts' headers and the text fields around the file. */
const ENVELOPE_BYTES = 64 * 1024;

const tooLarge = (maxBytes: number) =>
  new AppError('payload_too_large', `The file is larger than ${maxBytes} bytes (IMAGE_MAX_BYTES)`, [
    { path: 'file', message: `must be at most ${maxBytes} bytes` },
  ]);

/**
 * Reads a `multipart/form-data` body as a stream with busboy: one file part (`file`), buffered only up to
 * `maxBytes` and refused with 413 the moment it goes past (a declared Content-Length past the limit is refused
 * before a byte is read); a few short text fields. Leaves `req.body` as `{file: {name, type, size}, …fields}`
 * for the contract's schema, and the bytes for `uploadedFileOf`. What is sent past a refusal is read and
 * dropped, not kept, so the client still gets its answer.
 */
export function readMultipart(req: Request, res: Response, next: NextFunction, maxBytes: number): void {
  const declared = Number(req.get('Content-Length'));
  const refuse = (error: AppError) => {
    res.setHeader('Connection', 'close');
    req.unpipe();
    req.resume();
    next(error);
  };
  if (declared > maxBytes + ENVELOPE_BYTES) return refuse(tooLarge(maxBytes));

  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: req.headers,
      limits: { fileSize: maxBytes, files: 3, fields: 10, fieldSize: 4096, parts: 13, headerPairs: 20 },
    });
  } catch (error) {
    // Multipart without a boundary: a malformed body, not another type.
    return next(new AppError('validation_failed', `The multipart body is malformed: ${(error as Error).message}`));
  }
  const fields: Record<string, string> = {};
  let file: UploadedFile | undefined;
  let fileStarted = false;
  let failed = false;
  const fail = (error: AppError) => {
    if (failed) return;
    failed = true;
    refuse(error);
  };
  parser.on('file', (name, stream, info) => {
    if (name !== 'file') {
      stream.resume();
      return;
    }
    if (fileStarted) {
      stream.resume();
      fail(new AppError('validation_failed', 'Send one file only', [{ path: 'file', message: 'is given twice' }]));
      return;
    }
    fileStarted = true;
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('limit', () => {
      chunks.length = 0;
      fail(tooLarge(maxBytes));
    });
    stream.on('end', () => {
      if (!failed) file = { bytes: Buffer.concat(chunks), filename: info.filename ?? '', mimeType: info.mimeType };
    });
  });
  parser.on('field', (name, value, info) => {
    if (info.valueTruncated) {
      fail(
        new AppError('validation_failed', `The field ${name} is too long`, [{ path: name, message: 'is too long' }]),
      );
    } else fields[name] = value;
  });
  const tooMany = () => fail(new AppError('validation_failed', 'Too many parts in the form'));
  parser.on('partsLimit', tooMany);
  parser.on('filesLimit', tooMany);
  parser.on('fieldsLimit', tooMany);
  // A client gone mid-upload: nothing is answered to anyone, but the chain must not hang on.
  req.on('error', () => fail(new AppError('malformed_request', 'The upload was interrupted')));
  parser.on('error', (error: Error) =>
    fail(new AppError('validation_failed', `The multipart body is malformed: ${error.message}`)),
  );
  parser.on('close', () => {
    if (failed) return;
    (req as UploadRequest).upload = file;
    req.body = {
      ...fields,
      ...(file ? { file: { name: file.filename, type: file.mimeType, size: file.bytes.length } } : {}),
    };
    next();
  });
  req.pipe(parser);
}
