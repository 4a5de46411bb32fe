import { useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { Image, Product, UpdateImageBody } from '@nexus/client-sdk';
import { nexus } from '../../api/nexus';
import { productKeys } from './products.queries';

/** The list with the item at `from` moved to `to`, positions renumbered as the API renumbers them. */
export function moveImage(images: Image[], from: number, to: number): Image[] {
  const next = [...images];
  const [moved] = next.splice(from, 1);
  if (moved) next.splice(to, 0, moved);
  return next.map((image, position) => ({ ...image, position }));
}

const editImages = (queryClient: QueryClient, productId: string, edit: (images: Image[]) => Image[]) =>
  queryClient.setQueryData<Product>(productKeys.one(productId), (product) =>
    product ? { ...product, images: edit(product.images) } : product,
  );

/** Uploads one image; it goes last. Its thumbnails come later, which the product query polls for. */
export function useUploadImage(productId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ file, alt }: { file: File; alt: string }) => nexus.products.images.upload(productId, file, { alt }),
    onSuccess: (image) => {
      editImages(queryClient, productId, (images) => [...images.filter((other) => other.id !== image.id), image]);
      void queryClient.invalidateQueries({ queryKey: productKeys.lists });
    },
  });
}

/**
 * Changes an image's alt text or position. A move shows at once (reordering is safe to show before the answer:
 * nothing else depends on it) and is rolled back if refused; the others' positions are read back after.
 */
export function useUpdateImage(productId: string) {
  const queryClient = useQueryClient();
  const key = productKeys.one(productId);
  return useMutation({
    mutationFn: ({ imageId, body }: { imageId: string; body: UpdateImageBody }) =>
      nexus.products.images.update({ params: { id: productId, image_id: imageId }, body }),
    onMutate: async ({ imageId, body }) => {
      if (body.position === undefined) return { previous: undefined };
      await queryClient.cancelQueries({ queryKey: key });
      const previous = queryClient.getQueryData<Product>(key);
      const to = body.position;
      editImages(queryClient, productId, (images) =>
        moveImage(
          images,
          images.findIndex((image) => image.id === imageId),
          to,
        ),
      );
      return { previous };
    },
    onError: (_error, _variables, context) => {
      if (context?.previous) queryClient.setQueryData(key, context.previous);
    },
    onSuccess: (image) =>
      editImages(queryClient, productId, (images) => images.map((other) => (other.id === image.id ? image : other))),
    onSettled: (_image, _error, variables) => {
      if (variables.body.position !== undefined) void queryClient.invalidateQueries({ queryKey: key });
      void queryClient.invalidateQueries({ queryKey: productKeys.lists });
    },
  });
}

/** Deletes an image and its files. */
export function useDeleteImage(productId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (imageId: string) => nexus.products.images.delete({ params: { id: productId, image_id: imageId } }),
    onSuccess: (_nothing, imageId) => {
      editImages(queryClient, productId, (images) =>
        images.filter((image) => image.id !== imageId).map((image, position) => ({ ...image, position })),
      );
      void queryClient.invalidateQueries({ queryKey: productKeys.lists });
    },
  });
}
