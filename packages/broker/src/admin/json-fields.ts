// Reading the fields of an admin request's JSON body. Each refusal names the
// field and shows a correct body; none quotes a value (a body may hold a key).
import { closestOption } from '../config/closest-option.ts';
import { WINDOWS, type Scope, type WindowLimits } from '../store/model.ts';
import { parseScopes } from '../tokens/token-service.ts';
import { adminErrors } from './admin-error.ts';

export type JsonObject = Record<string, unknown>;

/** Refuses fields the endpoint does not know (a typo would otherwise be ignored). */
export function onlyFields(body: JsonObject, known: readonly string[], example: string): void {
  for (const field of Object.keys(body)) {
    if (known.includes(field)) continue;
    const close = closestOption(field, known);
    throw adminErrors.badRequest(
      `Unknown field "${field}"${close ? ` (did you mean "${close}"?)` : ''}; the fields are ${known.join(', ')}.`,
      `e.g. ${example}`,
    );
  }
}

export function requiredString(body: JsonObject, field: string, example: string): string {
  const value = body[field];
  if (typeof value !== 'string' || value === '')
    throw adminErrors.badRequest(`"${field}" is required and must be a string.`, `e.g. ${example}`);
  return value;
}

export function optionalOneOf<T extends string>(
  body: JsonObject,
  field: string,
  values: readonly T[],
): T | undefined {
  const value = body[field];
  if (value === undefined) return undefined;
  if (typeof value === 'string' && (values as readonly string[]).includes(value)) return value as T;
  throw adminErrors.badRequest(
    `"${field}" must be one of ${values.join(', ')}.`,
    `e.g. {"${field}":"${values[0] ?? ''}"}`,
  );
}

/** A whole number ≥ `min`; `null` passes through when `nullable`. */
export function optionalInteger(
  body: JsonObject,
  field: string,
  options: { min: number; nullable?: boolean; example: string },
): number | null | undefined {
  const value = body[field];
  if (value === undefined) return undefined;
  if (value === null && options.nullable === true) return null;
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= options.min)
    return value;
  throw adminErrors.badRequest(
    `"${field}" must be a whole number ≥ ${options.min}${options.nullable ? ' or null' : ''}.`,
    `e.g. ${options.example}`,
  );
}

export function optionalBoolean(body: JsonObject, field: string): boolean | undefined {
  const value = body[field];
  if (value === undefined || typeof value === 'boolean') return value;
  throw adminErrors.badRequest(`"${field}" must be true or false.`, `e.g. {"${field}":true}`);
}

/** `{"minute":100,"day":20000,"month":null}`: requests per UTC window, null = unlimited. */
export function optionalWindowLimits(body: JsonObject, field: string): WindowLimits | undefined {
  const value = body[field];
  if (value === undefined) return undefined;
  const example = `{"${field}":{"minute":100,"day":20000,"month":null}}`;
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw adminErrors.badRequest(`"${field}" must be an object of windows.`, `e.g. ${example}`);
  const limits: WindowLimits = {};
  for (const [window, limit] of Object.entries(value)) {
    const name = WINDOWS.find((w) => w === window);
    const valid =
      limit === null || (typeof limit === 'number' && Number.isSafeInteger(limit) && limit >= 0);
    if (!name || !valid)
      throw adminErrors.badRequest(
        `"${field}.${window}" is not a quota: windows are ${WINDOWS.join(', ')}, each a whole number ≥ 0 or null (unlimited).`,
        `e.g. ${example}`,
      );
    limits[name] = limit as number | null;
  }
  return limits;
}

/** Scopes as an array (`["lookup","search"]`) or a comma list (`"lookup,search"`). */
export function requiredScopes(body: JsonObject, field: string): Scope[] {
  const value = body[field];
  if (Array.isArray(value) && value.every((s) => typeof s === 'string'))
    return parseScopes(value.join(','));
  if (typeof value === 'string') return parseScopes(value);
  throw adminErrors.badRequest(
    `"${field}" is required: a list of scopes.`,
    `e.g. {"${field}":["lookup","relationships"]}`,
  );
}
