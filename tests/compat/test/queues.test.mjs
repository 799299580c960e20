// Queues: /v2/queues management and /v2/enqueue FIFO delivery (qstash-api.md §3).
// Mirrors qstash-js queue.test.ts and the "E2E Queue" block of client.test.ts.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { useHerald } from "./support/env.mjs";
import { settle, trackInFlight } from "./support/extra.mjs";
import { header, rejectsWithStatus, uid, waitFor, waitForLogState } from "./support/util.mjs";

const env = useHerald();

describe("queue management", { timeout: 60_000 }, () => {
  test("upsert / get / delete; list is empty after the delete", async () => {
    const { client } = env;
    const queueName = "upstash-queue";
    const before = Date.now();
    await client.queue({ queueName }).upsert({ parallelism: 2 });

    const q = await client.queue({ queueName }).get();
    assert.deepEqual(Object.keys(q).sort(), ["createdAt", "lag", "name", "parallelism", "paused", "updatedAt"]);
    assert.equal(q.name, queueName);
    assert.equal(q.parallelism, 2);
    assert.equal(q.lag, 0);
    assert.equal(q.paused, false);
    assert.equal(typeof q.createdAt, "number");
    assert.equal(typeof q.updatedAt, "number");
    assert.ok(Math.abs(q.createdAt - before) < 10_000, `createdAt ${q.createdAt} is Unix ms near ${before}`);
    assert.ok(q.updatedAt >= q.createdAt);

    await client.queue({ queueName }).delete();
    const queues = await client.queue().list();
    assert.ok(Array.isArray(queues));
    assert.equal(queues.length, 0, `no queues left: ${JSON.stringify(queues)}`);
    await rejectsWithStatus(client.queue({ queueName }).get(), 404, "get deleted queue");
  });

  test("several queues are listed by name, and each delete is reflected at once", async () => {
    const { client } = env;
    const queueName1 = uid("q1-");
    const queueName2 = uid("q2-");
    await client.queue({ queueName: queueName1 }).upsert({ parallelism: 2 });
    await client.queue({ queueName: queueName2 }).upsert({ parallelism: 2 });

    const listed = await client.queue().list();
    assert.deepEqual(listed.map((q) => q.name).sort(), [queueName1, queueName2].sort());
    for (const q of listed) {
      assert.equal(q.parallelism, 2);
      assert.equal(q.lag, 0);
      assert.equal(q.paused, false);
    }

    await client.queue({ queueName: queueName1 }).delete();
    assert.deepEqual((await client.queue().list()).map((q) => q.name), [queueName2]);
    await client.queue({ queueName: queueName2 }).delete();
    assert.deepEqual(await client.queue().list(), []);
  });

  test("pause / resume and upsert({ paused }) toggle `paused`", async () => {
    const { client } = env;
    const queue = client.queue({ queueName: "upstash-pause-resume-queue" });
    await queue.upsert({ parallelism: 1 });
    assert.equal((await queue.get()).paused, false);

    await queue.pause();
    assert.equal((await queue.get()).paused, true);
    await queue.pause();
    assert.equal((await queue.get()).paused, true, "pause is idempotent");

    await queue.resume();
    assert.equal((await queue.get()).paused, false);
    await queue.resume();
    assert.equal((await queue.get()).paused, false, "resume is idempotent");

    await queue.upsert({ paused: true });
    assert.equal((await queue.get()).paused, true);
    await queue.upsert({ paused: false });
    assert.equal((await queue.get()).paused, false);

    await queue.pause();
    await queue.upsert({ parallelism: 1 });
    assert.equal((await queue.get()).paused, false, "the SDK always sends paused (default false), so an upsert un-pauses");
    await queue.delete();
  });

  test("upsert updates parallelism and keeps createdAt", async () => {
    const { client } = env;
    const queue = client.queue({ queueName: uid("upd-") });
    await queue.upsert({ parallelism: 1 });
    const first = await queue.get();
    assert.equal(first.parallelism, 1);
    await queue.upsert({ parallelism: 3 });
    const second = await queue.get();
    assert.equal(second.parallelism, 3);
    assert.equal(second.createdAt, first.createdAt);
    assert.ok(second.updatedAt >= first.updatedAt);
    await queue.delete();
  });

  test("queue names may contain letters, digits, `-`, `_` and `.`", async () => {
    const { client } = env;
    const queueName = `Q.name_with-${uid()}`;
    await client.queue({ queueName }).upsert({ parallelism: 1 });
    assert.equal((await client.queue({ queueName }).get()).name, queueName);
    await client.queue({ queueName }).delete();
  });

  test("an invalid queue name is rejected with 400", async () => {
    await rejectsWithStatus(env.client.queue({ queueName: "bad!queue" }).upsert({ parallelism: 1 }), 400, "upsert invalid name");
  });

  test("unknown queue: get is 404", async () => {
    await rejectsWithStatus(env.client.queue({ queueName: uid("none-") }).get(), 404, "get unknown queue");
  });

  test("queues are per tenant", async () => {
    const { client } = env;
    const queueName = uid("tenantq-");
    await client.queue({ queueName }).upsert({ parallelism: 1 });
    const { DEV_TENANTS } = await import("./support/herald.mjs");
    const other = env.clientFor(DEV_TENANTS[2]);
    await rejectsWithStatus(other.queue({ queueName }).get(), 404, "another tenant cannot see the queue");
    assert.ok(!(await other.queue().list()).some((q) => q.name === queueName));
    await client.queue({ queueName }).delete();
  });
});

