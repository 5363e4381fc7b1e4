// Optional peers of the test suite: Redis and Debian's Python with requests-oauthlib. Their
// tests skip, saying why, when the peer is missing; CI sets FITGATE_TEST_REQUIRE_REDIS=1 and
// FITGATE_TEST_REQUIRE_PYTHON=1 so that there they fail instead.
import { spawnSync } from "node:child_process";
import { connect } from "node:net";

export const REDIS_URL = process.env.FITGATE_TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
export const PYTHON = process.env.FITGATE_TEST_PYTHON ?? "/usr/bin/python3";

function required(variable: string, reason: string): string {
  if (process.env[variable] === "1") throw new Error(`${variable}=1 but ${reason}`);
  return reason;
}

export async function redisSkipReason(): Promise<false | string> {
  const { hostname, port } = new URL(REDIS_URL);
  const reachable = await new Promise<boolean>((resolve) => {
    const socket = connect({ host: hostname, port: Number(port || 6379) });
    socket.setTimeout(2000);
    socket.once("connect", () => { socket.destroy(); resolve(true); });
    socket.once("error", () => resolve(false));
    socket.once("timeout", () => { socket.destroy(); resolve(false); });
  });
  return reachable ? false : required("FITGATE_TEST_REQUIRE_REDIS", `Redis not reachable at ${REDIS_URL}`);
}

export function pythonSkipReason(): false | string {
  const probe = spawnSync(PYTHON, ["-c", "import requests_oauthlib"], { encoding: "utf8" });
  if (probe.status === 0) return false;
  return required("FITGATE_TEST_REQUIRE_PYTHON", `${PYTHON} cannot import requests_oauthlib (apt-get install -y python3-requests-oauthlib)`);
}
