import { Code, Table, Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AuditEvent } from '../../../../shared/api/audit';
import { auditEventNames, type AuditEventName } from '../../../../shared/audit-events';
import { DateText } from '../../../components/date-text';

function isKnownEvent(name: string): name is AuditEventName {
  return (auditEventNames as readonly string[]).includes(name);
}

const targetTypes = [
  'agency',
  'collaborator',
  'document',
  'document_file',
  'invitation',
  'membership',
  'second_factor',
  'session',
  'user',
  'import',
  'insurer',
  'settlement_period',
  'split_rule',
  'statement',
  'invoice',
  'agent_code',
] as const;
type TargetType = (typeof targetTypes)[number];

function isKnownTarget(type: string): type is TargetType {
  return (targetTypes as readonly string[]).includes(type);
}

function describeValue(value: unknown): string {
  if (value === null || value === undefined) {
    return '—';
  }
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
    ? String(value)
    : JSON.stringify(value);
}

function Details({ details }: { details: Record<string, unknown> }) {
  const entries = Object.entries(details);
  if (entries.length === 0) {
    return (
      <Text size="xs" c="dimmed">
        —
      </Text>
    );
  }
  return (
    <Code
      block
      fz="xs"
      style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word', background: 'transparent', padding: 0 }}
    >
      {entries.map(([key, value]) => `${key}: ${describeValue(value)}`).join('\n')}
    </Code>
  );
}

export function AuditTable({ events }: { events: readonly AuditEvent[] }) {
  const { t } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={1000}>
      <Table striped fz="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('audit.columns.at')}</Table.Th>
            <Table.Th scope="col">{t('audit.columns.actor')}</Table.Th>
            <Table.Th scope="col">{t('audit.columns.event')}</Table.Th>
            <Table.Th scope="col">{t('audit.columns.target')}</Table.Th>
            <Table.Th scope="col">{t('audit.columns.ip')}</Table.Th>
            <Table.Th scope="col">{t('audit.columns.details')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {events.map((event) => (
            <Table.Tr key={event.seq}>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <DateText value={event.at} withTime />
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{event.actorName ?? t('audit.system')}</Table.Td>
              <Table.Td>
                {isKnownEvent(event.event) ? t(`audit.events.${event.event}`) : event.event}
              </Table.Td>
              <Table.Td>
                {event.targetType ? (
                  <Tooltip label={event.targetId ?? ''} disabled={!event.targetId}>
                    <Text size="sm" span>
                      {isKnownTarget(event.targetType)
                        ? t(`audit.targets.${event.targetType}`)
                        : event.targetType}
                      {event.targetId ? (
                        <Text span c="dimmed" size="xs" className="code-text">
                          {' '}
                          {event.targetId.slice(0, 8)}
                        </Text>
                      ) : null}
                    </Text>
                  </Tooltip>
                ) : (
                  '—'
                )}
              </Table.Td>
              <Table.Td className="tabular" style={{ whiteSpace: 'nowrap' }}>
                {event.ip ?? '—'}
              </Table.Td>
              <Table.Td maw={320}>
                <Details details={event.details} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
