// The service's status for the admin portal's System page (GET /v1/admin/system/status; the
// same document operators read at /v1/system/status). docs/openapi.yaml, tag system.
import { api, call, type Schemas } from './client';

export type SystemStatus = Schemas['SystemStatus'];

export const systemStatus = () => call(api.GET('/v1/admin/system/status'));
