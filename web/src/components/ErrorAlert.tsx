import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError, issuesOf, localMessage } from '../api';

export function errorText(error: unknown, lang: string): string {
  if (error instanceof Error) return localMessage(error.message, lang);
  return String(error);
}

/**
 * The server's message in the current language; for a validation error, each field's message.
 * The code and request id are there to quote to whoever runs the server.
 */
export function ErrorAlert({ error, style }: { error: unknown; style?: React.CSSProperties }) {
  const { t, i18n } = useTranslation();
  if (!error) return null;
  const api = error instanceof ApiError ? error : null;
  const issues = issuesOf(error);
  const meta = api ? [api.code, api.requestId && `${t('common.requestId')}: ${api.requestId}`].filter(Boolean).join(' · ') : '';
  return (
    <Alert
      type="error"
      showIcon
      data-testid="error-alert"
      title={issues.length ? t('common.checkFields') : errorText(error, i18n.language)}
      description={
        issues.length || meta ? (
          <>
            {issues.length > 0 && (
              <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                {issues.map((i) => (
                  <li key={`${i.path}:${i.message}`}>
                    {i.path && i.path !== '(root)' ? `${i.path}: ` : ''}
                    {localMessage(i.message, i18n.language)}
                  </li>
                ))}
              </ul>
            )}
            {meta && <div style={{ fontSize: 12, opacity: 0.65 }}>{meta}</div>}
          </>
        ) : undefined
      }
      style={{ marginBottom: 16, ...style }}
    />
  );
}
