// GET/DELETE /v2/messages/{id} and bulk DELETE /v2/messages (qstash-api.md §5).
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { useHerald } from "./support/env.mjs";
import { rejectsWithStatus, uid } from "./support/util.mjs";

const env = useHerald();

describe("messages.get / cancel", { timeout: 60_000 }, () => {
  test("get returns the stored message with canonical header names, notBefore, retries, labels", async () => {
    const { client, receiver } = env;
    const destination = receiver.url(`/${uid("get-")}`);
    const label = uid("lbl-");
    const payload = { order: 17, note: "délai" };
    const publishedAt = Date.now();
    const res = await client.publishJSON({
      url: destination,
      body: payload,
      delay: 60,
      retries: 2,
      retryDelay: "1000 * (1 + retried)",
      label,
      method: "PATCH",
      headers: { "X-Custom": "v", "x-lower-case-name": "lc" },
    });

    const msg = await client.messages.get(res.messageId);
    assert.equal(msg.messageId, res.messageId);
    assert.equal(msg.url, destination);
    assert.equal(msg.method, "PATCH");
    assert.equal(msg.body, JSON.stringify(payload));
    assert.equal(msg.maxRetries, 2);
    assert.equal(msg.retryDelayExpression, "1000 * (1 + retried)");
    assert.equal(msg.label, label);
    assert.deepEqual(msg.labels, [label]);
    assert.equal(typeof msg.createdAt, "number");
    assert.ok(Math.abs(msg.createdAt - publishedAt) < 10_000, `createdAt ${msg.createdAt} is Unix ms near ${publishedAt}`);
    assert.equal(typeof msg.notBefore, "number");
    assert.ok(msg.notBefore >= publishedAt + 59_000, `notBefore ${msg.notBefore} >= now+59s (${publishedAt + 59_000})`);
    assert.ok(msg.notBefore <= Date.now() + 61_000, `notBefore ${msg.notBefore} <= now+61s`);

    // Header map: Record<string, string[]> with canonical names, forwarded names without the prefix.
    assert.deepEqual(msg.header?.["Content-Type"], ["application/json"]);
    assert.deepEqual(msg.header?.["X-Custom"], ["v"]);
    assert.deepEqual(msg.header?.["X-Lower-Case-Name"], ["lc"]);
    const names = Object.keys(msg.header ?? {});
    assert.deepEqual(
      names.filter((n) => /^upstash-(forward|telemetry|method|retries|retry-delay|delay|label)/i.test(n) || /^authorization$/i.test(n)),
      [],
      `only Content-Type and forwarded headers are stored, got ${names.join(", ")}`,
    );

    const cancelled = await client.messages.cancel(res.messageId);
    assert.deepEqual(cancelled, { cancelled: 1 });
    await rejectsWithStatus(client.messages.get(res.messageId), 404, "get after cancel");
    await rejectsWithStatus(client.messages.cancel(res.messageId), 404, "second cancel");
  });

  test("notBefore (Unix seconds) comes back as milliseconds and wins over delay", async () => {
    const { client, receiver } = env;
    const notBefore = Math.floor(Date.now() / 1000) + 300;
    const res = await client.publishJSON({ url: receiver.url(`/${uid("nbf-")}`), body: {}, notBefore, delay: 10 });
    const msg = await client.messages.get(res.messageId);
    assert.equal(msg.notBefore, notBefore * 1000);
    await client.messages.cancel(res.messageId);
  });

  test("multiple labels are stored in order; label is the first", async () => {
    const { client, receiver } = env;
    const a = uid("a-");
    const b = uid("b-");
    const res = await client.publishJSON({ url: receiver.url(`/${uid("labels-")}`), body: {}, delay: 60, label: [a, b] });
    const msg = await client.messages.get(res.messageId);
    assert.equal(msg.label, a);
    assert.deepEqual(msg.labels, [a, b]);
    await client.messages.cancel(res.messageId);
  });

  test("default retries is 3 and the default method is POST", async () => {
    const { client, receiver } = env;
    const res = await client.publish({ url: receiver.url(`/${uid("defaults-")}`), body: "b", delay: 60 });
    const msg = await client.messages.get(res.messageId);
    assert.equal(msg.maxRetries, 3);
    assert.equal(msg.method, "POST");
    assert.equal(msg.retryDelayExpression, undefined, "no retryDelayExpression unless set");
    await client.messages.cancel(res.messageId);
  });

  test("duration strings for delay (1h30m) are honoured", async () => {
    const { client, receiver } = env;
    const before = Date.now();
    const res = await client.publish({ url: receiver.url(`/${uid("dur-")}`), body: "d", delay: "1h30m" });
    const msg = await client.messages.get(res.messageId);
    assert.ok(msg.notBefore >= before + 5_400_000 - 1000 && msg.notBefore <= Date.now() + 5_400_000 + 1000, `notBefore ${msg.notBefore}`);
    await client.messages.cancel(res.messageId);
  });

  test("a non-UTF-8 body comes back as bodyBase64, not body", async () => {
    const { client, receiver } = env;
    const bytes = Buffer.from([0xff, 0xfe, 0x00, 0x80]);
    const res = await client.publish({
      url: receiver.url(`/${uid("b64-")}`),
      body: new Uint8Array(bytes),
      delay: 60,
      headers: { "Content-Type": "application/octet-stream" },
    });
    const msg = await client.messages.get(res.messageId);
    assert.equal(msg.bodyBase64, bytes.toString("base64"));
    assert.equal(msg.body, undefined);
    await client.messages.cancel(res.messageId);
  });

  test("cancel succeeds for a message whose delivery is in flight", async () => {
    const { client, receiver } = env;
    const path = `/${uid("inflight-")}`;
    receiver.on(path, { status: 200, delayMs: 1500 });
    const res = await client.publishJSON({ url: receiver.url(path), body: {} });
    await receiver.waitForRequests(path, 1);
    assert.deepEqual(await client.messages.cancel(res.messageId), { cancelled: 1 });
  });

  test("a just-delivered message can still be read (the SDK's E2E tests read right after publishing)", async () => {
    const { client, receiver } = env;
    const path = `/${uid("readback-")}`;
    const label = uid("rb-");
    const res = await client.publishJSON({ url: receiver.url(path), body: { rb: 1 }, label, headers: { "X-Custom": "v" } });
    await receiver.waitForRequests(path, 1);
    const msg = await client.messages.get(res.messageId);
    assert.equal(msg.messageId, res.messageId);
    assert.equal(msg.body, JSON.stringify({ rb: 1 }));
    assert.equal(msg.label, label);
    assert.deepEqual(msg.header?.["X-Custom"], ["v"]);
  });

  test("get of an unknown id is 404", async () => {
    await rejectsWithStatus(env.client.messages.get("msg_doesNotExist123"), 404, "get unknown");
    await rejectsWithStatus(env.client.messages.cancel("msg_doesNotExist123"), 404, "cancel unknown");
  });

  test("deprecated messages.delete(id) cancels too", async () => {
    const { client, receiver } = env;
    const res = await client.publishJSON({ url: receiver.url(`/${uid("del-")}`), body: {}, delay: 60 });
    await client.messages.delete(res.messageId);
    await rejectsWithStatus(client.messages.get(res.messageId), 404, "get after delete");
  });

  test("a cancelled delayed message is never delivered", async () => {
    const { client, receiver } = env;
    const path = `/${uid("never-")}`;
    const res = await client.publishJSON({ url: receiver.url(path), body: {}, delay: 1 });
    assert.deepEqual(await client.messages.cancel(res.messageId), { cancelled: 1 });
    // Control message published after it with the same delay: once it has arrived the cancelled one would have too.
    const controlPath = `/${uid("control-")}`;
    await client.publishJSON({ url: receiver.url(controlPath), body: {}, delay: 1 });
    await receiver.waitForRequests(controlPath, 1);
    assert.equal(receiver.requestsFor(path).length, 0);
  });
});

