import { AppShell, Box, Burger, Divider, Group, NavLink, ScrollArea } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import {
  IconBuildingBank,
  IconFileImport,
  IconFileText,
  IconHome,
  IconPercentage,
  IconReceipt,
  IconListDetails,
  IconMail,
  IconSettings,
  IconUserCircle,
  IconUsers,
  IconUsersGroup,
} from '@tabler/icons-react';
import type { ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation } from 'react-router';
import { useAppConfig } from '../../lib/app-config';
import { useActiveSession } from '../../lib/session';
import { AgencySwitcher } from '../agency-switcher';
import { Brand } from '../brand';
import { LanguageSwitch } from '../language-switch';
import { useFocusHeadingOnNavigate } from '../use-focus-heading';
import { UserMenu } from '../user-menu';

type NavItem = { to: string; label: string; icon: ComponentType<{ size?: number }>; exact?: boolean };

function isCurrent(pathname: string, item: NavItem): boolean {
  return item.exact ? pathname === item.to : pathname === item.to || pathname.startsWith(`${item.to}/`);
}

/** Owner and office: a dense desktop layout with the sections in a side navigation. */
export function StaffShell() {
  const { t } = useTranslation();
  const session = useActiveSession();
  const config = useAppConfig();
  const { pathname, hash } = useLocation();
  const [opened, { toggle, close }] = useDisclosure(false);
  useFocusHeadingOnNavigate();
  const isOwner = session.agency?.role === 'owner';

  const items: NavItem[] = [
    { to: '/', label: t('nav.dashboard'), icon: IconHome, exact: true },
    { to: '/periods', label: t('nav.periods'), icon: IconReceipt },
    { to: '/imports', label: t('nav.imports'), icon: IconFileImport },
    { to: '/rules', label: t('nav.rules'), icon: IconPercentage },
    { to: '/insurers', label: t('nav.insurers'), icon: IconBuildingBank },
    { to: '/collaborators', label: t('nav.collaborators'), icon: IconUsers },
    { to: '/documents', label: t('nav.documents'), icon: IconFileText },
    ...(isOwner
      ? [
          { to: '/audit', label: t('nav.audit'), icon: IconListDetails },
          { to: '/team', label: t('nav.team'), icon: IconUsersGroup },
          { to: '/settings', label: t('nav.settings'), icon: IconSettings, exact: true },
        ]
      : []),
    ...(isOwner && config.data?.devOutbox
      ? [{ to: '/settings#outbox', label: t('nav.devOutbox'), icon: IconMail }]
      : []),
  ];

  const renderItem = (item: NavItem) => {
    const isOutbox = pathname === '/settings' && hash === '#outbox';
    const active =
      item.to === '/settings#outbox'
        ? isOutbox
        : item.to === '/settings'
          ? pathname === '/settings' && !isOutbox
          : isCurrent(pathname, item);
    const Icon = item.icon;
    return (
      <NavLink
        key={item.to}
        component={Link}
        to={item.to}
        label={item.label}
        leftSection={<Icon size={18} />}
        active={active}
        aria-current={active ? 'page' : undefined}
        onClick={close}
      />
    );
  };

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 240, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="lg"
    >
      <a href="#main" className="skip-link">
        {t('common.skipToContent')}
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="xs" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('shell.menu')} />
            <Brand />
            <Box visibleFrom="md" ml="sm">
              <AgencySwitcher />
            </Box>
          </Group>
          <Group gap="xs" wrap="nowrap">
            <LanguageSwitch />
            <UserMenu />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label={t('shell.mainNavigation')}>
        <Box hiddenFrom="md" px="xs" pb="xs">
          <AgencySwitcher />
        </Box>
        <AppShell.Section grow component={ScrollArea}>
          {items.map(renderItem)}
        </AppShell.Section>
        <Divider my="xs" />
        <AppShell.Section>
          {renderItem({ to: '/account', label: t('nav.account'), icon: IconUserCircle })}
        </AppShell.Section>
      </AppShell.Navbar>
      <AppShell.Main id="main" tabIndex={-1} bg="gray.0">
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
