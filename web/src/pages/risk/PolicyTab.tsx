import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Card, List, Segmented, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { ErrorAlert, errorText } from '../../components/ErrorAlert';
import { Loadable } from '../../components/Loading';
import { POLICY_CATEGORIES, type RiskAction, type RiskCategory, type RiskPolicyView } from './types';

export function PolicyTab({ manage }: { manage: boolean }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: ['risk', 'policy'], queryFn: ({ signal }) => api.get<RiskPolicyView>('/risk/policy', undefined, signal) });
  const save = useMutation({
    mutationFn: (patch: Partial<Record<RiskCategory, RiskAction>>) => api.patch<RiskPolicyView>('/risk/policy', patch),
    onSuccess: (v) => {
      qc.setQueryData(['risk', 'policy'], v);
      void qc.invalidateQueries({ queryKey: ['screen'] });
      message.success(t('risk.policySaved'));
    },
    onError: (e) => message.error(errorText(e, i18n.language)),
  });
  return (
    <Loadable query={q}>
      {(v) => (
        <Card>
          <ErrorAlert error={save.error} />
          <Typography.Paragraph type="secondary">{t('risk.policyHint')}</Typography.Paragraph>
          <List
            dataSource={POLICY_CATEGORIES}
            renderItem={(c) => (
              <List.Item
                data-testid={`policy-${c}`}
                extra={
                  <Segmented<RiskAction>
                    value={v.policy[c]}
                    disabled={!manage || save.isPending}
                    onChange={(a) => save.mutate({ [c]: a })}
                    options={(['block', 'warn', 'off'] as const).map((a) => ({
                      value: a,
                      label: <span data-testid={`policy-${c}-${a}`}>{t(`risk.action.${a}`)}</span>,
                    }))}
                  />
                }
              >
                <List.Item.Meta
                  title={t(`risk.cat.${c}`)}
                  description={
                    <>
                      {t(`risk.catHint.${c}`)}
                      {c === 'ad_law' && v.adLawDisabled > 0 && <div>{t('risk.adLawDisabled', { count: v.adLawDisabled })}</div>}
                    </>
                  }
                />
              </List.Item>
            )}
          />
        </Card>
      )}
    </Loadable>
  );
}
