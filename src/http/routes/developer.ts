// The developer portal (SPEC §5): /developer and /developer/apps/…
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { parseApplicationInput, splitLines, splitList, type RawApplicationInput } from "../../domain/application-input.ts";
import type { Client } from "../../domain/client.ts";
import { registerApplication, removeApplication, rotateApplicationSecrets, type IssuedSecrets } from "../../services/applications.ts";
import { findClientById, listClientsOfOwner, updateClient } from "../../store/kysely/clients.ts";
import { consumeSessionFlash, setSessionFlash } from "../../store/kysely/sessions.ts";
import {
  applicationFormFromClient, emptyApplicationForm, renderApplicationList, renderApplicationPage, renderNewApplicationPage,
  type ApplicationFormView,
} from "../../views/developer.ts";
import type { AppDeps } from "../deps.ts";
import { formField, formFields, queryField } from "../forms.ts";
import { pageContextOf, requireCsrfForm, requireUser, sendPage } from "../pages.ts";
import type { SessionUser } from "../session.ts";

type SecretsFlash = { clientId: string } & IssuedSecrets;

function rawInputFromForm(form: URLSearchParams): RawApplicationInput {
  return {
    name: formField(form, "name"),
    description: formField(form, "description"),
    website: formField(form, "website"),
    type: formField(form, "type"),
    redirectUris: splitLines(formField(form, "redirect_uris")),
    callbackUrls: splitLines(formField(form, "callback_urls")),
    scopes: formFields(form, "scopes"),
    defaultScopes: formFields(form, "default_scopes"),
    cidrs: splitList(formField(form, "cidrs")),
    refreshRotation: formField(form, "refresh_rotation") === "on",
    mayIntrospect: formField(form, "may_introspect") === "on",
  };
}

function parseSecretsFlash(json: string): SecretsFlash | null {
  const value: unknown = JSON.parse(json);
  if (typeof value !== "object" || value === null) return null;
  const { clientId, clientSecret, consumerSecret } = value as Record<string, unknown>;
  if (typeof clientId !== "string" || typeof clientSecret !== "string" || typeof consumerSecret !== "string") return null;
  return { clientId, clientSecret, consumerSecret };
}

export function registerDeveloperRoutes(app: FastifyInstance, deps: AppDeps): void {
  /** the logged-in owner's application, or null after answering 404 (someone else's app looks absent) */
  async function ownedClient(request: FastifyRequest, reply: FastifyReply, current: SessionUser): Promise<Client | null> {
    const { id } = request.params as { id: string };
    const client = await findClientById(deps.db, id);
    if (client !== null && client.ownerId === current.user.id) return client;
    await reply.callNotFound();
    return null;
  }

  app.get("/developer", async (request, reply) => {
    const current = await requireUser(request, reply, deps);
    if (current === null) return reply;
    const clients = await listClientsOfOwner(deps.db, current.user.id);
    const deleted = queryField(request, "deleted") === "1";
    return sendPage(reply, 200, renderApplicationList(await pageContextOf(request, reply, deps), clients, deleted));
  });

  app.get("/developer/apps/new", async (request, reply) => {
    if ((await requireUser(request, reply, deps)) === null) return reply;
    return sendPage(reply, 200, renderNewApplicationPage(await pageContextOf(request, reply, deps), emptyApplicationForm()));
  });

  app.post("/developer/apps", async (request, reply) => {
    const current = await requireUser(request, reply, deps);
    if (current === null) return reply;
    const form = await requireCsrfForm(request, reply, deps);
    if (form === null) return reply;
    const raw = rawInputFromForm(form);
    const input = parseApplicationInput(raw);
    if (!input.ok) {
      return sendPage(reply, 400, renderNewApplicationPage(await pageContextOf(request, reply, deps), { values: raw, errors: input.errors }));
    }
    const { client, secrets } = await deps.db.transaction().execute(async (tx) => {
      const registered = await registerApplication(tx, deps.box, current.user.id, input.value, deps.now());
      if (registered.secrets !== null) {
        await setSessionFlash(tx, current.sessionId, deps.box.seal(JSON.stringify({ clientId: registered.client.id, ...registered.secrets })));
      }
      return registered;
    });
    request.log.info({ clientId: client.id, issuedSecrets: secrets !== null }, "application registered");
    return reply.redirect(`/developer/apps/${client.id}`, 303);
  });

  app.get("/developer/apps/:id", async (request, reply) => {
    const current = await requireUser(request, reply, deps);
    if (current === null) return reply;
    const client = await ownedClient(request, reply, current);
    if (client === null) return reply;
    // the secrets are shown on their own app's page, by a GET: a HEAD (whose body nobody sees)
    // or another app's page leaves them for it
    const ownSecrets = (sealed: string) => parseSecretsFlash(deps.box.open(sealed))?.clientId === client.id;
    const sealed = request.method === "GET" ? await consumeSessionFlash(deps.db, current.sessionId, ownSecrets) : null;
    const secrets = sealed === null ? null : parseSecretsFlash(deps.box.open(sealed));
    const saved = queryField(request, "saved") === "1";
    return sendPage(reply, 200, renderApplicationPage(await pageContextOf(request, reply, deps), client, applicationFormFromClient(client), secrets, saved));
  });

  app.post("/developer/apps/:id", async (request, reply) => {
    const current = await requireUser(request, reply, deps);
    if (current === null) return reply;
    const client = await ownedClient(request, reply, current);
    if (client === null) return reply;
    const form = await requireCsrfForm(request, reply, deps);
    if (form === null) return reply;
    const raw = { ...rawInputFromForm(form), type: client.type };
    const input = parseApplicationInput(raw);
    if (!input.ok) {
      const view: ApplicationFormView = { values: raw, errors: input.errors };
      return sendPage(reply, 400, renderApplicationPage(await pageContextOf(request, reply, deps), client, view, null, false));
    }
    await updateClient(deps.db, client.id, input.value, deps.now());
    return reply.redirect(`/developer/apps/${client.id}?saved=1`, 303);
  });

  app.post("/developer/apps/:id/rotate-secret", async (request, reply) => {
    const current = await requireUser(request, reply, deps);
    if (current === null) return reply;
    const client = await ownedClient(request, reply, current);
    if (client === null) return reply;
    if ((await requireCsrfForm(request, reply, deps)) === null) return reply;
    await deps.db.transaction().execute(async (tx) => {
      const secrets = await rotateApplicationSecrets(tx, deps.box, client.id, deps.now());
      if (secrets !== null) await setSessionFlash(tx, current.sessionId, deps.box.seal(JSON.stringify({ clientId: client.id, ...secrets })));
    });
    request.log.info({ clientId: client.id }, "application secrets rotated");
    return reply.redirect(`/developer/apps/${client.id}`, 303);
  });

  app.post("/developer/apps/:id/delete", async (request, reply) => {
    const current = await requireUser(request, reply, deps);
    if (current === null) return reply;
    const client = await ownedClient(request, reply, current);
    if (client === null) return reply;
    if ((await requireCsrfForm(request, reply, deps)) === null) return reply;
    await removeApplication(deps.db, client.id);
    request.log.info({ clientId: client.id }, "application deleted");
    return reply.redirect("/developer?deleted=1", 303);
  });
}
