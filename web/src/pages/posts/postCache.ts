import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { PostDetail } from '../../types';

export const postKey = (id: string) => ['post', id] as const;

/** After any change to a post: store the fresh detail and refresh the lists that show it. */
export function usePostChanged() {
  const qc = useQueryClient();
  return useCallback(
    (post: PostDetail) => {
      qc.setQueryData(postKey(post.id), post);
      for (const key of ['posts', 'calendar', 'review-queue', 'publications', 'post-versions']) void qc.invalidateQueries({ queryKey: [key] });
      // The strategy's mix counts posts by their time, pillar and format.
      void qc.invalidateQueries({ queryKey: ['strategy', 'mix'] });
    },
    [qc],
  );
}
