import { useEffect, useState, type DragEvent } from 'react';
import type { Image, Product } from '@nexus/client-sdk';
import { useConfirm } from '../../ui/confirm';
import { EmptyState, ErrorAlert } from '../../ui/feedback';
import { Card } from '../../ui/page';
import { useToast } from '../../ui/toast';
import { ImageDropzone } from './image-dropzone';
import { ImageTile, type TileDrag } from './image-tile';
import { useImageUploads } from './image-uploads';
import { useDeleteImage, useUpdateImage } from './images.queries';
import { UploadList } from './upload-list';

/** A product's images: uploading, alt texts, order (by drag and drop or by buttons) and deleting; saved at once. */
export function ImagesPanel({ product }: { product: Product }) {
  const uploads = useImageUploads(product.id, product.name);
  const reorder = useUpdateImage(product.id);
  const remove = useDeleteImage(product.id);
  const confirm = useConfirm();
  const notify = useToast();
  const [dragged, setDragged] = useState<string | null>(null);
  const [target, setTarget] = useState<string | null>(null);
  const images = product.images;

  // After a keyboard move, the moved image's button (or, at an end, its other one) gets the focus back once the list
  // shows the new order; then the request is dropped, so a later refetch never steals the focus.
  const [refocus, setRefocus] = useState<{ imageId: string; index: number; side: 'left' | 'right' } | null>(null);
  useEffect(() => {
    if (!refocus || images[refocus.index]?.id !== refocus.imageId) return;
    const other = refocus.side === 'left' ? 'right' : 'left';
    const target = [refocus.side, other]
      .map((side) => document.getElementById(`move-${side}-${refocus.imageId}`))
      .find((candidate) => candidate instanceof HTMLButtonElement && !candidate.disabled);
    target?.focus();
    setRefocus(null);
  }, [images, refocus]);

  const move = (image: Image, to: number, side?: 'left' | 'right') => {
    if (side) setRefocus({ imageId: image.id, index: to, side });
    reorder.mutate(
      { imageId: image.id, body: { position: to } },
      { onSuccess: () => notify(`Image moved to position ${to + 1}.`), onError: () => setRefocus(null) },
    );
  };

  const deleteImage = async (image: Image, number: number) => {
    const confirmed = await confirm({
      title: `Delete image ${number}?`,
      body: 'The image and its thumbnails are deleted from the shop.',
      confirmLabel: 'Delete image',
      danger: true,
    });
    if (confirmed) remove.mutate(image.id, { onSuccess: () => notify('Image deleted.') });
  };

  const dragOf = (image: Image, index: number): TileDrag => ({
    dragging: dragged === image.id,
    target: target === image.id && dragged !== image.id,
    onDragStart: (event: DragEvent) => {
      event.dataTransfer.effectAllowed = 'move';
      event.dataTransfer.setData('text/plain', image.id);
      setDragged(image.id);
    },
    onDragEnd: () => {
      setDragged(null);
      setTarget(null);
    },
    onDragOver: (event: DragEvent) => {
      if (!dragged) return;
      event.preventDefault();
      setTarget(image.id);
    },
    onDrop: (event: DragEvent) => {
      if (!dragged) return;
      event.preventDefault();
      const moving = images.find((candidate) => candidate.id === dragged);
      if (moving && moving.id !== image.id) move(moving, index);
      setDragged(null);
      setTarget(null);
    },
  });

  return (
    <Card title="Images">
      <div className="stack">
        <p className="muted" style={{ margin: 0 }}>
          The first image is the main one. Drag an image to reorder, or use its Move buttons. Changes here are saved at
          once.
        </p>
        <ImageDropzone onFiles={uploads.add} />
        <UploadList uploads={uploads.uploads} onRetry={uploads.retry} onDismiss={uploads.dismiss} />
        <ErrorAlert error={reorder.error ?? remove.error} />
        {images.length === 0 ? (
          <EmptyState>No images yet.</EmptyState>
        ) : (
          <ul className="images product-images" aria-label="Images, main image first">
            {images.map((image, index) => (
              <ImageTile
                key={image.id}
                productId={product.id}
                image={image}
                index={index}
                count={images.length}
                drag={dragOf(image, index)}
                onMove={(to, direction) => move(image, to, direction)}
                onDelete={() => void deleteImage(image, index + 1)}
              />
            ))}
          </ul>
        )}
      </div>
    </Card>
  );
}
