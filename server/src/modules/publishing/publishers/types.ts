/** What the engine needs from a platform to publish one post to one account. */
export interface PublishInput {
  title: string;
  author: string;
  digest: string;
  bodyHtml: string;
  contentSourceUrl: string | null;
  cover: { mediaId: string; load: () => Promise<{ data: Buffer; filename: string; contentType: string }> } | null;
  /** Files of our media library referenced from the body, loaded on demand. */
  loadMedia: (mediaId: string) => Promise<{ data: Buffer; filename: string; contentType: string }>;
}

export interface Prepared {
  /** "<our media id>:<platform id>" so a changed cover is uploaded again. */
  coverRemoteId: string | null;
  draftRemoteId: string;
}

export type RemoteStatus =
  | { state: 'publishing' }
  | { state: 'published'; articleId: string | null; url: string | null }
  | { state: 'failed'; code: string; reason: string };

export interface Publisher {
  /** Gets ready to call the platform (an access token), so that the due second only submits. */
  warm(): Promise<void>;
  /** Uploads what the post needs and creates the platform-side draft. Safe to repeat (drafts are private). */
  prepare(input: PublishInput, previous: { coverRemoteId: string | null }): Promise<Prepared>;
  /** Makes the draft public. Not safe to repeat: an unknown outcome must be reconciled. */
  submit(draftRemoteId: string): Promise<{ publishId: string; msgDataId: string | null }>;
  status(publishId: string): Promise<RemoteStatus>;
  /**
   * After an unknown outcome: whether the platform-side draft is still unsent. WeChat takes a
   * draft out of the draft box when a submit is accepted (and puts it back if publishing fails),
   * so a draft still there means the submit did not take effect.
   */
  draftPending(draftRemoteId: string): Promise<boolean>;
  /** After an unknown outcome: finds the post on the platform if the submit took effect. */
  findPublished(title: string, since: Date): Promise<{ articleId: string | null; url: string | null } | null>;
}
