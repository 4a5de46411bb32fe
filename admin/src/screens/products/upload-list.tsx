import { isNexusError } from '@nexus/client-sdk';
import { problemMessage } from '../../lib/problems';
import type { PendingUpload } from './image-uploads';

interface UploadListProps {
  uploads: PendingUpload[];
  onRetry: (upload: PendingUpload) => void;
  onDismiss: (key: string) => void;
}

// A refused file (too large, not an image, damaged) would be refused again; a fault or a lost connection may pass.
const worthRetrying = (error: unknown) => !isNexusError(error) || error.status >= 500 || error.status === 429;

/** The files on their way, each with its progress or the reason it was refused. */
export function UploadList({ uploads, onRetry, onDismiss }: UploadListProps) {
  if (uploads.length === 0) return null;
  return (
    <ul className="uploads" aria-label="Uploads">
      {uploads.map((upload) => (
        <li key={upload.key}>
          <span className="mono" style={{ overflowWrap: 'anywhere' }}>
            {upload.file.name}
          </span>
          {upload.status === 'failed' ? (
            <span className="error" role="alert" style={{ color: 'var(--danger)' }}>
              {problemMessage(upload.error)}
            </span>
          ) : (
            // Indeterminate: fetch reports no upload progress, and the SDK call is one promise.
            <progress
              className="progress"
              aria-label={`${upload.status === 'waiting' ? 'Waiting to upload' : 'Uploading'} ${upload.file.name}`}
            />
          )}
          {upload.status === 'failed' ? (
            <span className="row" style={{ gap: 'var(--space-1)' }}>
              {worthRetrying(upload.error) ? (
                <button type="button" className="btn small" onClick={() => onRetry(upload)}>
                  Retry<span className="visually-hidden"> {upload.file.name}</span>
                </button>
              ) : null}
              <button type="button" className="btn small" onClick={() => onDismiss(upload.key)}>
                Dismiss<span className="visually-hidden"> {upload.file.name}</span>
              </button>
            </span>
          ) : (
            <span className="muted">{upload.status === 'waiting' ? 'Waiting…' : 'Uploading…'}</span>
          )}
        </li>
      ))}
    </ul>
  );
}
