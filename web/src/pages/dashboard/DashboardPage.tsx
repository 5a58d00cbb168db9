import { CheckCircleTwoTone, CloseCircleTwoTone, QuestionCircleOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Card, Col, Empty, Input, Row, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { PlatformTag } from '../../components/Tags';
import { HEALTH_ISSUES, PLATFORMS } from '../../enums';
import { useTz } from '../../session';
import { formatAt } from '../../time';
import type { AccountHealth } from '../../types';
import { cadenceStatus, summarize } from './health';

const ISSUE_COLORS: Record<string, string> = {
  no_credentials: 'orange',
  connection_failed: 'red',
  verification_expiring: 'gold',
  verification_expired: 'red',
  unverified: 'default',
  quiet: 'purple',
};

export default function DashboardPage() {
  const { t } = useTranslation();
  const tz = useTz();
  const q = useQuery({ queryKey: ['accounts-health'], queryFn: ({ signal }) => api.get<AccountHealth[]>('/accounts-health', undefined, signal) });
  const [platform, setPlatform] = useState<string>();
  const [issue, setIssue] = useState<string>();
  const [search, setSearch] = useState('');
  const rows = useMemo(
    () =>
      (q.data ?? []).filter(
        (h) =>
          (!platform || h.platform === platform) &&
          (!issue || h.issues.includes(issue as never)) &&
          (!search || h.name.toLowerCase().includes(search.toLowerCase())),
      ),
    [q.data, platform, issue, search],
  );
  const sum = summarize(q.data ?? []);

  return (
    <>
      <PageHeader title={t('dashboard.title')} sub={t('dashboard.sub')} />
      <ErrorAlert error={q.error} />
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        {(
          [
            ['total', sum.total, undefined],
            ['withIssues', sum.withIssues, sum.withIssues ? '#cf1322' : undefined],
            ['credentialProblems', sum.credentialProblems, sum.credentialProblems ? '#cf1322' : undefined],
            ['verificationSoon', sum.verificationSoon, sum.verificationSoon ? '#d48806' : undefined],
            ['behind', sum.behind, sum.behind ? '#d48806' : undefined],
          ] as const
        ).map(([key, value, color]) => (
          <Col key={key} xs={12} md={8} xl={4}>
            <Card size="small" loading={q.isPending}>
              <Statistic title={t(`dashboard.${key}`)} value={value} styles={{ content: color ? { color } : undefined }} />
            </Card>
          </Col>
        ))}
      </Row>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          allowClear
          placeholder={t('accounts.platform')}
          style={{ width: 160 }}
          value={platform}
          onChange={setPlatform}
          options={PLATFORMS.map((p) => ({ value: p, label: t(`platform.${p}`) }))}
        />
        <Select
          allowClear
          placeholder={t('dashboard.issue')}
          style={{ width: 180 }}
          value={issue}
          onChange={setIssue}
          options={HEALTH_ISSUES.map((i) => ({ value: i, label: t(`issue.${i}`) }))}
        />
        <Input.Search allowClear placeholder={t('common.searchName')} onSearch={setSearch} style={{ width: 220 }} />
      </Space>
      <Table<AccountHealth>
        rowKey="accountId"
        loading={q.isPending}
        dataSource={rows}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: <Empty description={q.data?.length ? t('common.noMatch') : t('dashboard.noAccounts')} /> }}
        scroll={{ x: 900 }}
        columns={[
          {
            title: t('accounts.name'),
            render: (_, h) => (
              <Space>
                <Link to={`/accounts?q=${encodeURIComponent(h.name)}`}>{h.name}</Link>
                <PlatformTag platform={h.platform} />
              </Space>
            ),
          },
          {
            title: t('dashboard.credentials'),
            width: 110,
            render: (_, h) =>
              h.credentialsOk === null ? (
                <QuestionCircleOutlined title={t('dashboard.unchecked')} />
              ) : h.credentialsOk ? (
                <CheckCircleTwoTone twoToneColor="#52c41a" title="OK" />
              ) : (
                <CloseCircleTwoTone twoToneColor="#ff4d4f" title={t('dashboard.failed')} />
              ),
          },
          {
            title: t('dashboard.verificationIn'),
            width: 140,
            render: (_, h) =>
              h.verificationExpiresInDays === null ? (
                '—'
              ) : (
                <Typography.Text type={h.verificationExpiresInDays < 0 ? 'danger' : h.verificationExpiresInDays <= 30 ? 'warning' : undefined}>
                  {h.verificationExpiresInDays < 0
                    ? t('dashboard.expiredAgo', { count: -h.verificationExpiresInDays })
                    : t('dashboard.inDays', { count: h.verificationExpiresInDays })}
                </Typography.Text>
              ),
          },
          { title: t('dashboard.lastPost'), width: 160, render: (_, h) => formatAt(h.lastPublishedAt, tz) },
          {
            title: t('dashboard.cadence'),
            width: 220,
            render: (_, h) => {
              const s = cadenceStatus(h);
              const text =
                h.daysSinceLastPost === null
                  ? t('dashboard.neverPosted', { target: h.cadencePerWeek ?? '—' })
                  : t('dashboard.cadenceText', {
                      days: h.daysSinceLastPost ?? '—',
                      posts: h.postsLast7Days,
                      target: h.cadencePerWeek ?? '—',
                    });
              return <Typography.Text type={s === 'behind' || s === 'never' ? 'warning' : undefined}>{text}</Typography.Text>;
            },
          },
          {
            title: t('dashboard.issues'),
            render: (_, h) =>
              h.issues.length ? (
                h.issues.map((i) => (
                  <Tag key={i} color={ISSUE_COLORS[i]}>
                    {t(`issue.${i}`)}
                  </Tag>
                ))
              ) : (
                <Tag color="green">{t('dashboard.healthy')}</Tag>
              ),
          },
        ]}
      />
    </>
  );
}
