import { useEffect, useState, type DragEvent } from 'react';
import type { Image } from '@nexus/client-sdk';
import { fieldErrorsOf, problemMessage } from '../../lib/problems';
import { Field } from '../../ui/field';
import { useUpdateImage } from './images.queries';

/** What the images panel wires into a tile for drag-and-drop reordering. */
export interface TileDrag {
  dragging: boolean;
  target: boolean;
  onDragStart: (event: DragEvent) => void;
  onDragEnd: () => void;
  onDragOver: (event: DragEvent) => void;
  onDrop: (event: DragEvent) => void;
}

interface ImageTileProps {
  productId: string;
  image: Image;
  index: number;
  count: number;
  drag: TileDrag;
  onMove: (to: number, direction: 'left' | 'right') => void;
  onDelete: () => void;
}

/** One image: its thumbnail (the original until that is made), its alt text, and moving or deleting it. */
export function ImageTile({ productId, image, index, count, drag, onMove, onDelete }: ImageTileProps) {
  const [alt, setAlt] = useState(image.alt);
  useEffect(() => setAlt(image.alt), [image.alt]);
  const update = useUpdateImage(productId);
  const altError = update.error ? (fieldErrorsOf(update.error).alt ?? problemMessage(update.error)) : undefined;
  const number = index + 1;
  const className = [drag.dragging ? 'dragging' : '', drag.target ? 'drop-target' : ''].join(' ').trim();
  return (
    <li className={className || undefined} onDragOver={drag.onDragOver} onDrop={drag.onDrop}>
      <div draggable onDragStart={drag.onDragStart} onDragEnd={drag.onDragEnd}>
        <img src={image.thumbnails.medium ?? image.url} alt={image.alt} width={220} height={120} />
      </div>
      <span className="muted">
        {number === 1 ? 'Main image' : `Image ${number}`}
        {image.thumbnails.small === null ? ' · making thumbnails…' : ''}
      </span>
      <form
        className="image-alt"
        onSubmit={(event) => {
          event.preventDefault();
          update.mutate({ imageId: image.id, body: { alt: alt.trim() } });
        }}
      >
        <Field label={`Alt text of image ${number}`} error={altError}>
          {(control) => (
            <input {...control} value={alt} maxLength={500} onChange={(event) => setAlt(event.target.value)} />
          )}
        </Field>
        <button type="submit" className="btn small" disabled={alt.trim() === image.alt || update.isPending}>
          {update.isPending ? 'Saving…' : 'Save alt text'}
        </button>
      </form>
      <div className="image-actions">
        <button
          type="button"
          id={`move-left-${image.id}`}
          className="btn small"
          disabled={index === 0}
          onClick={() => onMove(index - 1, 'left')}
        >
          Move left<span className="visually-hidden"> image {number}</span>
        </button>
        <button
          type="button"
          id={`move-right-${image.id}`}
          className="btn small"
          disabled={index === count - 1}
          onClick={() => onMove(index + 1, 'right')}
        >
          Move right<span className="visually-hidden"> image {number}</span>
        </button>
        <button type="button" className="btn small danger" onClick={onDelete}>
          Delete<span className="visually-hidden"> image {number}</span>
        </button>
      </div>
    </li>
  );
}
