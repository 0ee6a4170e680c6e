import { ActionIcon, Box, Button, Container, Group, Text, Tooltip } from '@mantine/core';
import { IconLogout } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { useActiveSession } from '../../lib/session';
import { useLogout } from '../../lib/session-actions';
import { Brand } from '../brand';
import { LanguageSwitch } from '../language-switch';
import { useFocusHeadingOnNavigate } from '../use-focus-heading';

/** The collaborator's panel: phone first, one column, large type, three destinations. */
export function PanelShell() {
  const { t } = useTranslation();
  const session = useActiveSession();
  const logout = useLogout();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  useFocusHeadingOnNavigate();
  // The documents live at /panel itself, so "under /panel/" alone would also match the statements.
  const links = [
    { to: '/panel/statements', label: t('nav.myStatements'), prefixes: ['/panel/statements'] },
    { to: '/panel', label: t('nav.documents'), prefixes: ['/panel/documents'] },
    { to: '/account', label: t('nav.account'), prefixes: ['/account'] },
  ];
  return (
    <Box mih="100vh" bg="gray.0" fz="lg">
      <a href="#main" className="skip-link">
        {t('common.skipToContent')}
      </a>
      <Box component="header" bg="white" style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}>
        <Container size={720} px="md" py="xs">
          <Group justify="space-between" wrap="nowrap" gap="xs">
            <Box miw={0}>
              <Brand />
              <Text size="sm" c="dimmed" truncate="end">
                {session.agency?.name}
              </Text>
            </Box>
            <Group gap={6} wrap="nowrap">
              <LanguageSwitch />
              <Tooltip label={t('common.logout')}>
                <ActionIcon
                  variant="default"
                  size="lg"
                  aria-label={t('common.logout')}
                  loading={logout.isPending}
                  onClick={() => {
                    logout.mutate(undefined, {
                      onSettled: () => {
                        void navigate('/login');
                      },
                    });
                  }}
                >
                  <IconLogout size={18} aria-hidden />
                </ActionIcon>
              </Tooltip>
            </Group>
          </Group>
          <Group component="nav" aria-label={t('shell.mainNavigation')} gap="xs" mt="xs" grow>
            {links.map(({ to, label, prefixes }) => {
              const isActive =
                pathname === to ||
                prefixes.some((prefix) => pathname === prefix || pathname.startsWith(`${prefix}/`));
              return (
                <Button
                  key={to}
                  component={Link}
                  to={to}
                  size="md"
                  px={6}
                  styles={{ label: { fontSize: 'var(--mantine-font-size-sm)' } }}
                  variant={isActive ? 'filled' : 'default'}
                  aria-current={isActive ? 'page' : undefined}
                >
                  {label}
                </Button>
              );
            })}
          </Group>
        </Container>
      </Box>
      <Container component="main" id="main" size={720} px="md" py="lg" tabIndex={-1}>
        <Outlet />
      </Container>
    </Box>
  );
}
