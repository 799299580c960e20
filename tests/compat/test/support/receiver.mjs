// A recording HTTP destination on 127.0.0.1:<free port>. Every request is kept
// with its method, url, headers (lower-cased and raw) and raw body bytes; the
// answer can be configured per path.
import http from "node:http";
import { waitFor } from "./util.mjs";

/**
 * @typedef {{ status?: number, body?: string | Buffer, headers?: Record<string, string>, delayMs?: number }} Reply
 * @typedef {{ method: string, url: string, path: string, headers: Record<string, string | string[]>,
 *   rawHeaders: string[], body: Buffer, text: string, receivedAt: number, attempt: number }} Recorded
 */

export async function startReceiver() {
  /** @type {Recorded[]} */
  const requests = [];
  /** @type {Map<string, Reply | ((req: Recorded) => Reply)>} */
  const routes = new Map();

  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on("data", (chunk) => chunks.push(chunk));
    req.on("end", async () => {
      const url = req.url ?? "/";
      const pathOnly = url.split("?")[0];
      const body = Buffer.concat(chunks);
      /** @type {Recorded} */
      const record = {
        method: req.method ?? "",
        url,
        path: pathOnly,
        headers: { ...req.headers },
        rawHeaders: [...req.rawHeaders],
        body,
        text: body.toString("utf8"),
        receivedAt: Date.now(),
        attempt: requests.filter((r) => r.path === pathOnly).length,
      };
      requests.push(record);
      const route = routes.get(pathOnly);
      /** @type {Reply} */
      const reply = (typeof route === "function" ? route(record) : route) ?? {};
      if (reply.delayMs) await new Promise((resolve) => setTimeout(resolve, reply.delayMs));
      if (res.destroyed) return;
      res.writeHead(reply.status ?? 200, { "Content-Type": "text/plain", ...reply.headers });
      res.end(reply.body ?? "ok");
    });
  });
  server.keepAliveTimeout = 1000;

  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const { port } = /** @type {import("node:net").AddressInfo} */ (server.address());
  const baseUrl = `http://127.0.0.1:${port}`;

  return {
    baseUrl,
    port,
    requests,
    /** Absolute destination URL for a path (may carry a query string). */
    url: (p) => `${baseUrl}${p.startsWith("/") ? p : `/${p}`}`,
    /** Configure the answer for one exact path (without query string). */
    on(p, reply) {
      routes.set(p, reply);
    },
    /** All recorded requests whose path (without query) equals p. */
    requestsFor: (p) => requests.filter((r) => r.path === p),
    /** Polls until `n` requests for path p have arrived, and returns them. */
    async waitForRequests(p, n = 1, { timeoutMs = 10_000 } = {}) {
      return waitFor(
        () => {
          const got = requests.filter((r) => r.path === p);
          return got.length >= n ? got : undefined;
        },
        { timeoutMs, what: `${n} request(s) to ${p} (got ${requests.filter((r) => r.path === p).length})` },
      );
    },
    async close() {
      server.closeAllConnections?.();
      await new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
