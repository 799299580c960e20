// Dead-letter queue (qstash-api.md §6).
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { useHerald } from "./support/env.mjs";
import { header, rejectsWithStatus, uid, waitFor, waitForDlq, waitForLogState } from "./support/util.mjs";

const env = useHerald();

/** Publishes `n` messages with retries 0 to a path answering 500 and waits until all are in the DLQ. */
async function failInto(label, n, { path = `/${uid("fail-")}`, status = 500, body = "boom", headers } = {}) {
  env.receiver.on(path, { status, body, headers: { "X-Resp": "r" } });
  const ids = [];
  for (let i = 0; i < n; i++) {
    const res = await env.client.publishJSON({ url: env.receiver.url(path), body: { i }, retries: 0, label, headers });
    ids.push(res.messageId);
  }
  const entries = [];
  for (const id of ids) entries.push(await waitForDlq(env.client, id));
  return { path, ids, entries };
}

describe("DLQ", { timeout: 60_000 }, () => {
  test("a failed publish (retries 0) lands in the DLQ with the last response", async () => {
    const { client, receiver } = env;
    const path = `/${uid("dlq500-")}`;
    const label = uid("dlq-");
    receiver.on(path, { status: 500, body: "internal boom", headers: { "X-Resp": "r" } });
    const destination = receiver.url(path);
    const res = await client.publishJSON({ url: destination, body: { a: 1 }, retries: 0, label, headers: { "X-Custom": "v" } });

    const entry = await waitForDlq(client, res.messageId, { timeoutMs: 8000 });
    assert.equal(receiver.requestsFor(path).length, 1, "exactly one attempt with retries 0");
    assert.equal(entry.messageId, res.messageId);
    assert.equal(entry.url, destination);
    assert.equal(typeof entry.dlqId, "string");
    assert.ok(entry.dlqId.length > 0);
    assert.equal(entry.responseStatus, 500);
    assert.equal(entry.responseBody, "internal boom");
    assert.deepEqual(entry.responseHeader?.["X-Resp"], ["r"], "responseHeader is a canonical Record<string,string[]>");
    assert.equal(entry.method, "POST");
    assert.equal(entry.body, JSON.stringify({ a: 1 }));
    assert.deepEqual(entry.header?.["X-Custom"], ["v"]);
    assert.deepEqual(entry.header?.["Content-Type"], ["application/json"]);
    assert.equal(entry.maxRetries, 0);
    assert.equal(entry.label, label);
    assert.deepEqual(entry.labels, [label]);
    assert.equal(typeof entry.createdAt, "number");
  });

  test('a 404 answer keeps its body verbatim ("404 Not Found")', async () => {
    const { entries } = await failInto(uid("nf-"), 1, { status: 404, body: "404 Not Found" });
    assert.equal(entries[0].responseStatus, 404);
    assert.equal(entries[0].responseBody, "404 Not Found");
  });

  test("a non-UTF-8 response body is kept as responseBodyBase64", async () => {
    const bytes = Buffer.from([0xff, 0x00, 0xfe, 0x80]);
    const { entries } = await failInto(uid("b64-"), 1, { status: 502, body: bytes });
    assert.equal(entries[0].responseStatus, 502);
    assert.equal(entries[0].responseBodyBase64, bytes.toString("base64"));
    assert.equal(entries[0].responseBody, undefined);
  });

  test("order=latestFirst reverses the default earliestFirst order; fromDate in the future matches nothing", async () => {
    const { client } = env;
    const label = uid("ord-");
    const { ids } = await failInto(label, 3);
    const earliest = await client.dlq.listMessages({ filter: { label } });
    assert.deepEqual(earliest.messages.map((m) => m.messageId), ids, "default order is earliestFirst");
    const latest = await client.dlq.listMessages({ filter: { label, order: "latestFirst" } });
    assert.deepEqual(latest.messages.map((m) => m.messageId), [...ids].reverse());
    const future = await client.dlq.listMessages({ filter: { label, fromDate: Date.now() + 3_600_000 } });
    assert.deepEqual(future.messages, []);
    const past = await client.dlq.listMessages({ filter: { label, toDate: Date.now() - 3_600_000 } });
    assert.deepEqual(past.messages, []);
  });

  test("GET /v2/dlq/{dlqId} returns one entry, 404 when unknown", async () => {
    const { client } = env;
    const { entries } = await failInto(uid("one-"), 1);
    const got = await client.http.request({ method: "GET", path: ["v2", "dlq", entries[0].dlqId] });
    assert.equal(got.dlqId, entries[0].dlqId);
    assert.equal(got.messageId, entries[0].messageId);
    assert.equal(got.responseStatus, 500);
    await rejectsWithStatus(client.http.request({ method: "GET", path: ["v2", "dlq", "999999999-0"] }), 404, "GET unknown dlq id");
  });

  test("filters narrow the listing: messageId, url, label (multi-value OR), responseStatus", async () => {
    const { client, receiver } = env;
    const labelA = uid("fa-");
    const labelB = uid("fb-");
    const a = await failInto(labelA, 2);
    const b = await failInto(labelB, 1, { status: 503 });

    const byId = await client.dlq.listMessages({ filter: { messageId: a.ids[1] } });
    assert.deepEqual(byId.messages.map((m) => m.messageId), [a.ids[1]]);

    const byUrl = await client.dlq.listMessages({ filter: { url: receiver.url(a.path) } });
    assert.deepEqual(byUrl.messages.map((m) => m.messageId).sort(), [...a.ids].sort());

    const byLabel = await client.dlq.listMessages({ filter: { label: labelB } });
    assert.deepEqual(byLabel.messages.map((m) => m.messageId), b.ids);

    const byLabels = await client.dlq.listMessages({ filter: { label: [labelA, labelB] } });
    assert.deepEqual(byLabels.messages.map((m) => m.messageId).sort(), [...a.ids, ...b.ids].sort());

    const byStatus = await client.dlq.listMessages({ filter: { label: [labelA, labelB], responseStatus: 503 } });
    assert.deepEqual(byStatus.messages.map((m) => m.messageId), b.ids);

    const none = await client.dlq.listMessages({ filter: { responseStatus: 999 } });
    assert.deepEqual(none.messages, [], "a non-matching filter is an empty page, not an error");
    assert.equal(none.cursor, undefined);

    const byDlqIds = await client.dlq.listMessages({ dlqIds: [a.entries[0].dlqId, b.entries[0].dlqId] });
    assert.deepEqual(byDlqIds.messages.map((m) => m.dlqId).sort(), [a.entries[0].dlqId, b.entries[0].dlqId].sort());
  });

  test("an unknown filter parameter is rejected with 400", async () => {
    // The SDK spreads filter fields into the query string, so a typo reaches the server as-is.
    await rejectsWithStatus(env.client.dlq.listMessages({ filter: { labeel: "x" } }), 400, "GET /v2/dlq?labeel=x");
    await rejectsWithStatus(env.client.dlq.delete({ filter: { labeel: "x" } }), 400, "DELETE /v2/dlq?labeel=x");
  });

  test("host/path filters are rejected on the DLQ", async () => {
    await rejectsWithStatus(env.client.dlq.listMessages({ filter: { host: "127.0.0.1" } }), 400, "GET /v2/dlq?host=");
  });

  test("retry by dlqId re-publishes as a new message and removes the entry", async () => {
    const { client, receiver, verifier } = env;
    const path = `/${uid("flaky-")}`;
    const label = uid("rt-");
    const { ids, entries } = await failInto(label, 1, { path, headers: { "X-Custom": "kept" } });
    receiver.on(path, { status: 200, body: "fine now" });

    const res = await client.dlq.retry(entries[0].dlqId);
    assert.equal(res.responses.length, 1);
    const newId = res.responses[0].messageId;
    assert.equal(typeof newId, "string");
    assert.notEqual(newId, ids[0], "retry creates a new message id");
    assert.equal(res.cursor, undefined);

    const reqs = await receiver.waitForRequests(path, 2);
    const retried = reqs[1];
    assert.equal(header(retried.headers, "Upstash-Message-Id"), newId);
    assert.equal(retried.text, JSON.stringify({ i: 0 }), "same body");
    assert.equal(header(retried.headers, "X-Custom"), "kept", "same forwarded headers");
    assert.equal(header(retried.headers, "Content-Type"), "application/json");
    assert.equal(header(retried.headers, "Upstash-Retried"), "0", "a new message starts at attempt 0");
    const signature = header(retried.headers, "Upstash-Signature");
    assert.equal(await verifier.verify({ signature, body: retried.text, url: receiver.url(path) }), true);
    await waitForLogState(client, newId, "DELIVERED");
    const { logs } = await client.logs({ filter: { messageId: newId } });
    assert.ok(logs.some((l) => l.label === label || l.labels?.includes(label)), "the new message keeps the label");

    const after = await client.dlq.listMessages({ filter: { messageId: ids[0] } });
    assert.deepEqual(after.messages, [], "entry gone after retry");
    await rejectsWithStatus(client.dlq.delete(entries[0].dlqId), 404, "delete after retry");
  });

  test("retry by filter with count, and POST /v2/dlq/retry/{dlqId}", async () => {
    const { client, receiver } = env;
    const label = uid("rtf-");
    const path = `/${uid("rtf-")}`;
    const { entries } = await failInto(label, 3, { path });
    receiver.on(path, { status: 200 });

    const first = await client.dlq.retry({ filter: { label }, count: 1 });
    assert.equal(first.responses.length, 1);
    assert.equal(typeof first.responses[0].messageId, "string");
    const left = await client.dlq.listMessages({ filter: { label } });
    assert.equal(left.messages.length, 2);

    const single = await client.http.request({ method: "POST", path: ["v2", "dlq", "retry", left.messages[0].dlqId] });
    assert.equal(typeof single.messageId, "string");
    assert.ok(!entries.some((e) => e.messageId === single.messageId), "new message id");

    const rest = await client.dlq.retry({ dlqIds: [left.messages[1].dlqId] });
    assert.equal(rest.responses.length, 1);
    assert.deepEqual((await client.dlq.listMessages({ filter: { label } })).messages, []);
    await receiver.waitForRequests(path, 6);
  });

  test("delete one, then again → 404", async () => {
    const { client } = env;
    const { entries } = await failInto(uid("del-"), 1);
    assert.deepEqual(await client.dlq.delete(entries[0].dlqId), { deleted: 1 });
    await rejectsWithStatus(client.dlq.delete(entries[0].dlqId), 404, "second delete");
    await rejectsWithStatus(client.http.request({ method: "GET", path: ["v2", "dlq", entries[0].dlqId] }), 404, "get deleted");
  });

  test("deleteMany by ids and delete by filter with count return the deleted count", async () => {
    const { client } = env;
    const label = uid("dm-");
    const { entries } = await failInto(label, 4);
    const res = await client.dlq.deleteMany({ dlqIds: [entries[0].dlqId, entries[1].dlqId] });
    assert.equal(res.deleted, 2);
    assert.equal(res.cursor, undefined);
    assert.equal((await client.dlq.listMessages({ filter: { label } })).messages.length, 2);

    const one = await client.dlq.delete({ filter: { label }, count: 1 });
    assert.equal(one.deleted, 1);
    const rest = await client.dlq.delete({ filter: { label } });
    assert.equal(rest.deleted, 1);
    assert.equal(rest.cursor, undefined, "no cursor once nothing matches any more");
    assert.deepEqual((await client.dlq.listMessages({ filter: { label } })).messages, []);
  });

  test("cursor pagination sees every entry exactly once; the last page has no cursor", async () => {
    const { client } = env;
    const label = uid("page-");
    const { entries } = await failInto(label, 7);
    const seen = [];
    const cursors = [];
    let cursor;
    for (let page = 0; page < 10; page++) {
      const res = await client.dlq.listMessages({ filter: { label }, count: 3, cursor });
      assert.ok(res.messages.length <= 3, `page size ${res.messages.length} <= count`);
      seen.push(...res.messages.map((m) => m.dlqId));
      cursors.push(res.cursor);
      if (!res.cursor) break;
      cursor = res.cursor;
    }
    assert.deepEqual([...seen].sort(), entries.map((e) => e.dlqId).sort(), "every entry exactly once");
    assert.equal(new Set(seen).size, seen.length, "no duplicates");
    assert.equal(cursors.at(-1), undefined, "last page has no cursor");
    assert.ok(cursors.length >= 3, `7 entries at count 3 need at least 3 pages, got ${cursors.length}`);
    assert.equal(typeof cursors[0], "string");
  });

  test("delete all with count returns a cursor while more remain; then delete everything", async () => {
    const { client } = env;
    await failInto(uid("all-"), 3);
    const total = (await client.dlq.listMessages({ count: 100 })).messages.length;
    assert.ok(total >= 3);
    const one = await client.dlq.delete({ all: true, count: 1 });
    assert.equal(one.deleted, 1);
    assert.equal(typeof one.cursor, "string", "more entries remain, so a cursor is returned");
    let deleted = 1;
    let cursor = one.cursor;
    for (let i = 0; i < 10 && cursor; i++) {
      const res = await client.dlq.delete({ all: true, count: 100, cursor });
      deleted += res.deleted;
      cursor = res.cursor;
    }
    // A cursor may skip nothing: finish with a cursor-less delete-all.
    const final = await client.dlq.delete({ all: true });
    deleted += final.deleted;
    assert.equal(deleted, total);
    assert.equal(final.cursor, undefined);
    await waitFor(async () => (await client.dlq.listMessages()).messages.length === 0, { what: "empty DLQ" });
  });
});
