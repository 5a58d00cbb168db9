import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Descriptions, Popconfirm, Row, Select, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { Loadable } from '../../components/Loading';
import { useMembers } from '../../components/lookups';
import { useCan, useTz } from '../../session';
import { formatAt } from '../../time';
import { ChecklistCard } from './ChecklistCard';
import { PauseCard } from './PauseCard';
import { PostmortemCard } from './PostmortemCard';
import { StatementsCard } from './StatementsCard';
import { TimelineCard } from './TimelineCard';
import { type IncidentDetail, type IncidentStatus, nextStatuses, SEVERITIES, SEVERITY_COLORS, STATUS_COLORS } from './types';
import { incidentApi, useIncident, useIncidentAction } from './useIncident';

function StatusActions({ inc }: { inc: IncidentDetail }) {
  const { t } = useTranslation();
  const can = useCan();
  const move = useIncidentAction(inc.id, incidentApi.post<{ status: IncidentStatus }>(inc.id, '/status'));
  if (!can('incidents.write')) return null;
  return (
    <Space wrap>
      {nextStatuses(inc.status)
        .filter((s) => s !== 'closed' || can('incidents.manage'))
        .map((s: IncidentStatus) => (
          <Popconfirm key={s} title={t('incidents.moveConfirm', { status: t(`incidentStatus.${s}`) })} onConfirm={() => move.mutate({ status: s })}>
            <Button
              data-testid={`incident-move-${s}`}
              type={s === 'resolved' || s === 'closed' ? 'primary' : 'default'}
              loading={move.isPending && move.variables?.status === s}
            >
              {t(`incidents.moveTo.${s}`)}
            </Button>
          </Popconfirm>
        ))}
    </Space>
  );
}

function Facts({ inc }: { inc: IncidentDetail }) {
  const { t } = useTranslation();
  const tz = useTz();
  const can = useCan();
  const members = useMembers();
  const edit = useIncidentAction(inc.id, incidentApi.patch(inc.id));
  const manage = can('incidents.manage') && inc.status !== 'closed';
  const nameOf = (id: string) => members.data?.find((m) => m.userId === id)?.name ?? '—';
  return (
    <Card size="small" title={t('incidents.facts')}>
      <Descriptions column={1} size="small">
        <Descriptions.Item label={t('incidents.severity')}>
          {manage ? (
            <Select
              size="small"
              data-testid="incident-severity"
              style={{ width: 140 }}
              value={inc.severity}
              onChange={(severity) => edit.mutate({ severity })}
              options={SEVERITIES.map((s) => ({ value: s, label: t(`severity.${s}`) }))}
            />
          ) : (
            <Tag color={SEVERITY_COLORS[inc.severity]}>{t(`severity.${inc.severity}`)}</Tag>
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t('incidents.owner')}>
          {manage ? (
            <Select
              size="small"
              showSearch
              optionFilterProp="label"
              style={{ width: 160 }}
              value={inc.ownerId ?? undefined}
              onChange={(ownerId) => edit.mutate({ ownerId })}
              options={(members.data ?? []).filter((m) => m.role !== 'guest').map((m) => ({ value: m.userId, label: m.name || m.email }))}
            />
          ) : (
            (inc.ownerName ?? '—')
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t('incidents.trigger')}>
          {inc.trigger === 'alert' && inc.alertId ? <Link to={`/alerts?id=${inc.alertId}`}>{t('incidents.triggerAlert')}</Link> : t('incidents.triggerManual')}
        </Descriptions.Item>
        <Descriptions.Item label={t('incidents.openedBy')}>{nameOf(inc.openedBy)}</Descriptions.Item>
        <Descriptions.Item label={t('incidents.openedAt')}>{formatAt(inc.openedAt, tz)}</Descriptions.Item>
        {inc.resolvedAt && <Descriptions.Item label={t('incidents.resolvedAt')}>{formatAt(inc.resolvedAt, tz)}</Descriptions.Item>}
        {inc.closedAt && <Descriptions.Item label={t('incidents.closedAt')}>{formatAt(inc.closedAt, tz)}</Descriptions.Item>}
      </Descriptions>
      {inc.description && <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginTop: 8, marginBottom: 0 }}>{inc.description}</Typography.Paragraph>}
    </Card>
  );
}

export default function IncidentDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const nav = useNavigate();
  const q = useIncident(id);
  return (
    <Loadable query={q}>
      {(inc) => (
        <>
          <Space align="start" style={{ width: '100%', justifyContent: 'space-between', marginBottom: 16 }} wrap>
            <Space align="center" wrap>
              <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => nav('/incidents')} aria-label={t('incidents.back')} />
              <Typography.Title level={3} style={{ margin: 0 }} data-testid="incident-heading">
                <Typography.Text type="secondary">#{inc.number} </Typography.Text>
                {inc.title}
              </Typography.Title>
              <Tag color={SEVERITY_COLORS[inc.severity]}>{t(`severity.${inc.severity}`)}</Tag>
              <Tag color={STATUS_COLORS[inc.status]} data-testid="incident-status">
                {t(`incidentStatus.${inc.status}`)}
              </Tag>
            </Space>
            <StatusActions inc={inc} />
          </Space>
          {inc.status === 'resolved' && !inc.postmortem?.rootCause && (
            <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('incidents.closeNeedsPm')} />
          )}
          <Row gutter={[16, 16]}>
            <Col xs={24} lg={16}>
              <Space orientation="vertical" size={16} style={{ width: '100%' }}>
                <PauseCard inc={inc} />
                <ChecklistCard inc={inc} />
                <TimelineCard inc={inc} />
              </Space>
            </Col>
            <Col xs={24} lg={8}>
              <Space orientation="vertical" size={16} style={{ width: '100%' }}>
                <Facts inc={inc} />
                <StatementsCard inc={inc} />
              </Space>
            </Col>
            <Col span={24}>
              <PostmortemCard inc={inc} />
            </Col>
          </Row>
        </>
      )}
    </Loadable>
  );
}
