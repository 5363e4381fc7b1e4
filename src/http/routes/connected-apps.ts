// /account/apps (SPEC §5): the applications holding a grant on the person's account, OAuth 1 or
// OAuth 2, and a Revoke button per app. Revoking ends the grant, and with it every refresh token
// and OAuth 1 token at once; access tokens are refused by the API's grant check (bearer.ts).
import type { FastifyInstance } from "fastify";
import { findClientById } from "../../store/kysely/clients.ts";
import { findGrantById, listConnectedApps, revokeGrant } from "../../store/kysely/grants.ts";
import { renderConnectedAppsPage } from "../../views/connected-apps.ts";
import type { AppDeps } from "../deps.ts";
import { pageContextOf, requireCsrfForm, requireUser, sendPage } from "../pages.ts";

const GRANT_ID = /^[0-9a-f-]{36}$/;

export function registerConnectedAppsRoutes(app: FastifyInstance, deps: AppDeps): void {
  app.get("/account/apps", async (request, reply) => {
    const current = await requireUser(request, reply, deps);
    if (current === null) return reply;
    const apps = await listConnectedApps(deps.db, current.user.id);
    const revoked = (request.query as Record<string, unknown>).revoked;
    let revokedName: string | null = null;
    if (typeof revoked === "string" && GRANT_ID.test(revoked)) {
      const grant = await findGrantById(deps.db, revoked);
      if (grant !== null && grant.userId === current.user.id && grant.revokedAt !== null) {
        revokedName = (await findClientById(deps.db, grant.clientId))?.name ?? null;
      }
    }
    return sendPage(reply, 200, renderConnectedAppsPage(await pageContextOf(request, reply, deps), apps.map((a) => ({
      grantId: a.grant.id, clientName: a.clientName, clientWebsite: a.clientWebsite, scopes: a.grant.scopes,
      createdAt: a.grant.createdAt, lastUsedAt: a.grant.lastUsedAt,
    })), revokedName));
  });

  app.post<{ Params: { grantId: string } }>("/account/apps/:grantId/revoke", async (request, reply) => {
    const current = await requireUser(request, reply, deps);
    if (current === null) return reply;
    const form = await requireCsrfForm(request, reply, deps);
    if (form === null) return reply;
    const { grantId } = request.params;
    const grant = GRANT_ID.test(grantId) ? await findGrantById(deps.db, grantId) : null;
    // someone else's grant answers like a missing one: nothing to learn by guessing ids
    if (grant === null || grant.userId !== current.user.id) return reply.redirect("/account/apps", 303);
    await revokeGrant(deps.db, grant.id, deps.now());
    return reply.redirect(`/account/apps?revoked=${grant.id}`, 303);
  });
}