describe("bulk cancel (DELETE /v2/messages)", { timeout: 60_000 }, () => {
  const publishDelayed = async (label, n, path = `/${uid("bulk-")}`) => {
    const results = [];
    for (let i = 0; i < n; i++) {
      results.push(await env.client.publishJSON({ url: env.receiver.url(path), body: { i }, delay: 300, label }));
    }
    return results.map((r) => r.messageId);
  };
  const alive = async (ids) => {
    const out = [];
    for (const id of ids) {
      try {
        await env.client.messages.get(id);
        out.push(id);
      } catch (error) {
        if (error?.status !== 404) throw error;
      }
    }
    return out;
  };

  test("cancel by label with count cancels exactly count, then the rest", async () => {
    const { client } = env;
    const labelA = uid("bulkA-");
    const labelB = uid("bulkB-");
    const idsA = await publishDelayed(labelA, 5);
    const idsB = await publishDelayed(labelB, 2);

    assert.deepEqual(await client.messages.cancel({ filter: { label: labelA }, count: 2 }), { cancelled: 2 });
    assert.equal((await alive(idsA)).length, 3, "3 of label A left");
    assert.equal((await alive(idsB)).length, 2, "label B untouched");

    assert.deepEqual(await client.messages.cancel({ filter: { label: labelA } }), { cancelled: 3 });
    assert.deepEqual(await alive(idsA), []);
    assert.equal((await alive(idsB)).length, 2, "label B still untouched");

    assert.deepEqual(await client.messages.cancel({ filter: { label: labelA } }), { cancelled: 0 }, "nothing left to match");
    await client.messages.cancel(idsB);
  });

  test("cancel by an array of ids", async () => {
    const { client } = env;
    const ids = await publishDelayed(uid("ids-"), 3);
    assert.deepEqual(await client.messages.cancel([ids[0], ids[2]]), { cancelled: 2 });
    assert.deepEqual(await alive(ids), [ids[1]]);
    await client.messages.cancel(ids[1]);
  });

  test("cancel by url filter matches only that destination", async () => {
    const { client } = env;
    const label = uid("url-");
    const pathX = `/${uid("x-")}`;
    const pathY = `/${uid("y-")}`;
    const idsX = await publishDelayed(label, 2, pathX);
    const idsY = await publishDelayed(label, 1, pathY);
    assert.deepEqual(await client.messages.cancel({ filter: { url: env.receiver.url(pathX) } }), { cancelled: 2 });
    assert.deepEqual(await alive([...idsX, ...idsY]), idsY);
    await client.messages.cancel(idsY);
  });

  test("cancel by path filter matches only that URL path", async () => {
    const { client } = env;
    const label = uid("path-");
    const pathA = `/${uid("pa-")}`;
    const pathB = `/${uid("pb-")}`;
    const idsA = await publishDelayed(label, 2, pathA);
    const idsB = await publishDelayed(label, 2, pathB);
    assert.deepEqual(await client.messages.cancel({ filter: { path: pathA } }), { cancelled: 2 });
    assert.deepEqual(await alive([...idsA, ...idsB]), idsB);
    await client.messages.cancel(idsB);
  });

  test("cancel all with count, then all", async () => {
    const { client } = env;
    const ids = await publishDelayed(uid("all-"), 4);
    assert.deepEqual(await client.messages.cancel({ all: true, count: 1 }), { cancelled: 1 });
    assert.equal((await alive(ids)).length, 3);
    assert.deepEqual(await client.messages.cancel({ all: true }), { cancelled: 3 });
    assert.deepEqual(await alive(ids), []);
  });
});
