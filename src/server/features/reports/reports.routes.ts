import { uuidParam } from '../../../shared/api/common.js';
import { importReconciliationSchema } from '../../../shared/api/imports.js';
import {
  commissionReportQuerySchema,
  commissionReportSchema,
  earningsReportSchema,
} from '../../../shared/api/reports.js';
import { actorOf, collaboratorOnly, staffRoles } from '../../http/access.js';
import type { ZodApp } from '../../http/zod-app.js';
import type { ReportService } from './reports.service.js';

const tags = ['reports'];

export function registerReportRoutes(app: ZodApp, deps: { reports: ReportService }): void {
  const { reports } = deps;

  app.get(
    '/api/reports/commission',
    {
      config: { access: staffRoles },
      schema: { tags, querystring: commissionReportQuerySchema, response: { 200: commissionReportSchema } },
    },
    async (request) => reports.commission(actorOf(request), request.query),
  );

  app.get(
    '/api/imports/:id/reconciliation',
    {
      config: { access: staffRoles },
      schema: {
        tags: ['imports'],
        description:
          'Settled lines as their statements recorded them, unsettled ones as the current rules split them today.',
        params: uuidParam,
        response: { 200: importReconciliationSchema },
      },
    },
    async (request) => reports.importReconciliation(actorOf(request), request.params.id),
  );

  app.get(
    '/api/panel/earnings',
    {
      config: { access: collaboratorOnly },
      schema: { tags, querystring: commissionReportQuerySchema, response: { 200: earningsReportSchema } },
    },
    async (request) => reports.earnings(actorOf(request), request.query),
  );
}
