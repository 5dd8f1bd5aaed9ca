// A customer's problem reports about a delivered order (docs/deliveries.md, "Problem reports"): report one, with an
// Idempotency-Key so a retried report is stored once, and list the order's reports.
import { api, call, type Schemas } from './client';

export type ProblemReport = Schemas['ProblemReport'];
export type ProblemReportCreate = Schemas['ProblemReportCreate'];

export const reportProblem = (orderId: string, body: ProblemReportCreate, idempotencyKey: string) =>
  call(
    api.POST('/v1/orders/{order_id}/reports', {
      params: { path: { order_id: orderId }, header: { 'Idempotency-Key': idempotencyKey } },
      body,
    }),
    ['kind', 'lines', 'comment'],
  );

export const orderReports = (orderId: string) =>
  call(api.GET('/v1/orders/{order_id}/reports', { params: { path: { order_id: orderId } } }));
