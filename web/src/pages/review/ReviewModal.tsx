import { useMutation } from '@tanstack/react-query';
import { App, type ButtonProps, Input, Modal, Radio, Space } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import type { PostDetail } from '../../types';
import { usePostChanged } from '../posts/postCache';

type Decision = 'approved' | 'rejected';

/** Approve or reject a post with a comment (a rejection needs one: the author must know why). */
export function ReviewModal({
  postId,
  initial,
  open,
  onClose,
  onDone,
}: {
  postId: string;
  initial?: Decision;
  open: boolean;
  onClose: () => void;
  onDone?: (p: PostDetail) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const changed = usePostChanged();
  const [decision, setDecision] = useState<Decision>(initial ?? 'approved');
  const [comment, setComment] = useState('');
  useEffect(() => {
    if (open) {
      setDecision(initial ?? 'approved');
      setComment('');
    }
  }, [open, initial]);
  const review = useMutation({
    mutationFn: () => api.post<PostDetail>(`/posts/${postId}/review`, { decision, comment: comment.trim() }),
    onSuccess: (p) => {
      changed(p);
      message.success(decision === 'approved' ? t('review.approvedMsg') : t('review.rejectedMsg'));
      onDone?.(p);
      onClose();
    },
  });
  const needsComment = decision === 'rejected' && !comment.trim();
  return (
    <Modal
      open={open}
      title={t('review.title')}
      onCancel={onClose}
      onOk={() => review.mutate()}
      okText={decision === 'approved' ? t('review.approve') : t('review.reject')}
      okButtonProps={{ danger: decision === 'rejected', disabled: needsComment, loading: review.isPending, 'data-testid': 'review-confirm' } as ButtonProps}
      destroyOnHidden
    >
      <ErrorAlert error={review.error} />
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Radio.Group value={decision} onChange={(e) => setDecision(e.target.value)} optionType="button" buttonStyle="solid">
          <Radio.Button value="approved" data-testid="review-decision-approve">
            {t('review.approve')}
          </Radio.Button>
          <Radio.Button value="rejected" data-testid="review-decision-reject">
            {t('review.reject')}
          </Radio.Button>
        </Radio.Group>
        <Input.TextArea
          data-testid="review-comment"
          rows={4}
          maxLength={2000}
          showCount
          value={comment}
          onChange={(e) => setComment(e.target.value)}
          placeholder={decision === 'rejected' ? t('review.rejectHint') : t('review.commentHint')}
        />
      </Space>
    </Modal>
  );
}
