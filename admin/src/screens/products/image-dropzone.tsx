import { useId, useState, type DragEvent } from 'react';
import { IMAGE_FORMATS } from '@nexus/contract';

const accept = IMAGE_FORMATS.map((format) => `image/${format}`).join(',');
const hasFiles = (event: DragEvent) => Array.from(event.dataTransfer.types).includes('Files');

/** Where images are dropped; also a real file input ("Add images"), so the keyboard and screen readers can use it. */
export function ImageDropzone({ onFiles }: { onFiles: (files: File[]) => void }) {
  const id = useId();
  const [over, setOver] = useState(false);
  return (
    <div
      className={over ? 'dropzone product-dropzone over' : 'dropzone product-dropzone'}
      onDragOver={(event) => {
        if (!hasFiles(event)) return;
        event.preventDefault();
        event.dataTransfer.dropEffect = 'copy';
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(event) => {
        if (!hasFiles(event)) return;
        event.preventDefault();
        setOver(false);
        onFiles(Array.from(event.dataTransfer.files));
      }}
    >
      <input
        id={id}
        className="visually-hidden"
        type="file"
        multiple
        accept={accept}
        aria-describedby={`${id}-hint`}
        onChange={(event) => {
          onFiles(Array.from(event.target.files ?? []));
          // Cleared, so choosing the same file again (after a failed upload) is a change again.
          event.target.value = '';
        }}
      />
      <label htmlFor={id} className="btn primary">
        Add images
      </label>
      <p id={`${id}-hint`}>…or drop them here. JPEG, PNG, WebP or AVIF; several at once.</p>
    </div>
  );
}
