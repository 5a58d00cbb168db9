import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { POST_STATUS_COLORS, STATE_COLORS } from '../enums';
import type { Platform, PostStatus, PublicationState, Role } from '../types';

export function StateTag({ state }: { state: PublicationState }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATE_COLORS[state]} data-testid={`state-${state}`}>
      {t(`pubState.${state}`)}
    </Tag>
  );
}

export function PostStatusTag({ status }: { status: PostStatus }) {
  const { t } = useTranslation();
  return <Tag color={POST_STATUS_COLORS[status]}>{t(`postStatus.${status}`)}</Tag>;
}

export function PlatformTag({ platform }: { platform: Platform }) {
  const { t } = useTranslation();
  return <Tag>{t(`platform.${platform}`)}</Tag>;
}

export function RoleTag({ role }: { role: Role }) {
  const { t } = useTranslation();
  const color = role === 'owner' ? 'gold' : role === 'manager' ? 'blue' : undefined;
  return <Tag color={color}>{t(`role.${role}`)}</Tag>;
}
