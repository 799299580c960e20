// SDK dev mode (qstash-api.md §14): `devMode: true` forces the base URL to
// http://127.0.0.1:<QSTASH_DEV_PORT|8080> and the token / Receiver keys to QStash's
// published dev credentials. Before use, the SDK probes GET /v2/keys and only
// treats the server as running if it returns exactly the dev keys; otherwise it
// tries to download QStash's own binary (impossible here, so the call fails).
// QSTASH_DEV_PORT points the SDK at this file's Herald, which listens on a free
// port, so no fixed port (8080) is needed.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { Client, Receiver } from "@upstash/qstash";
import { useHerald } from "./support/env.mjs";
import { header, uid } from "./support/util.mjs";

const env = useHerald();

describe("SDK dev mode", { timeout: 60_000 }, () => {
  test("devMode: true finds herald dev via QSTASH_DEV_PORT, publishes, and Receiver({devMode}) verifies", async () => {
    const { receiver } = env;
    const previous = process.env.QSTASH_DEV_PORT;
    const logged = [];
    const originalLog = console.log;
    console.log = (...args) => logged.push(args.join(" "));
    process.env.QSTASH_DEV_PORT = String(env.herald.port);
    try {
      const client = new Client({ devMode: true, retry: false });
      const path = `/${uid("devmode-")}`;
      const destination = receiver.url(path);
      const res = await client.publishJSON({ url: destination, body: { dev: true } });
      assert.equal(typeof res.messageId, "string");
      const [req] = await receiver.waitForRequests(path, 1);
      assert.equal(header(req.headers, "Upstash-Message-Id"), res.messageId);

      const devReceiver = new Receiver({ devMode: true });
      assert.equal(await devReceiver.verify({ signature: header(req.headers, "Upstash-Signature"), body: req.text, url: destination }), true);
      assert.ok(
        logged.some((line) => /already running/i.test(line)),
        `the SDK's health check recognised herald as a running dev server; console: ${logged.join(" | ")}`,
      );
    } finally {
      console.log = originalLog;
      if (previous === undefined) delete process.env.QSTASH_DEV_PORT;
      else process.env.QSTASH_DEV_PORT = previous;
    }
  });
});
