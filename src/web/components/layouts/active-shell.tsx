import { useActiveSession } from '../../lib/session';
import { PanelShell } from './panel-shell';
import { StaffShell } from './staff-shell';

/** Pages every role reaches (the account) sit in the shell of the person's role. */
export function ActiveShell() {
  const session = useActiveSession();
  return session.agency?.role === 'collaborator' ? <PanelShell /> : <StaffShell />;
}
