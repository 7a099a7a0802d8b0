// VirusTotal keys: listed by fingerprint (viewer), added by a key-admin. The
// key arrives once in the JSON body, is registered with the redactor before
// anything else, and is answered with its fingerprint only.
import type { AdminRoute } from '../router.ts';
import { onlyFields, requiredString } from '../json-fields.ts';
import { keyVersionView, keyView } from '../views.ts';

const EXAMPLE = '{"name":"soc-premium","apiKey":"<the VirusTotal key>"}';

export const keyRoutes: AdminRoute[] = [
  {
    method: 'GET',
    path: '/admin/v1/keys',
    role: 'viewer',
    action: 'key.list',
    async handle(_ctx, deps) {
      const all = await deps.keys.list();
      return { status: 200, body: { data: all.map((k) => keyView(k.credential, k.versions)) } };
    },
  },
  {
    method: 'POST',
    path: '/admin/v1/keys',
    role: 'key-admin',
    action: 'key.add',
    async handle(ctx, deps) {
      const body = await ctx.body();
      if (typeof body['apiKey'] === 'string') deps.registerSecret(body['apiKey'].trim());
      onlyFields(body, ['name', 'apiKey'], EXAMPLE);
      const name = requiredString(body, 'name', EXAMPLE);
      const apiKey = requiredString(body, 'apiKey', EXAMPLE);
      const { credential, version } = await deps.keys.add({
        name,
        apiKey,
        actor: ctx.actor,
        requestId: ctx.requestId,
      });
      return { status: 201, body: { data: { name: credential.name, ...keyVersionView(version) } } };
    },
  },
];
