// Building blocks of the admin API's OpenAPI document (openapi.ts): one
// operation with its least role and its error answers, envelopes, parameters.
import type { AdminRole } from '../store/model.ts';

export type Status = 200 | 201 | 400 | 401 | 403 | 404 | 409 | 413 | 422 | 502;

export const ERROR_NAMES: Record<number, [string, string]> = {
  400: [
    'BadRequest',
    'The request is wrong: the message names the field, the hint shows a correct one',
  ],
  401: [
    'Unauthenticated',
    'No admin token, or one that is unknown, revoked, expired or a consumer token',
  ],
  403: ['Forbidden', 'The token’s role may not do this (audited as denied)'],
  404: ['NotFound', 'No such consumer, token or admin token'],
  409: ['Conflict', 'Conflicts with what the broker holds (a key of that name, the same key)'],
  413: ['TooLarge', 'The request body is over the size limit (1 MiB by default)'],
  422: [
    'RotationRefused',
    'The rotation test step refused the new key: `report` names every difference (RotationRefusedError)',
  ],
  502: [
    'Upstream',
    'VirusTotal could not be asked, or a rotation step failed (RotationStepError: `rotation` names it; resume it)',
  ],
};

export const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
export const data = (schema: object, meta?: object) => ({
  type: 'object',
  properties: { data: schema, ...(meta ? { meta } : {}) },
  required: ['data'],
});
export const list = (name: string, meta?: object) =>
  data({ type: 'array', items: ref(name) }, meta);
export const query = (name: string, description: string, schema: object = { type: 'string' }) => ({
  name,
  in: 'query',
  required: false,
  description,
  schema,
});
export const pathParam = (name: string, description: string) => ({
  name,
  in: 'path',
  required: true,
  description,
  schema: { type: 'string' },
});

export interface OperationSpec {
  id: string;
  summary: string;
  role: AdminRole;
  ok: [200 | 201, object, string];
  errors?: Status[];
  body?: string;
  parameters?: object[];
}

/** One operation; `x-vtbroker-role` is the least role allowed (roles are cumulative). */
export function op(spec: OperationSpec) {
  const failures: Status[] = [
    401,
    403,
    ...(spec.body ? [400 as const, 413 as const] : []),
    ...(spec.errors ?? []),
  ];
  const responses: Record<string, object> = {
    [spec.ok[0]]: {
      description: spec.ok[2],
      content: { 'application/json': { schema: spec.ok[1] } },
    },
  };
  for (const status of [...new Set(failures)].sort()) {
    responses[status] = { $ref: `#/components/responses/${ERROR_NAMES[status]?.[0] ?? 'Error'}` };
  }
  return {
    operationId: spec.id,
    summary: spec.summary,
    description: `Role: ${spec.role} or above.`,
    'x-vtbroker-role': spec.role,
    ...(spec.parameters ? { parameters: spec.parameters } : {}),
    ...(spec.body
      ? {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: ref(spec.body) } },
          },
        }
      : {}),
    responses,
  };
}
