import { Button, Menu, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconBuilding, IconCheck, IconChevronDown } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useDescribeError } from '../lib/error-message';
import { homePathOf, useActiveSession } from '../lib/session';
import { useSwitchAgency } from '../lib/session-actions';

/** The agency this session works in; a menu to switch when the person belongs to several. */
export function AgencySwitcher() {
  const { t } = useTranslation();
  const session = useActiveSession();
  const switchAgency = useSwitchAgency();
  const navigate = useNavigate();
  const describe = useDescribeError();
  const current = session.agency;
  if (!current) {
    return null;
  }
  if (session.memberships.length < 2) {
    return (
      <Text fw={600} size="sm" truncate="end" maw={320}>
        {current.name}
      </Text>
    );
  }
  return (
    <Menu position="bottom-start" withinPortal>
      <Menu.Target>
        <Button
          variant="subtle"
          color="dark"
          leftSection={<IconBuilding size={16} aria-hidden />}
          rightSection={<IconChevronDown size={14} aria-hidden />}
          aria-label={t('shell.switchAgencyLabel', { name: current.name })}
          loading={switchAgency.isPending}
        >
          {current.name}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{t('shell.switchAgency')}</Menu.Label>
        {session.memberships.map((membership) => (
          <Menu.Item
            key={membership.agencyId}
            leftSection={
              membership.agencyId === current.id ? (
                <IconCheck size={14} aria-hidden />
              ) : (
                <span style={{ width: 14 }} />
              )
            }
            disabled={membership.agencyId === current.id}
            onClick={() => {
              switchAgency.mutate(membership.agencyId, {
                onSuccess: (next) => {
                  void navigate(homePathOf(next));
                  notifications.show({ message: t('shell.switched', { name: membership.agencyName }) });
                },
                onError: (error) => notifications.show({ color: 'red', message: describe(error) }),
              });
            }}
          >
            {membership.agencyName} ({t(`common.roles.${membership.role}`)})
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
