import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Review } from '../../types';

/** Where a review stands: locked, or who has signed so far. */
export function ReviewStatus({ r }: { r: Pick<Review, 'locked' | 'memberSignedAt' | 'managerSignedAt'> }) {
  const { t } = useTranslation();
  if (r.locked) return <Tag color="green">{t('team.review.locked')}</Tag>;
  return (
    <>
      {r.memberSignedAt && <Tag color="blue">{t('team.review.memberSigned')}</Tag>}
      {r.managerSignedAt && <Tag color="purple">{t('team.review.managerSigned')}</Tag>}
      {!r.memberSignedAt && !r.managerSignedAt && <Tag>{t('team.review.pending')}</Tag>}
    </>
  );
}
