import { Center, Container } from '@mantine/core';
import type { ReactNode } from 'react';
import { Navigate } from 'react-router';
import type { Role } from '../../shared/api/common';
import { homePathOf, useSession, type Session } from '../lib/session';
import { ErrorAlert } from './error-alert';
import { LoadingState } from './query-state';

type SessionState = Session['state'];

function SessionGate({ children }: { children: (session: Session) => ReactNode }) {
  const session = useSession();
  if (session.isPending) {
    return (
      <Center mih="60vh">
        <LoadingState />
      </Center>
    );
  }
  if (session.isError) {
    return (
      <Container size="sm" py="xl">
        <ErrorAlert
          error={session.error}
          onRetry={() => {
            void session.refetch();
          }}
        />
      </Container>
    );
  }
  return <>{children(session.data)}</>;
}

/** Lets through only a session in one of `states`; anyone else goes where their state says. */
export function RequireState({ states, children }: { states: readonly SessionState[]; children: ReactNode }) {
  return (
    <SessionGate>
      {(session) =>
        states.includes(session.state) ? children : <Navigate to={homePathOf(session)} replace />
      }
    </SessionGate>
  );
}

/** Inside an active session: only these roles; others go to their own home. */
export function RequireRole({ roles, children }: { roles: readonly Role[]; children: ReactNode }) {
  return (
    <SessionGate>
      {(session) =>
        session.state === 'active' && session.agency && roles.includes(session.agency.role) ? (
          children
        ) : (
          <Navigate to={homePathOf(session)} replace />
        )
      }
    </SessionGate>
  );
}
