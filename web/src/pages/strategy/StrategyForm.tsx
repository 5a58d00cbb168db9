import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Form, type FormInstance, Input, InputNumber, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { CONTENT_FORMATS } from '../../../../contract/formats';
import { PLATFORMS } from '../../enums';
import type { Goal } from '../../types';

/** The shares' total, shown under the list (red until it is 100, as the server demands). */
function ShareSum({ form, list }: { form: FormInstance; list: 'pillars' | 'formats' }) {
  const { t } = useTranslation();
  const items = (Form.useWatch(list, form) ?? []) as { share?: number }[];
  if (!items.length) return null;
  const n = Math.round(items.reduce((a, i) => a + (Number(i?.share) || 0), 0) * 100) / 100;
  return (
    <Typography.Text type={n === 100 ? 'success' : 'danger'} data-testid={`${list}-sum`}>
      {n === 100 ? t('strategy.sum', { n }) : t('strategy.sumBad', { n })}
    </Typography.Text>
  );
}

const remove = (onClick: () => void, label: string) => <Button type="text" icon={<DeleteOutlined />} aria-label={label} onClick={onClick} />;

export function StrategyForm({ form, goals, disabled }: { form: FormInstance; goals: Goal[]; disabled: boolean }) {
  const { t } = useTranslation();
  return (
    <Form form={form} layout="vertical" disabled={disabled}>
      <Form.Item name="positioning" label={t('strategy.positioning')}>
        <Input.TextArea data-testid="strategy-positioning" rows={2} maxLength={2000} placeholder={t('strategy.positioning.ph')} />
      </Form.Item>
      <Card size="small" title={t('strategy.pillars')} style={{ marginBottom: 16 }}>
        <Form.List name="pillars">
          {(fields, { add, remove: drop }) => (
            <>
              {fields.map((f) => (
                <Flex key={f.key} gap={8} align="start" data-testid="pillar-row">
                  <Form.Item name={[f.name, 'id']} hidden>
                    <Input />
                  </Form.Item>
                  <Form.Item name={[f.name, 'name']} rules={[{ required: true, message: t('strategy.pillar.name') }]} style={{ flex: 1 }}>
                    <Input placeholder={t('strategy.pillar.name')} maxLength={40} data-testid="pillar-name" />
                  </Form.Item>
                  <Form.Item name={[f.name, 'share']} rules={[{ required: true, message: t('strategy.share') }]}>
                    <InputNumber min={0} max={100} placeholder={t('strategy.share')} style={{ width: 120 }} data-testid="pillar-share" />
                  </Form.Item>
                  <Form.Item name={[f.name, 'description']} style={{ flex: 2 }}>
                    <Input placeholder={t('strategy.persona.description')} maxLength={500} />
                  </Form.Item>
                  {remove(() => drop(f.name), t('common.remove'))}
                </Flex>
              ))}
              <Flex justify="space-between" align="center">
                <Button icon={<PlusOutlined />} onClick={() => add({ name: '', share: null, description: '' })} data-testid="add-pillar">
                  {t('strategy.addPillar')}
                </Button>
                <ShareSum form={form} list="pillars" />
              </Flex>
            </>
          )}
        </Form.List>
      </Card>
      <Card size="small" title={t('strategy.formats')} style={{ marginBottom: 16 }}>
        <Form.List name="formats">
          {(fields, { add, remove: drop }) => (
            <>
              {fields.map((f) => (
                <Flex key={f.key} gap={8} align="start">
                  <Form.Item name={[f.name, 'format']} rules={[{ required: true }]} style={{ width: 180 }}>
                    <Select options={CONTENT_FORMATS.map((x) => ({ value: x, label: t(`format.${x}`) }))} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'share']} rules={[{ required: true, message: t('strategy.share') }]}>
                    <InputNumber min={0} max={100} placeholder={t('strategy.share')} style={{ width: 120 }} />
                  </Form.Item>
                  {remove(() => drop(f.name), t('common.remove'))}
                </Flex>
              ))}
              <Flex justify="space-between" align="center">
                <Button icon={<PlusOutlined />} onClick={() => add({ share: null })}>
                  {t('strategy.addFormat')}
                </Button>
                <ShareSum form={form} list="formats" />
              </Flex>
            </>
          )}
        </Form.List>
      </Card>
      <Form.Item name="postsPerWeek" label={t('strategy.postsPerWeek')}>
        <InputNumber min={0} max={100} style={{ width: 160 }} data-testid="strategy-per-week" />
      </Form.Item>
      <Card size="small" title={t('strategy.personas')} style={{ marginBottom: 16 }}>
        <Form.List name="personas">
          {(fields, { add, remove: drop }) => (
            <>
              {fields.map((f) => (
                <Flex key={f.key} gap={8} align="start" wrap>
                  <Form.Item name={[f.name, 'id']} hidden>
                    <Input />
                  </Form.Item>
                  <Form.Item name={[f.name, 'name']} rules={[{ required: true, message: t('strategy.persona.name') }]} style={{ width: 140 }}>
                    <Input placeholder={t('strategy.persona.name')} maxLength={40} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'ageMin']}>
                    <InputNumber min={0} max={120} placeholder={t('strategy.persona.age')} style={{ width: 80 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'ageMax']}>
                    <InputNumber min={0} max={120} placeholder={t('strategy.persona.age')} style={{ width: 80 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'interests']} style={{ width: 200 }}>
                    <Select mode="tags" placeholder={t('strategy.persona.interests')} open={false} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'platforms']} style={{ width: 220 }}>
                    <Select
                      mode="multiple"
                      placeholder={t('strategy.persona.platforms')}
                      options={PLATFORMS.map((p) => ({ value: p, label: t(`platform.${p}`) }))}
                    />
                  </Form.Item>
                  <Form.Item name={[f.name, 'description']} style={{ flex: 1, minWidth: 200 }}>
                    <Input placeholder={t('strategy.persona.description')} maxLength={1000} />
                  </Form.Item>
                  {remove(() => drop(f.name), t('common.remove'))}
                </Flex>
              ))}
              <Button icon={<PlusOutlined />} onClick={() => add({ name: '', interests: [], platforms: [], ageMin: null, ageMax: null, description: '' })}>
                {t('strategy.addPersona')}
              </Button>
            </>
          )}
        </Form.List>
      </Card>
      <Card size="small" title={t('strategy.goals')} style={{ marginBottom: 16 }}>
        <Form.List name="goals">
          {(fields, { add, remove: drop }) => (
            <>
              {fields.map((f) => (
                <Flex key={f.key} gap={8} align="start">
                  <Form.Item name={[f.name, 'goalId']} rules={[{ required: true, message: t('strategy.goal') }]} style={{ flex: 1 }}>
                    <Select showSearch optionFilterProp="label" placeholder={t('strategy.goal')} options={goals.map((g) => ({ value: g.id, label: g.name }))} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'horizon']} style={{ width: 120 }}>
                    <Select options={['long', 'short'].map((h) => ({ value: h, label: t(`strategy.horizon.${h}`) }))} />
                  </Form.Item>
                  {remove(() => drop(f.name), t('common.remove'))}
                </Flex>
              ))}
              <Button icon={<PlusOutlined />} onClick={() => add({ horizon: 'short' })}>
                {t('strategy.addGoal')}
              </Button>
            </>
          )}
        </Form.List>
      </Card>
      <Form.Item name="note" label={t('strategy.note')}>
        <Input maxLength={200} data-testid="strategy-note" />
      </Form.Item>
    </Form>
  );
}
