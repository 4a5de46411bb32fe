import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { MailListQuery } from '@nexus/client-sdk';
import { nexus } from '../../api/nexus';

export const mailKeys = {
  all: ['mail'] as const,
  list: (query: Partial<MailListQuery>) => ['mail', 'list', query] as const,
};

/** A page of the store's e-mail, newest first; the previous page stays on screen while the next one loads. */
export function useMail(query: Partial<MailListQuery>) {
  return useQuery({
    queryKey: mailKeys.list(query),
    queryFn: () => nexus.mail.list({ query }),
    placeholderData: keepPreviousData,
  });
}
