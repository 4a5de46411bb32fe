import { useCallback, useRef, useState } from 'react';
import { useUploadImage } from './images.queries';

/** One file on its way: queued, being sent, or refused (with the API's problem). */
export interface PendingUpload {
  key: string;
  file: File;
  status: 'waiting' | 'uploading' | 'failed';
  error?: unknown;
}

let uploadCounter = 0;

/**
 * The files dropped or chosen, uploaded one after the other: the images keep the order they were given in (each
 * upload goes last), and a dozen large files do not all compete at once. A file that uploaded leaves the list.
 */
export function useImageUploads(productId: string, defaultAlt: string) {
  const upload = useUploadImage(productId);
  const [uploads, setUploads] = useState<PendingUpload[]>([]);
  const queue = useRef<Promise<void>>(Promise.resolve());
  const patch = (key: string, change: Partial<PendingUpload>) =>
    setUploads((current) => current.map((item) => (item.key === key ? { ...item, ...change } : item)));

  const enqueue = (item: PendingUpload) => {
    queue.current = queue.current.then(async () => {
      patch(item.key, { status: 'uploading', error: undefined });
      try {
        await upload.mutateAsync({ file: item.file, alt: defaultAlt });
        setUploads((current) => current.filter((other) => other.key !== item.key));
      } catch (error) {
        patch(item.key, { status: 'failed', error });
      }
    });
  };

  const add = (files: File[]) => {
    const items = files.map((file): PendingUpload => ({
      key: `upload-${(uploadCounter += 1)}`,
      file,
      status: 'waiting',
    }));
    setUploads((current) => [...current, ...items]);
    items.forEach(enqueue);
  };
  const retry = (item: PendingUpload) => {
    patch(item.key, { status: 'waiting', error: undefined });
    enqueue(item);
  };
  const dismiss = useCallback((key: string) => setUploads((current) => current.filter((item) => item.key !== key)), []);
  return { uploads, add, retry, dismiss };
}
