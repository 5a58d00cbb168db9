import { ExperimentOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Checkbox, Divider, Drawer, Flex, Form, Input, InputNumber, Select, Space, Switch, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { errorText } from '../../components/ErrorAlert';
import { accountOptions, memberOptions, useAllAccounts, useMembers } from '../../components/lookups';
import { PLATFORMS } from '../../enums';
import { useTz } from '../../session';
import { formatAt } from '../../time';
import type { DryRunResult, InboxItem, InboxRule, InboxTemplate } from '../../types';
import { actionsOf, conditionsOf, draftOf, type RuleDraft } from './rules-form';

const SENTIMENTS = ['positive', 'neutral', 'negative'] as const;
const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;

/**
 * The rule's conditions and actions, with 试运行 (the last 30 days: the count and the newest
 * matches) before it is saved or switched on. Tab moves through the fields; Ctrl/⌘+Enter saves,
 * Ctrl/⌘+D runs the dry run.
 */
export function RuleDrawer({ rule, onClose, onSaved }: { rule: InboxRule | 'new' | null; onClose: () => void; onSaved: () => void }) {
  const { t, i18n } = useTranslation();
  const tz = useTz();
  const { message } = App.useApp();
  const [form] = Form.useForm<RuleDraft>();
  const members = useMembers();
  const accounts = useAllAccounts();
  const templates = useQuery({ queryKey: ['inbox', 'templates'], queryFn: ({ signal }) => api.get<InboxTemplate[]>('/inbox/templates', undefined, signal) });
  const dry = useMutation({
    mutationFn: () => api.post<DryRunResult>('/inbox/rules/dry-run', { conditions: conditionsOf(form.getFieldsValue(true)) }),
    onError: (e) => message.error(errorText(e, i18n.language)),
  });
  const save = useMutation({
    mutationFn: (enable: boolean) => {
      const d = form.getFieldsValue(true) as RuleDraft;
      const body = { name: d.name, conditions: conditionsOf(d), actions: actionsOf(d), stopAfter: !!d.stopAfter, ...(enable ? { enabled: true } : {}) };
      return rule === 'new' || !rule ? api.post<InboxRule>('/inbox/rules', body) : api.patch<InboxRule>(`/inbox/rules/${rule.id}`, body);
    },
    onSuccess: () => {
      message.success(t('common.saved'));
      dry.reset();
      onSaved();
    },
    onError: (e) => message.error(errorText(e, i18n.language)),
  });
  const close = () => {
    dry.reset();
    onClose();
  };
  const keys = (e: React.KeyboardEvent) => {
    if (!(e.ctrlKey || e.metaKey)) return;
    if (e.key === 'Enter') {
      e.preventDefault();
      save.mutate(false);
    } else if (e.key === 'd' || e.key === 'D') {
      e.preventDefault();
      dry.mutate();
    }
  };
  const yesNo = [
    { value: 'yes', label: t('rules.yes') },
    { value: 'no', label: t('rules.no') },
  ];
  return (
    <Drawer
      open={!!rule}
      onClose={close}
      width={720}
      title={rule === 'new' ? t('rules.new') : t('rules.edit')}
      destroyOnHidden
      extra={
        <Space>
          <Button icon={<ExperimentOutlined />} onClick={() => dry.mutate()} loading={dry.isPending} data-testid="rule-dry-run">
            {t('rules.dryRun')}
          </Button>
          <Button onClick={() => save.mutate(false)} loading={save.isPending} data-testid="rule-save">
            {t('common.save')}
          </Button>
          {(rule === 'new' || (rule && !rule.enabled)) && (
            <Button type="primary" onClick={() => save.mutate(true)} loading={save.isPending} data-testid="rule-save-enable">
              {t('rules.saveEnable')}
            </Button>
          )}
        </Space>
      }
    >
      <>
        <Form form={form} layout="vertical" size="small" onKeyDown={keys} initialValues={rule && rule !== 'new' ? draftOf(rule) : { name: '' }}>
          <Form.Item name="name" label={t('rules.name')} required>
            <Input autoFocus maxLength={60} data-testid="rule-name" />
          </Form.Item>
          <Divider plain>{t('rules.conditions')}</Divider>
          <Typography.Paragraph type="secondary">{t('rules.conditionsHelp')}</Typography.Paragraph>
          <Flex gap={12}>
            <Form.Item name="anyOf" label={t('rules.anyOf')} style={{ flex: 1 }}>
              <Select mode="tags" tokenSeparators={[',', '，', ' ']} open={false} aria-label={t('rules.anyOf')} data-testid="rule-any-of" />
            </Form.Item>
            <Form.Item name="noneOf" label={t('rules.noneOf')} style={{ flex: 1 }}>
              <Select mode="tags" tokenSeparators={[',', '，', ' ']} open={false} aria-label={t('rules.noneOf')} />
            </Form.Item>
          </Flex>
          <Flex gap={12}>
            <Form.Item name="sentiment" label={t('rules.sentiment')} style={{ flex: 1 }}>
              <Select mode="multiple" allowClear options={SENTIMENTS.map((s) => ({ value: s, label: t(`inbox.sentiment.${s}`) }))} />
            </Form.Item>
            <Form.Item name="kind" label={t('rules.kind')} style={{ width: 140 }}>
              <Select allowClear options={(['comment', 'message'] as const).map((k) => ({ value: k, label: t(`inbox.kind.${k}`) }))} />
            </Form.Item>
            <Form.Item name="question" label={t('inbox.question')} style={{ width: 110 }}>
              <Select allowClear options={yesNo} />
            </Form.Item>
            <Form.Item name="complaint" label={t('inbox.complaint')} style={{ width: 110 }}>
              <Select allowClear options={yesNo} />
            </Form.Item>
          </Flex>
          <Flex gap={12}>
            <Form.Item name="platforms" label={t('rules.platforms')} style={{ flex: 1 }}>
              <Select mode="multiple" allowClear options={PLATFORMS.map((p) => ({ value: p, label: t(`platform.${p}`) }))} />
            </Form.Item>
            <Form.Item name="accountIds" label={t('rules.accounts')} style={{ flex: 1 }}>
              <Select mode="multiple" allowClear optionFilterProp="label" options={accountOptions(accounts.data)} />
            </Form.Item>
          </Flex>
          <Flex gap={12}>
            <Form.Item name="authorName" label={t('rules.authorName')} style={{ flex: 1 }}>
              <Input maxLength={60} />
            </Form.Item>
            <Form.Item name="authorId" label={t('rules.authorId')} style={{ flex: 1 }}>
              <Input maxLength={200} />
            </Form.Item>
          </Flex>
          <Form.Item name="weekdays" label={t('rules.weekdays')}>
            <Checkbox.Group options={[1, 2, 3, 4, 5, 6, 7].map((d) => ({ value: d, label: t(`rules.weekday.${d}`) }))} />
          </Form.Item>
          <Flex gap={12} align="end">
            <Form.Item name="hourFrom" label={t('rules.hourFrom')}>
              <InputNumber min={0} max={23} precision={0} />
            </Form.Item>
            <Form.Item name="hourTo" label={t('rules.hourTo')}>
              <InputNumber min={0} max={24} precision={0} />
            </Form.Item>
            <Form.Item name="businessHours" label={t('rules.businessHours')} style={{ flex: 1 }}>
              <Select
                allowClear
                options={[
                  { value: 'inside', label: t('rules.business.inside') },
                  { value: 'outside', label: t('rules.business.outside') },
                ]}
              />
            </Form.Item>
          </Flex>
          <Divider plain>{t('rules.actions')}</Divider>
          <Flex gap={12}>
            <Form.Item name="assigneeId" label={t('rules.assign')} style={{ flex: 1 }}>
              <Select allowClear showSearch optionFilterProp="label" options={memberOptions(members.data)} data-testid="rule-assignee" />
            </Form.Item>
            <Form.Item name="priority" label={t('rules.priority')} style={{ width: 140 }}>
              <Select allowClear options={PRIORITIES.map((p) => ({ value: p, label: t(`inbox.priority.${p}`) }))} />
            </Form.Item>
          </Flex>
          <Flex gap={12}>
            <Form.Item name="addTags" label={t('rules.addTags')} style={{ flex: 1 }}>
              <Select mode="tags" tokenSeparators={[',', '，']} open={false} aria-label={t('rules.addTags')} data-testid="rule-tags" />
            </Form.Item>
            <Form.Item name="notifyUserIds" label={t('rules.notify')} style={{ flex: 1 }}>
              <Select mode="multiple" allowClear optionFilterProp="label" options={memberOptions(members.data)} />
            </Form.Item>
          </Flex>
          <Flex gap={12} align="center">
            <Form.Item name="replyTemplateId" label={t('rules.reply')} extra={t('rules.replyHelp')} style={{ flex: 1 }}>
              <Select
                allowClear
                options={(templates.data ?? []).map((x) => ({ value: x.id, label: x.name }))}
                aria-label={t('rules.reply')}
                data-testid="rule-template"
              />
            </Form.Item>
            <Form.Item name="alert" label={t('rules.alert')} valuePropName="checked">
              <Switch />
            </Form.Item>
            <Form.Item name="stopAfter" label={t('rules.stopAfter')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Flex>
        </Form>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('rules.keys')}
        </Typography.Text>
        {dry.data && <DryRun result={dry.data} tz={tz} />}
      </>
    </Drawer>
  );
}

function DryRun({ result, tz }: { result: DryRunResult; tz: string }) {
  const { t } = useTranslation();
  return (
    <div data-testid="rule-dry-result" style={{ marginTop: 16 }}>
      <Alert
        type={result.matched ? 'info' : 'warning'}
        showIcon
        message={t('rules.dryMatched', { n: result.matched })}
        description={result.matched > result.items.length ? t('rules.dryNewest', { n: result.items.length }) : undefined}
        style={{ marginBottom: 8 }}
      />
      <Table<InboxItem>
        size="small"
        rowKey="id"
        dataSource={result.items}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        columns={[
          { title: t('rules.col.at'), dataIndex: 'at', width: 150, render: (a: string) => formatAt(a, tz) },
          { title: t('rules.col.account'), dataIndex: 'accountName', width: 110 },
          { title: t('rules.col.author'), dataIndex: 'authorName', width: 100 },
          { title: t('rules.col.text'), dataIndex: 'text', ellipsis: true },
        ]}
      />
    </div>
  );
}
