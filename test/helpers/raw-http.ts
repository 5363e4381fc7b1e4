// One HTTP/1.1 exchange over a plain socket, for request targets that app.inject() and fetch()
// would normalise: absolute form (RFC 9112 §3.2.2), percent-escaped paths, fragments.
import { connect } from "node:net";

export type RawResponse = Readonly<{
  status: number;
  body: string;
  /** the value of a response header (case-insensitive name), or "" */
  header(name: string): string;
}>;

/** a whole request message: `METHOD target HTTP/1.1`, Host (from `url`), Connection: close, and a form body if given */
export function rawRequest(url: string, method: string, target: string, options: { body?: string; headers?: Record<string, string> } = {}): string {
  const { host } = new URL(url);
  const headers = { Host: host, Connection: "close", ...options.headers };
  if (options.body !== undefined) Object.assign(headers, { "Content-Type": "application/x-www-form-urlencoded", "Content-Length": String(Buffer.byteLength(options.body)) });
  return [`${method} ${target} HTTP/1.1`, ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`), "", options.body ?? ""].join("\r\n");
}

/** writes `message` (as rawRequest builds it, Connection: close) to the server at `url` and reads the answer to its end */
export function sendRawHttp(url: string, message: string): Promise<RawResponse> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.write(message));
    let raw = "";
    socket.on("data", (chunk: Buffer) => { raw += chunk.toString(); });
    socket.on("error", reject);
    socket.on("end", () => {
      const split = raw.indexOf("\r\n\r\n");
      const head = split < 0 ? raw : raw.slice(0, split);
      resolve({
        status: Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0),
        body: split < 0 ? "" : raw.slice(split + 4),
        header: (name) => head.split("\r\n").find((line) => line.toLowerCase().startsWith(`${name.toLowerCase()}:`))?.slice(name.length + 1).trim() ?? "",
      });
    });
  });
}
