// POST /v2/batch through client.batch / client.batchJSON (qstash-api.md §4, §1.7, §2.3).
// Mirrors the "E2E Batch" and batch parts of "E2E Queue" in qstash-js client.test.ts.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { Client } from "@upstash/qstash";
import { useHerald } from "./support/env.mjs";
import { DEV } from "./support/herald.mjs";
import { header, uid, waitForLogState } from "./support/util.mjs";

const env = useHerald();

describe("batch", { timeout: 60_000 }, () => {
  test("batch to URLs: aligned array of { messageId, url }, each item delivered with its own body and headers", async () => {
    const { client, receiver, verifier } = env;
    const pathA = `/${uid("ba-")}`;
    const pathB = `/${uid("bb-")}`;
    const result = await client.batch([
      { url: receiver.url(pathA), body: "one", headers: { "X-Item": "1", "Content-Type": "text/plain" } },
      { url: receiver.url(`${pathB}?q=2`), body: "two", headers: { "X-Item": "2" }, method: "PUT" },
    ]);
    assert.ok(Array.isArray(result));
    assert.equal(result.length, 2);
    assert.equal(result[0].url, receiver.url(pathA));
    assert.equal(result[1].url, receiver.url(`${pathB}?q=2`));
    assert.ok(result[0].messageId && result[1].messageId);
    assert.notEqual(result[0].messageId, result[1].messageId);

    const [a] = await receiver.waitForRequests(pathA, 1);
    const [b] = await receiver.waitForRequests(pathB, 1);
    assert.equal(a.text, "one");
    assert.equal(b.text, "two");
    assert.equal(a.method, "POST");
    assert.equal(b.method, "PUT");
    assert.equal(b.url, `${pathB}?q=2`);
    assert.equal(header(a.headers, "x-item"), "1");
    assert.equal(header(b.headers, "x-item"), "2");
    assert.equal(header(a.headers, "content-type"), "text/plain");
    assert.equal(header(a.headers, "Upstash-Message-Id"), result[0].messageId);
    assert.equal(header(b.headers, "Upstash-Message-Id"), result[1].messageId);
    assert.equal(await verifier.verify({ signature: header(a.headers, "Upstash-Signature"), body: a.text, url: receiver.url(pathA) }), true);
    assert.equal(await verifier.verify({ signature: header(b.headers, "Upstash-Signature"), body: b.text, url: receiver.url(`${pathB}?q=2`) }), true);
  });

  test("the response is an array even for a single item", async () => {
    const { client, receiver } = env;
    const path = `/${uid("single-")}`;
    const result = await client.batch([{ url: receiver.url(path), body: "solo" }]);
    assert.ok(Array.isArray(result));
    assert.equal(result.length, 1);
    const [req] = await receiver.waitForRequests(path, 1);
    assert.equal(header(req.headers, "Upstash-Message-Id"), result[0].messageId);
  });

  for (const method of ["batch", "batchJSON"]) {
    test(`${method}: per-item headers override the client's global headers`, async () => {
      const { receiver } = env;
      const client = new Client({
        baseUrl: env.herald.baseUrl,
        token: DEV.token,
        retry: false,
        headers: { "test-header": "value", "test-header-2": "value-2" },
      });
      const path1 = `/${uid("o1-")}`;
      const path2 = `/${uid("o2-")}`;
      const result = await client[method]([
        { url: receiver.url(path1), headers: { "Test-Header": "override-value-1", "stays-same": "same" }, delay: 60 },
        { url: receiver.url(path2), headers: { "Test-Header": "override-value-2", "stays-same": "same" }, delay: 60 },
      ]);
      const h1 = new Headers((await client.messages.get(result[0].messageId)).header);
      const h2 = new Headers((await client.messages.get(result[1].messageId)).header);
      assert.equal(h1.get("test-header"), "override-value-1");
      assert.equal(h2.get("test-header"), "override-value-2");
      assert.equal(h1.get("stays-same"), "same");
      assert.equal(h2.get("stays-same"), "same");
      assert.equal(h1.get("test-header-2"), "value-2");
      assert.equal(h2.get("test-header-2"), "value-2");
      if (method === "batchJSON") assert.equal(h1.get("content-type"), "application/json");
      await client.messages.cancel(result.map((r) => r.messageId));
    });
  }

  test("batchJSON serialises each body and sets Content-Type: application/json", async () => {
    const { client, receiver } = env;
    const path = `/${uid("json-")}`;
    const result = await client.batchJSON([
      { url: receiver.url(path), body: { n: 1, s: "ü" } },
      { url: receiver.url(path), body: [1, 2, 3] },
    ]);
    assert.equal(result.length, 2);
    const reqs = await receiver.waitForRequests(path, 2);
    const bodies = Object.fromEntries(reqs.map((r) => [header(r.headers, "Upstash-Message-Id"), r.text]));
    assert.equal(bodies[result[0].messageId], JSON.stringify({ n: 1, s: "ü" }));
    assert.equal(bodies[result[1].messageId], JSON.stringify([1, 2, 3]));
    for (const r of reqs) assert.equal(header(r.headers, "content-type"), "application/json");
  });

  test("the SDK's lowercase batch header keys configure the message like publish headers do", async () => {
    const { client, receiver } = env;
    const path = `/${uid("lc-")}`;
    const label = uid("lbl-");
    const key = uid("fc-");
    const before = Date.now();
    const [res] = await client.batch([
      {
        url: receiver.url(path),
        body: "configured",
        method: "PATCH",
        delay: 60,
        retries: 1,
        retryDelay: "1000 * (1 + retried)",
        label,
        timeout: 5,
        flowControl: { key, parallelism: 2, rate: 5, period: "1d" },
        headers: { "X-Mixed-Case": "v", "Content-Type": "text/plain" },
        callback: receiver.url("/cb"),
        failureCallback: receiver.url("/fcb"),
      },
    ]);
    const msg = await client.messages.get(res.messageId);
    assert.equal(msg.method, "PATCH");
    assert.equal(msg.maxRetries, 1);
    assert.equal(msg.retryDelayExpression, "1000 * (1 + retried)");
    assert.equal(msg.label, label);
    assert.ok(msg.notBefore >= before + 59_000, `upstash-delay honoured: notBefore ${msg.notBefore}`);
    assert.equal(msg.callback, receiver.url("/cb"));
    assert.equal(msg.failureCallback, receiver.url("/fcb"));
    assert.equal(msg.flowControlKey, key);
    assert.equal(msg.parallelism, 2);
    assert.equal(msg.rate, 5);
    assert.equal(msg.period, 86400);
    assert.deepEqual(msg.header?.["X-Mixed-Case"], ["v"], "forwarded header stored under its canonical name");
    assert.deepEqual(msg.header?.["Content-Type"], ["text/plain"]);
    const names = Object.keys(msg.header ?? {});
    assert.deepEqual(
      names.filter((n) => /^upstash-/i.test(n)),
      [],
      `no upstash-* config or telemetry header is stored: ${names.join(", ")}`,
    );
    await client.messages.cancel(res.messageId);
  });

  test("telemetry headers inside batch items are neither stored nor forwarded", async () => {
    const { client, receiver } = env;
    const path = `/${uid("tel-")}`;
    const [res] = await client.batch([{ url: receiver.url(path), body: "t", headers: { "X-Keep": "k" } }]);
    const [req] = await receiver.waitForRequests(path, 1);
    assert.equal(header(req.headers, "x-keep"), "k");
    const forwarded = Object.keys(req.headers).filter((n) => /telemetry|^upstash-forward|^upstash-method/i.test(n));
    assert.deepEqual(forwarded, [], `delivered without SDK config headers: ${forwarded.join(", ")}`);
    const msg = await client.messages.get(res.messageId);
    assert.deepEqual(Object.keys(msg.header ?? {}).filter((n) => /telemetry/i.test(n)), []);
  });

  test("an item without a body is delivered with an empty body", async () => {
    const { client, receiver } = env;
    const path = `/${uid("nobody-")}`;
    await client.batch([{ url: receiver.url(path) }]);
    const [req] = await receiver.waitForRequests(path, 1);
    assert.equal(req.body.length, 0);
  });

  test("raw batch items with `body: null` and `queue: null` (Python SDK shape) are accepted", async () => {
    const { client, receiver } = env;
    const path = `/${uid("pynull-")}`;
    const res = await client.http.request({
      method: "POST",
      path: ["v2", "batch"],
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify([
        { destination: receiver.url(path), headers: { "Upstash-Forward-X-Py": "1" }, body: null, queue: null },
        { destination: receiver.url(path), headers: {}, body: "text", queue: null },
      ]),
    });
    assert.ok(Array.isArray(res) && res.length === 2, JSON.stringify(res));
    const reqs = await receiver.waitForRequests(path, 2);
    const byId = Object.fromEntries(reqs.map((r) => [header(r.headers, "Upstash-Message-Id"), r]));
    assert.equal(byId[res[0].messageId].body.length, 0);
    assert.equal(header(byId[res[0].messageId].headers, "x-py"), "1");
    assert.equal(byId[res[1].messageId].text, "text");
  });

  test("a URL-group item yields a nested array with one entry per endpoint", async () => {
    const { client, receiver } = env;
    const urlGroup = uid("bgrp-");
    const pathA = `/${uid("ga-")}`;
    const pathB = `/${uid("gb-")}`;
    const plain = `/${uid("plain-")}`;
    await client.urlGroups.addEndpoints({
      name: urlGroup,
      endpoints: [
        { name: "first", url: receiver.url(pathA) },
        { name: "second", url: receiver.url(pathB) },
      ],
    });
    const result = await client.batchJSON([
      { urlGroup, body: { to: "group" } },
      { url: receiver.url(plain), body: { to: "url" } },
    ]);
    assert.equal(result.length, 2);
    assert.ok(Array.isArray(result[0]), `item 0 is a nested array: ${JSON.stringify(result)}`);
    assert.equal(result[0].length, 2);
    assert.deepEqual(result[0].map((r) => r.url).sort(), [receiver.url(pathA), receiver.url(pathB)].sort());
    assert.ok(!Array.isArray(result[1]) && result[1].messageId, "item 1 is a plain publish result");

    const [a] = await receiver.waitForRequests(pathA, 1);
    const [b] = await receiver.waitForRequests(pathB, 1);
    const [p] = await receiver.waitForRequests(plain, 1);
    for (const r of [a, b]) {
      assert.equal(header(r.headers, "Upstash-Topic-Name"), urlGroup);
      assert.equal(r.text, JSON.stringify({ to: "group" }));
    }
    assert.equal(header(p.headers, "Upstash-Topic-Name"), undefined);
    const msg = await client.messages.get(result[0][0].messageId);
    assert.equal(msg.urlGroup, urlGroup);
    await client.urlGroups.delete(urlGroup);
  });

  test("a queue item is enqueued: message.queueName, FIFO with the other items of that queue", async () => {
    const { client, receiver } = env;
    const queueName = uid("bq-");
    await client.queue({ queueName }).upsert({ parallelism: 1 });
    const path = `/${uid("bqd-")}`;
    receiver.on(path, { status: 200, delayMs: 150 });
    const result = await client.batchJSON([
      { url: receiver.url(path), body: { i: 1 }, queueName },
      { url: receiver.url(path), body: { i: 2 }, queueName },
      { url: receiver.url(path), body: { i: 3 }, queueName },
    ]);
    assert.equal(result.length, 3);
    const msg = await client.messages.get(result[0].messageId);
    assert.equal(msg.queueName, queueName);
    const reqs = await receiver.waitForRequests(path, 3);
    assert.deepEqual(reqs.map((r) => JSON.parse(r.text).i), [1, 2, 3]);
    for (let i = 1; i < reqs.length; i++) {
      assert.ok(reqs[i].receivedAt - reqs[i - 1].receivedAt >= 130, "one at a time (queue parallelism 1)");
    }
    await client.queue({ queueName }).delete();
  });

  test("batch items to a URL group and a URL with queueName (SDK E2E), single-item batch too", async () => {
    const { client, receiver } = env;
    const queueName = uid("bqg-");
    const urlGroup = uid("bqg-");
    const groupPath = `/${uid("bqgep-")}`;
    const urlPath = `/${uid("bqgurl-")}`;
    await client.queue({ queueName }).upsert({ parallelism: 1 });
    await client.urlGroups.addEndpoints({ name: urlGroup, endpoints: [{ url: receiver.url(groupPath), name: "first" }] });

    const result = await client.batch([
      { urlGroup, body: "message", queueName },
      { url: receiver.url(urlPath), queueName },
    ]);
    assert.ok(Array.isArray(result));
    assert.equal(result.length, 2);
    assert.ok(Array.isArray(result[0]));
    assert.equal(result[0].length, 1);
    assert.equal(result[0][0].url, receiver.url(groupPath));
    const groupMsg = await client.messages.get(result[0][0].messageId);
    assert.equal(groupMsg.queueName, queueName);
    assert.equal(groupMsg.urlGroup, urlGroup);
    assert.equal(groupMsg.endpointName, "first");
    assert.equal((await client.messages.get(result[1].messageId)).queueName, queueName);
    await receiver.waitForRequests(groupPath, 1);
    await receiver.waitForRequests(urlPath, 1);

    const single = await client.batch([{ urlGroup, body: "message", queueName }]);
    assert.ok(Array.isArray(single), "single item → array");
    assert.equal(single.length, 1);
    assert.ok(Array.isArray(single[0]), "its only element is the URL-group array");
    await receiver.waitForRequests(groupPath, 2);

    await client.queue({ queueName }).delete();
    await client.urlGroups.delete(urlGroup);
  });

  test("a failing item gets an error object in its slot; the other items are still processed", async () => {
    const { client, receiver } = env;
    const before = `/${uid("ok1-")}`;
    const after = `/${uid("ok2-")}`;
    const result = await client.batch([
      { url: receiver.url(before), body: "first" },
      { urlGroup: uid("no-such-group-"), body: "lost" },
      { url: receiver.url(after), body: "third" },
    ]);
    assert.ok(Array.isArray(result));
    assert.equal(result.length, 3, `aligned with the input: ${JSON.stringify(result)}`);
    assert.ok(result[0].messageId);
    assert.ok(!Array.isArray(result[1]) && typeof result[1].error === "string", `slot 1 is { error }: ${JSON.stringify(result[1])}`);
    assert.equal(result[1].messageId, undefined);
    assert.ok(result[2].messageId);
    await receiver.waitForRequests(before, 1);
    await receiver.waitForRequests(after, 1);
  });

  test("deduplicationId inside a batch: the duplicate item returns the original id with deduplicated: true", async () => {
    const { client, receiver } = env;
    const path = `/${uid("bdedup-")}`;
    const deduplicationId = uid("dd-");
    const [first] = await client.batch([{ url: receiver.url(path), body: "x", deduplicationId }]);
    const [second] = await client.batch([{ url: receiver.url(path), body: "x", deduplicationId }]);
    assert.equal(second.messageId, first.messageId);
    assert.equal(second.deduplicated, true);
    await waitForLogState(client, first.messageId, "DELIVERED");
    assert.equal(receiver.requestsFor(path).length, 1);
  });
});
