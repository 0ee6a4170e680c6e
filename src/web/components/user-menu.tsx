import { Avatar, Group, Menu, Text, UnstyledButton } from '@mantine/core';
import { IconChevronDown, IconLogout, IconUser, IconUserCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useActiveSession } from '../lib/session';
import { useLogout } from '../lib/session-actions';

export function UserMenu() {
  const { t } = useTranslation();
  const session = useActiveSession();
  const logout = useLogout();
  const navigate = useNavigate();
  const role = session.agency?.role;
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <UnstyledButton aria-label={t('shell.userMenu', { name: session.user.fullName })} p={4}>
          <Group gap={8} wrap="nowrap">
            <Avatar size={32} radius="xl" color="sejf" aria-hidden>
              <IconUser size={18} />
            </Avatar>
            <Text size="sm" fw={600} visibleFrom="sm">
              {session.user.fullName}
            </Text>
            <IconChevronDown size={14} aria-hidden />
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>
          {session.user.email}
          {role ? ` · ${t(`common.roles.${role}`)}` : ''}
        </Menu.Label>
        <Menu.Item component={Link} to="/account" leftSection={<IconUserCircle size={16} aria-hidden />}>
          {t('nav.account')}
        </Menu.Item>
        <Menu.Item
          leftSection={<IconLogout size={16} aria-hidden />}
          onClick={() => {
            logout.mutate(undefined, {
              onSettled: () => {
                void navigate('/login');
              },
            });
          }}
        >
          {t('common.logout')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
