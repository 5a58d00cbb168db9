import { LogoutOutlined, SafetyOutlined, UserOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Avatar, Button, Dropdown } from 'antd';
import { useContext } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api } from '../api';
import { errorText } from '../components/ErrorAlert';
import { MeContext } from '../session';

export function UserMenu() {
  const { t, i18n } = useTranslation();
  const me = useContext(MeContext);
  const qc = useQueryClient();
  const nav = useNavigate();
  const { message } = App.useApp();

  const signOut = async () => {
    try {
      await api.post('/auth/sign-out');
    } catch (e) {
      message.error(errorText(e, i18n.language));
      return;
    }
    qc.clear();
    nav('/signin', { replace: true });
  };

  return (
    <Dropdown
      trigger={['click']}
      menu={{
        items: [
          { key: 'who', label: me?.user.email ?? '', disabled: true },
          { type: 'divider' },
          {
            key: 'security',
            icon: <SafetyOutlined />,
            label: <span data-testid="user-security">{t('nav.security')}</span>,
            onClick: () => nav('/security'),
            disabled: !me?.workspace,
          },
          { key: 'signout', icon: <LogoutOutlined />, label: <span data-testid="sign-out">{t('shell.signOut')}</span>, onClick: () => void signOut() },
        ],
      }}
    >
      <Button type="text" data-testid="user-menu">
        <Avatar size="small" icon={<UserOutlined />} style={{ marginRight: 6 }} />
        {me?.user.name}
      </Button>
    </Dropdown>
  );
}
