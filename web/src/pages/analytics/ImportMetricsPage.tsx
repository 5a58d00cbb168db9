import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Card, Flex, Switch, Table, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { API_BASE, api } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import type { MetricsImportPreview, MetricsImportResult, MetricsImportRow } from '../../types';
import { formatFigure, METRIC_FIELDS } from './fields';

const ACTION_COLOR = { insert: 'green', replace: 'orange', unchanged: 'default' } as const;

const formOf = (file: File) => {
  const form = new FormData();
  form.append('file', file);
  return form;
};

/** Figures from a CSV or xlsx: upload, preview every row with its errors, import the good ones. */
export default function ImportMetricsPage() {
  const { t, i18n } = useTranslation();
  const zh = i18n.language.startsWith('zh');
  const [file, setFile] = useState<File | null>(null);
  const [onlyErrors, setOnlyErrors] = useState(false);
  const preview = useMutation({ mutationFn: (f: File) => api.upload<MetricsImportPreview>('/analytics/imports/preview', formOf(f)) });
  const commit = useMutation({ mutationFn: (f: File) => api.upload<MetricsImportResult>('/analytics/imports', formOf(f)) });

  const choose = (f: File) => {
    setFile(f);
    setOnlyErrors(false);
    commit.reset();
    preview.mutate(f);
  };
  const reset = () => {
    setFile(null);
    preview.reset();
    commit.reset();
  };
  const p = preview.data;
  const rows = (p?.rows ?? []).filter((r) => !onlyErrors || r.errors.length > 0);
  const done = commit.data;

  return (
    <>
      <PageHeader
        title={t('import.title')}
        sub={t('import.sub')}
        extra={
          <>
            <Button icon={<DownloadOutlined />} href={`${API_BASE}/analytics/imports/template?format=xlsx`} data-testid="template-xlsx">
              {t('import.templateXlsx')}
            </Button>
            <Button icon={<DownloadOutlined />} href={`${API_BASE}/analytics/imports/template?format=csv`} data-testid="template-csv">
              {t('import.templateCsv')}
            </Button>
          </>
        }
      />
      {!file && (
        <div data-testid="import-drop">
          <Upload.Dragger
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            showUploadList={false}
            beforeUpload={(f) => {
              choose(f);
              return false;
            }}
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">{t('import.drop')}</p>
            <p className="ant-upload-hint">{t('import.dropHint')}</p>
          </Upload.Dragger>
        </div>
      )}
      <ErrorAlert error={preview.error ?? commit.error} />
      {file && (preview.isPending || p) && (
        <Card
          loading={preview.isPending}
          title={t('import.previewOf', { name: file.name })}
          extra={
            <Button onClick={reset} data-testid="import-another">
              {t('import.another')}
            </Button>
          }
        >
          {p && (
            <>
              {done ? (
                <Alert
                  type="success"
                  showIcon
                  title={t('import.done')}
                  description={t('import.result', done)}
                  style={{ marginBottom: 12 }}
                  data-testid="import-result"
                />
              ) : (
                <Alert
                  type={p.summary.invalid ? 'warning' : 'info'}
                  showIcon
                  title={t('import.summary', p.summary)}
                  style={{ marginBottom: 12 }}
                  data-testid="import-summary"
                  action={
                    <Button
                      type="primary"
                      disabled={!p.summary.valid}
                      loading={commit.isPending}
                      onClick={() => commit.mutate(file)}
                      data-testid="import-commit"
                    >
                      {p.summary.valid ? t('import.commit', { count: p.summary.valid }) : t('import.nothing')}
                    </Button>
                  }
                />
              )}
              {p.summary.invalid > 0 && (
                <Flex gap={8} align="center" style={{ marginBottom: 8 }}>
                  <Switch size="small" checked={onlyErrors} onChange={setOnlyErrors} data-testid="import-only-errors" />
                  <Typography.Text>{t('import.onlyErrors')}</Typography.Text>
                </Flex>
              )}
              <Table<MetricsImportRow>
                size="small"
                rowKey="line"
                dataSource={rows}
                pagination={rows.length > 50 ? { pageSize: 50 } : false}
                scroll={{ x: 1100 }}
                data-testid="import-rows"
                onRow={(r) => ({ style: r.errors.length ? { background: '#fff2f0' } : undefined })}
                columns={[
                  { title: t('import.line'), dataIndex: 'line', width: 64, fixed: 'left' },
                  {
                    title: t('import.post'),
                    key: 'post',
                    width: 240,
                    render: (_, r) =>
                      r.postTitle ? (
                        <>
                          <div>{r.postTitle}</div>
                          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                            {r.accountName}
                          </Typography.Text>
                        </>
                      ) : (
                        <Typography.Text type="secondary" ellipsis style={{ maxWidth: 220 }} title={r.link ?? ''}>
                          {r.link ?? '—'}
                        </Typography.Text>
                      ),
                  },
                  { title: t('metrics.day'), key: 'day', width: 108, render: (_, r) => r.day ?? '—' },
                  {
                    title: t('import.status'),
                    key: 'status',
                    width: 300,
                    render: (_, r) =>
                      r.errors.length ? (
                        <Flex vertical gap={2} data-testid="import-row-errors">
                          {r.errors.map((e) => (
                            <Typography.Text key={`${e.field}:${e.en}`} type="danger" style={{ fontSize: 12 }}>
                              {zh ? e.zh : e.en}
                            </Typography.Text>
                          ))}
                        </Flex>
                      ) : r.action ? (
                        <Tag color={ACTION_COLOR[r.action]}>{t(`import.action.${r.action}`)}</Tag>
                      ) : null,
                  },
                  ...METRIC_FIELDS.map((f) => ({
                    title: t(`metrics.${f}`),
                    key: f,
                    align: 'right' as const,
                    width: 90,
                    render: (_: unknown, r: MetricsImportRow) => formatFigure(r.values[f], i18n.language),
                  })),
                ]}
              />
            </>
          )}
        </Card>
      )}
    </>
  );
}
