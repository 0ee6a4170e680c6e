import type { Clock } from '../../clock.js';
import type { Actor } from '../../http/access.js';
import type { CollaboratorService } from '../collaborators/collaborators.service.js';
import type { DocumentService } from '../documents/documents.service.js';
import type { InvitationService } from '../invitations/invitations.service.js';

export type DashboardService = ReturnType<typeof createDashboardService>;

/** Month boundaries in Poland's time zone, as UTC instants. */
function warsawMonthBounds(now: Date): { start: Date; next: Date } {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Warsaw',
    year: 'numeric',
    month: '2-digit',
  })
    .formatToParts(now)
    .reduce<Record<string, string>>((acc, part) => ({ ...acc, [part.type]: part.value }), {});
  const year = Number(parts.year);
  const month = Number(parts.month);
  const offsetAt = (date: Date) => {
    const local = new Date(date.toLocaleString('en-US', { timeZone: 'Europe/Warsaw' }));
    const utc = new Date(date.toLocaleString('en-US', { timeZone: 'UTC' }));
    return local.getTime() - utc.getTime();
  };
  const startUtc = new Date(Date.UTC(year, month - 1, 1));
  const nextUtc = new Date(Date.UTC(month === 12 ? year + 1 : year, month === 12 ? 0 : month, 1));
  return {
    start: new Date(startUtc.getTime() - offsetAt(startUtc)),
    next: new Date(nextUtc.getTime() - offsetAt(nextUtc)),
  };
}

/** The owner's and staff's start page: what waits for someone to act. */
export function createDashboardService(deps: {
  clock: Clock;
  collaborators: CollaboratorService;
  documents: DocumentService;
  invitations: InvitationService;
}) {
  return {
    async get(actor: Actor) {
      const { start, next } = warsawMonthBounds(deps.clock.now());
      const collaborators = await deps.collaborators.list(actor, { status: 'current' });
      // The dashboard's invitation counts lead to the collaborators list; staff invitations live on the team page.
      const invitations = (await deps.invitations.list(actor, 'pending')).filter(
        (i) => i.role === 'collaborator',
      );
      const counts = await deps.documents.dashboardCounts(actor, start, next);
      return {
        collaborators: {
          total: collaborators.length,
          active: collaborators.filter((c) => c.status === 'active').length,
          invited: collaborators.filter((c) => c.status === 'invited').length,
          notInvited: collaborators.filter((c) => c.status === 'not_invited').length,
        },
        ...counts,
        pendingInvitations: invitations.filter((i) => i.status === 'pending').length,
        expiredInvitations: invitations.filter((i) => i.status === 'expired').length,
      };
    },
  };
}
