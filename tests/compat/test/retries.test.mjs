// Retries, custom retry delay and non-retryable errors (qstash-api.md §2.6, §11).
import assert from "node:assert/strict";
import net from "node:net";
import { describe, test } from "node:test";
import { useHerald } from "./support/env.mjs";
import { header, uid, waitForDlq, waitForLogState } from "./support/util.mjs";

const env = useHerald();

describe("retries", { timeout: 60_000 }, () => {
  test("retries 2 + retryDelay 100 → exactly 3 attempts (Upstash-Retried 0,1,2), same id, then DLQ", async () => {
    const { client, receiver, verifier } = env;
    const path = `/${uid("always500-")}`;
    receiver.on(path, { status: 500, body: "still broken" });
    const start = Date.now();
    const res = await client.publishJSON({ url: receiver.url(path), body: { r: 1 }, retries: 2, retryDelay: "100" });

    const entry = await waitForDlq(client, res.messageId, { timeoutMs: 10_000 });
    const reqs = receiver.requestsFor(path);
    assert.equal(reqs.length, 3, "1 attempt + 2 retries");
    assert.deepEqual(reqs.map((r) => header(r.headers, "Upstash-Retried")), ["0", "1", "2"]);
    assert.deepEqual(reqs.map((r) => header(r.headers, "Upstash-Message-Id")), [res.messageId, res.messageId, res.messageId]);
    for (const r of reqs) {
      assert.equal(r.text, JSON.stringify({ r: 1 }));
      assert.equal(await verifier.verify({ signature: header(r.headers, "Upstash-Signature"), body: r.text }), true);
    }
    for (let i = 1; i < reqs.length; i++) {
      const gap = reqs[i].receivedAt - reqs[i - 1].receivedAt;
      assert.ok(gap >= 80, `retry ${i} came ${gap} ms after the previous attempt; retryDelay is 100 ms`);
    }
    assert.ok(Date.now() - start < 8000, "custom retryDelay replaces the default backoff (first default retry is ~12 s)");
    assert.equal(entry.maxRetries, 2);
    assert.equal(entry.retryDelayExpression, "100");
    assert.equal(entry.responseStatus, 500);
    assert.equal(entry.responseBody, "still broken");

    const logs = await waitForLogState(client, res.messageId, "FAILED");
    assert.equal(logs.filter((l) => l.state === "FAILED").length, 1, "exactly one FAILED entry");
    assert.equal(logs.filter((l) => l.state === "DELIVERED").length, 0);
    const errors = logs.filter((l) => l.state === "ERROR");
    assert.ok(errors.length >= 1, "failed attempts are logged as ERROR");
    assert.equal(errors[0].responseStatus, 500, "ERROR entries carry responseStatus");
    assert.equal(Buffer.from(errors[0].responseBody ?? "", "base64").toString("utf8"), "still broken", "log responseBody is base64");
  });

  test("retryDelay expression with `retried` spaces the attempts out", async () => {
    const { client, receiver } = env;
    const path = `/${uid("expr-")}`;
    receiver.on(path, { status: 502 });
    const res = await client.publish({ url: receiver.url(path), body: "e", retries: 2, retryDelay: "200 * (1 + retried)" });
    await waitForDlq(client, res.messageId);
    const reqs = receiver.requestsFor(path);
    assert.equal(reqs.length, 3);
    const gap1 = reqs[1].receivedAt - reqs[0].receivedAt;
    const gap2 = reqs[2].receivedAt - reqs[1].receivedAt;
    assert.ok(gap1 >= 180, `first retry after ${gap1} ms, expected ~200`);
    assert.ok(gap2 >= 380, `second retry after ${gap2} ms, expected ~400`);
  });

  test("489 + Upstash-NonRetryable-Error: true → exactly one attempt, then DLQ", async () => {
    const { client, receiver } = env;
    const path = `/${uid("nonretry-")}`;
    receiver.on(path, { status: 489, body: "give up", headers: { "Upstash-NonRetryable-Error": "true" } });
    const res = await client.publishJSON({ url: receiver.url(path), body: {}, retries: 3, retryDelay: "50" });
    const entry = await waitForDlq(client, res.messageId);
    assert.equal(entry.responseStatus, 489);
    assert.equal(entry.responseBody, "give up");
    assert.equal(receiver.requestsFor(path).length, 1, "a non-retryable error is not retried");
  });

  test("489 without the non-retryable header is retried like any failure", async () => {
    const { client, receiver } = env;
    const path = `/${uid("489plain-")}`;
    receiver.on(path, { status: 489 });
    const res = await client.publishJSON({ url: receiver.url(path), body: {}, retries: 1, retryDelay: "50" });
    await waitForDlq(client, res.messageId);
    assert.equal(receiver.requestsFor(path).length, 2);
  });

  test("4xx is retried like 5xx", async () => {
    const { client, receiver } = env;
    const path = `/${uid("404-")}`;
    receiver.on(path, { status: 404, body: "404 Not Found" });
    const res = await client.publishJSON({ url: receiver.url(path), body: {}, retries: 1, retryDelay: "50" });
    const entry = await waitForDlq(client, res.messageId);
    assert.equal(receiver.requestsFor(path).length, 2);
    assert.equal(entry.responseStatus, 404);
  });

  test("a retry that succeeds is DELIVERED and never reaches the DLQ", async () => {
    const { client, receiver } = env;
    const path = `/${uid("second-")}`;
    receiver.on(path, (req) => (req.attempt === 0 ? { status: 503 } : { status: 200 }));
    const res = await client.publishJSON({ url: receiver.url(path), body: {}, retries: 3, retryDelay: "50" });
    const logs = await waitForLogState(client, res.messageId, "DELIVERED");
    const reqs = receiver.requestsFor(path);
    assert.equal(reqs.length, 2);
    assert.deepEqual(reqs.map((r) => header(r.headers, "Upstash-Retried")), ["0", "1"]);
    assert.equal(logs.filter((l) => l.state === "DELIVERED").length, 1);
    assert.equal(logs.filter((l) => l.state === "FAILED").length, 0);
    const dlq = await client.dlq.listMessages({ filter: { messageId: res.messageId } });
    assert.deepEqual(dlq.messages, []);
  });

  test("a refused connection counts as a failed attempt; the DLQ entry still has responseStatus", async () => {
    const { client } = env;
    // A loopback port that was free a moment ago: bind port 0, note it, close it.
    const probe = net.createServer();
    await new Promise((resolve) => probe.listen(0, "127.0.0.1", resolve));
    const { port } = probe.address();
    await new Promise((resolve) => probe.close(resolve));
    const destination = `http://127.0.0.1:${port}/${uid("refused-")}`;
    const res = await client.publishJSON({ url: destination, body: {}, retries: 0 });
    const entry = await waitForDlq(client, res.messageId);
    assert.equal(entry.url, destination);
    // The Python SDK reads responseStatus unconditionally (qstash-api.md §6.1).
    assert.equal(typeof entry.responseStatus, "number", "responseStatus is always present");
  });
});