describe("enqueue", { timeout: 60_000 }, () => {
  test("enqueue: message.queueName on get; the destination query string is kept; delivered once", async () => {
    const { client, receiver } = env;
    const queueName = uid("enq-");
    await client.queue({ queueName }).upsert({ parallelism: 1 });
    const path = `/${uid("qdest-")}`;
    const destination = receiver.url(`${path}?foo=bar`);
    const res = await client.queue({ queueName }).enqueue({
      url: destination,
      body: JSON.stringify({ hello: "world" }),
      headers: { "test-header": "test-value", "Upstash-Forward-bypass-tunnel-reminder": "client-test" },
    });
    assert.ok(res.messageId, "enqueue returns a messageId");

    const msg = await client.messages.get(res.messageId);
    assert.equal(msg.queueName, queueName);
    assert.equal(msg.url, destination);

    const [req] = await receiver.waitForRequests(path, 1);
    assert.equal(req.url, `${path}?foo=bar`);
    assert.equal(req.text, JSON.stringify({ hello: "world" }));
    assert.equal(header(req.headers, "test-header"), "test-value");
    assert.equal(header(req.headers, "bypass-tunnel-reminder"), "client-test");
    assert.equal(header(req.headers, "Upstash-Message-Id"), res.messageId);
    await client.queue({ queueName }).delete();
  });

  test("enqueue keeps `//`, %-escapes and a trailing slash in the destination (raw path, §1.1)", async () => {
    const { client, receiver } = env;
    const queueName = uid("rawq-");
    const raw = `/${uid("rq-")}//x/a%2Fb/?k=v&e=%20`;
    const res = await client.queue({ queueName }).enqueue({ url: receiver.url(raw), body: "raw" });
    assert.equal((await client.messages.get(res.messageId)).url, receiver.url(raw));
    const req = await waitFor(() => receiver.requests.find((r) => r.url === raw), { what: `a request to ${raw}` });
    assert.equal(header(req.headers, "Upstash-Message-Id"), res.messageId);
    await client.queue({ queueName }).delete();
  });

  test("enqueueJSON auto-creates the queue with parallelism 1", async () => {
    const { client, receiver } = env;
    const queueName = uid("auto-");
    const path = `/${uid("auto-")}`;
    const res = await client.queue({ queueName }).enqueueJSON({ url: receiver.url(path), body: { auto: true } });
    const [req] = await receiver.waitForRequests(path, 1);
    assert.equal(req.text, JSON.stringify({ auto: true }));
    assert.equal(header(req.headers, "content-type"), "application/json");
    assert.equal(header(req.headers, "Upstash-Message-Id"), res.messageId);

    const q = await client.queue({ queueName }).get();
    assert.equal(q.name, queueName);
    assert.equal(q.parallelism, 1);
    assert.equal(q.paused, false);
    assert.ok((await client.queue().list()).some((x) => x.name === queueName));
    await client.queue({ queueName }).delete();
  });

  test("FIFO with parallelism 1: arrival order 1..5 and never two in flight", async () => {
    const { client, receiver } = env;
    const queueName = uid("fifo-");
    await client.queue({ queueName }).upsert({ parallelism: 1 });
    const path = `/${uid("slow-")}`;
    const stats = trackInFlight(receiver, path, { delayMs: 250 });
    const queue = client.queue({ queueName });
    for (let i = 1; i <= 5; i++) await queue.enqueueJSON({ url: receiver.url(path), body: { i } });

    const reqs = await receiver.waitForRequests(path, 5, { timeoutMs: 15_000 });
    assert.deepEqual(reqs.map((r) => JSON.parse(r.text).i), [1, 2, 3, 4, 5], "arrival order is enqueue order");
    assert.equal(stats.max, 1, "never two deliveries in flight at once");
    for (let i = 1; i < reqs.length; i++) {
      const gap = reqs[i].receivedAt - reqs[i - 1].receivedAt;
      assert.ok(gap >= 230, `message ${i + 1} arrived ${gap} ms after message ${i}; the destination answers after 250 ms`);
    }
    await waitFor(async () => (await queue.get()).lag === 0, { what: "lag 0 after all deliveries" });
    await queue.delete();
  });

  test("FIFO holds through retries: the next message waits until the failing one has been retried", async () => {
    const { client, receiver } = env;
    const queueName = uid("fifor-");
    await client.queue({ queueName }).upsert({ parallelism: 1 });
    const path = `/${uid("flaky-")}`;
    // First attempt of message "a" fails; everything else succeeds.
    receiver.on(path, (req) => (JSON.parse(req.text).m === "a" && req.attempt === 0 ? { status: 500 } : { status: 200 }));
    const queue = client.queue({ queueName });
    await queue.enqueueJSON({ url: receiver.url(path), body: { m: "a" }, retries: 2, retryDelay: "300" });
    await queue.enqueueJSON({ url: receiver.url(path), body: { m: "b" } });

    const reqs = await receiver.waitForRequests(path, 3, { timeoutMs: 15_000 });
    assert.deepEqual(
      reqs.map((r) => `${JSON.parse(r.text).m}${header(r.headers, "Upstash-Retried")}`),
      ["a0", "a1", "b0"],
      "b is delivered only after a's retry succeeded",
    );
    await queue.delete();
  });

  test("parallelism 2: at most (and at least once exactly) two deliveries in flight", async () => {
    const { client, receiver } = env;
    const queueName = uid("par2-");
    await client.queue({ queueName }).upsert({ parallelism: 2 });
    const path = `/${uid("par2-")}`;
    const stats = trackInFlight(receiver, path, { delayMs: 300 });
    const queue = client.queue({ queueName });
    for (let i = 1; i <= 6; i++) await queue.enqueueJSON({ url: receiver.url(path), body: { i } });
    await receiver.waitForRequests(path, 6, { timeoutMs: 15_000 });
    assert.equal(stats.max, 2, `max in flight ${stats.max}, queue parallelism is 2`);
    await queue.delete();
  });

  test("a paused queue accepts messages (lag grows) but delivers nothing until resume, then delivers in order", async () => {
    const { client, receiver } = env;
    const queueName = uid("paused-");
    const queue = client.queue({ queueName });
    await queue.upsert({ parallelism: 1, paused: true });
    const path = `/${uid("held-")}`;
    const ids = [];
    for (let i = 1; i <= 3; i++) ids.push((await queue.enqueueJSON({ url: receiver.url(path), body: { i } })).messageId);
    assert.equal((await queue.get()).lag, 3, "lag counts the waiting messages");

    // Control: a plain publish sent after the enqueues arrives; the queued ones must not.
    const controlPath = `/${uid("ctl-")}`;
    await client.publishJSON({ url: receiver.url(controlPath), body: {} });
    await receiver.waitForRequests(controlPath, 1);
    await settle(700);
    assert.equal(receiver.requestsFor(path).length, 0, "a paused queue delivers nothing");
    const msg = await client.messages.get(ids[0]);
    assert.equal(msg.queueName, queueName);

    await queue.resume();
    const reqs = await receiver.waitForRequests(path, 3);
    assert.deepEqual(reqs.map((r) => JSON.parse(r.text).i), [1, 2, 3]);
    await waitFor(async () => (await queue.get()).lag === 0, { what: "lag back to 0" });
    await queue.delete();
  });

  test("pausing mid-stream stops further deliveries; lag reflects what is left", async () => {
    const { client, receiver } = env;
    const queueName = uid("midpause-");
    const queue = client.queue({ queueName });
    await queue.upsert({ parallelism: 1 });
    const path = `/${uid("mid-")}`;
    receiver.on(path, { status: 200, delayMs: 400 });
    for (let i = 1; i <= 4; i++) await queue.enqueueJSON({ url: receiver.url(path), body: { i } });
    await receiver.waitForRequests(path, 1);
    await queue.pause();
    // The first delivery may complete; no further one may start after it.
    await settle(1200);
    const delivered = receiver.requestsFor(path).length;
    assert.ok(delivered <= 2, `${delivered} deliveries started although the queue was paused during the first`);
    const lag = (await queue.get()).lag;
    assert.equal(lag, 4 - delivered, `lag ${lag} = messages not yet processed`);

    await queue.resume();
    const reqs = await receiver.waitForRequests(path, 4);
    assert.deepEqual(reqs.map((r) => JSON.parse(r.text).i), [1, 2, 3, 4]);
    await queue.delete();
  });

  test("a message that fails for good does not block the queue; DLQ entry carries queueName (filterable)", async () => {
    const { client, receiver } = env;
    const queueName = uid("qdlq-");
    const queue = client.queue({ queueName });
    await queue.upsert({ parallelism: 1 });
    const badPath = `/${uid("qbad-")}`;
    const okPath = `/${uid("qok-")}`;
    receiver.on(badPath, { status: 500, body: "nope" });
    const bad = await queue.enqueueJSON({ url: receiver.url(badPath), body: {}, retries: 0 });
    await queue.enqueueJSON({ url: receiver.url(okPath), body: {} });
    await receiver.waitForRequests(okPath, 1);
    const entries = await waitFor(
      async () => {
        const { messages } = await client.dlq.listMessages({ filter: { queueName } });
        return messages.length > 0 ? messages : undefined;
      },
      { what: "DLQ entry by queueName" },
    );
    assert.deepEqual(entries.map((e) => e.messageId), [bad.messageId]);
    assert.equal(entries[0].queueName, queueName);
    const other = await client.dlq.listMessages({ filter: { queueName: uid("otherq-") } });
    assert.deepEqual(other.messages, []);
    await queue.delete();
  });

  test("bulk cancel by queueName cancels exactly that queue's waiting messages; lag drops to 0", async () => {
    const { client, receiver } = env;
    const queueName = uid("qcancel-");
    const otherName = uid("qkeep-");
    const queue = client.queue({ queueName });
    const other = client.queue({ queueName: otherName });
    await queue.upsert({ parallelism: 1, paused: true });
    await other.upsert({ parallelism: 1, paused: true });
    for (let i = 0; i < 3; i++) await queue.enqueueJSON({ url: receiver.url(`/${uid("qc-")}`), body: { i } });
    const kept = await other.enqueueJSON({ url: receiver.url(`/${uid("qk-")}`), body: {} });
    assert.deepEqual(await client.messages.cancel({ filter: { queueName } }), { cancelled: 3 });
    assert.equal((await queue.get()).lag, 0);
    assert.equal((await other.get()).lag, 1);
    assert.equal((await client.messages.get(kept.messageId)).queueName, otherName);
    await client.messages.cancel(kept.messageId);
    await queue.delete();
    await other.delete();
  });

  test("delete a queue with waiting messages: the queue is gone", async () => {
    const { client, receiver } = env;
    const queueName = uid("delwait-");
    const queue = client.queue({ queueName });
    await queue.upsert({ parallelism: 1, paused: true });
    await queue.enqueueJSON({ url: receiver.url(`/${uid("never-")}`), body: {} });
    await queue.delete();
    await rejectsWithStatus(queue.get(), 404, "get after delete");
    assert.ok(!(await client.queue().list()).some((q) => q.name === queueName));
  });

  test("enqueue to a URL group fans out through the queue", async () => {
    const { client, receiver } = env;
    const queueName = uid("qgrp-");
    const urlGroup = uid("qgrp-");
    const pathA = `/${uid("qa-")}`;
    const pathB = `/${uid("qb-")}`;
    await client.urlGroups.addEndpoints({ name: urlGroup, endpoints: [{ url: receiver.url(pathA) }, { url: receiver.url(pathB) }] });
    const res = await client.queue({ queueName }).enqueueJSON({ urlGroup, body: { g: 1 } });
    assert.ok(Array.isArray(res), "URL-group enqueue returns an array");
    assert.equal(res.length, 2);
    await receiver.waitForRequests(pathA, 1);
    await receiver.waitForRequests(pathB, 1);
    for (const r of res) {
      await waitForLogState(client, r.messageId, "DELIVERED");
      const { logs } = await client.logs({ filter: { messageId: r.messageId } });
      assert.ok(logs.some((l) => l.queueName === queueName), "log entries carry queueName");
    }
    await client.urlGroups.delete(urlGroup);
    await client.queue({ queueName }).delete();
  });
});
