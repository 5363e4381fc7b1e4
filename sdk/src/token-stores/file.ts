// A token store in one JSON file ({ key: token set }), for CLIs and scripts. Writes are atomic
// (a temporary file in the same directory, then rename) and the file is created with mode 0600:
// it holds refresh tokens, which are as good as the user's consent.
// Saves from one process are serialized; several processes sharing a file is not supported.
import { randomBytes } from "node:crypto";
import { chmod, mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { InvalidResponseError } from "../errors.ts";
import { isJsonObject } from "../http.ts";
import { parseStoredTokenSet, serializeTokenSet, type TokenSet } from "../oauth2/token-response.ts";
import type { TokenStore } from "./token-store.ts";

export function createFileTokenStore(path: string): TokenStore {
  let queue: Promise<unknown> = Promise.resolve();
  /** one read-modify-write at a time, so two saves never lose each other's keys */
  const serialized = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  };

  const readAll = async (): Promise<Record<string, unknown>> => {
    let text: string;
    try {
      text = await readFile(path, "utf8");
    } catch (error) {
      if (error instanceof Error && "code" in error && error.code === "ENOENT") return {};
      throw error;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new InvalidResponseError(`token file ${path} is not JSON`);
    }
    if (!isJsonObject(parsed)) throw new InvalidResponseError(`token file ${path} is not a JSON object`);
    return { ...parsed };
  };

  const writeAll = async (all: Record<string, unknown>): Promise<void> => {
    await mkdir(dirname(path), { recursive: true, mode: 0o700 });
    const temporary = `${path}.${randomBytes(6).toString("hex")}.tmp`;
    try {
      await writeFile(temporary, `${JSON.stringify(all, null, 2)}\n`, { mode: 0o600, flag: "wx" });
      await chmod(temporary, 0o600); // in case a umask widened it
      await rename(temporary, path);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
  };

  return {
    load: (key) => serialized(async () => {
      const stored = (await readAll())[key];
      return stored === undefined ? null : parseStoredTokenSet(stored);
    }),
    save: (key, tokens: TokenSet) => serialized(async () => {
      const all = await readAll();
      all[key] = serializeTokenSet(tokens);
      await writeAll(all);
    }),
    delete: (key) => serialized(async () => {
      const all = await readAll();
      if (!(key in all)) return;
      delete all[key];
      await writeAll(all);
    }),
  };
}
