// GET /v2/events (client.logs / client.events) and GET /v2/logs (qstash-api.md §8).
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { useHerald } from "./support/env.mjs";
import { allLogs, uid, waitFor, waitForLogState } from "./support/util.mjs";

const env = useHerald();

describe("logs / events", { timeout: 60_000 }, () => {
  test("a delivered message logs CREATED, ACTIVE and exactly one DELIVERED", async () => {
    const { client, receiver } = env;
    const path = `/${uid("log-")}`;
    const destination = receiver.url(path);
    const label = uid("ll-");
    const payload = { log: "me", ü: "ß" };
    const res = await client.publishJSON({ url: destination, body: payload, label, headers: { "X-Custom": "v" } });
    await receiver.waitForRequests(path, 1);
    const logs = await waitForLogState(client, res.messageId, "DELIVERED");

    const states = logs.map((l) => l.state);
    for (const s of ["CREATED", "ACTIVE", "DELIVERED"]) assert.ok(states.includes(s), `has ${s}: ${states.join(",")}`);
    assert.equal(states.filter((s) => s === "DELIVERED").length, 1, "exactly one DELIVERED");
    for (const entry of logs) {
      assert.equal(entry.messageId, res.messageId);
      assert.equal(entry.url, destination);
      assert.equal(typeof entry.time, "number");
      assert.ok(Math.abs(entry.time - Date.now()) < 60_000, `time ${entry.time} is Unix ms`);
    }
    const created = logs.find((l) => l.state === "CREATED");
    assert.equal(created.label, label);
    assert.deepEqual(created.labels, [label]);
    assert.equal(typeof created.body, "string");
    assert.equal(Buffer.from(created.body, "base64").toString("utf8"), JSON.stringify(payload), "log body is base64 of the message body");

    // Default order is latestFirst.
    for (let i = 1; i < logs.length; i++) assert.ok(logs[i - 1].time >= logs[i].time, "latest first");

    // The root messageIds form and the deprecated events() give the same entries.
    const byIds = await client.logs({ messageIds: [res.messageId] });
    assert.deepEqual(byIds.logs.map((l) => l.state).sort(), [...states].sort());
    const viaEvents = await client.events({ filter: { messageId: res.messageId } });
    assert.deepEqual(viaEvents.events.map((l) => l.state).sort(), [...states].sort());
    assert.equal(viaEvents.cursor, undefined, "single page → no cursor");
  });

  test("state filter", async () => {
    const { client, receiver } = env;
    const label = uid("st-");
    const path = `/${uid("st-")}`;
    const res = await client.publishJSON({ url: receiver.url(path), body: {}, label });
    await waitForLogState(client, res.messageId, "DELIVERED");
    const delivered = await client.logs({ filter: { label, state: "DELIVERED" } });
    assert.deepEqual(delivered.logs.map((l) => [l.messageId, l.state]), [[res.messageId, "DELIVERED"]]);
  });

  test("count, cursor pagination and the label filter", async () => {
    const { client, receiver } = env;
    const label = uid("pg-");
    const otherLabel = uid("other-");
    const path = `/${uid("pg-")}`;
    const ids = [];
    for (let i = 0; i < 4; i++) ids.push((await client.publishJSON({ url: receiver.url(path), body: { i }, label })).messageId);
    const otherId = (await client.publishJSON({ url: receiver.url(path), body: {}, label: otherLabel })).messageId;
    for (const id of [...ids, otherId]) await waitForLogState(client, id, "DELIVERED");

    const everything = await allLogs(client, { filter: { label } });
    assert.ok(everything.length >= 12, `at least CREATED+ACTIVE+DELIVERED for 4 messages, got ${everything.length}`);
    assert.deepEqual([...new Set(everything.map((l) => l.messageId))].sort(), [...ids].sort(), "label filter returns exactly this label's messages");
    assert.ok(everything.every((l) => l.label === label || l.labels?.includes(label)));

    const first = await client.logs({ filter: { label }, count: 2 });
    assert.equal(first.logs.length, 2, "count respected");
    assert.equal(typeof first.cursor, "string", "more pages → cursor");

    // Walk all pages with count 5: every entry exactly once, last page without cursor.
    const seen = [];
    let cursor;
    let pages = 0;
    let lastCursor = "unset";
    for (; pages < 50; pages++) {
      const res = await client.logs({ filter: { label }, count: 5, ...(cursor ? { cursor } : {}) });
      assert.ok(res.logs.length <= 5);
      seen.push(...res.logs);
      lastCursor = res.cursor;
      if (!res.cursor) break;
      cursor = res.cursor;
    }
    assert.equal(lastCursor, undefined, "last page has no cursor");
    const key = (l) => `${l.messageId}|${l.state}|${l.time}`;
    assert.equal(new Set(seen.map(key)).size, seen.length, "no entry twice across pages");
    assert.deepEqual(seen.map(key).sort(), everything.map(key).sort(), "pages add up to the full listing");
    assert.ok(pages + 1 >= Math.ceil(everything.length / 5));

    const other = await client.logs({ filter: { label: otherLabel } });
    assert.deepEqual([...new Set(other.logs.map((l) => l.messageId))], [otherId]);

    const both = await allLogs(client, { filter: { label: [label, otherLabel] } });
    assert.deepEqual([...new Set(both.map((l) => l.messageId))].sort(), [...ids, otherId].sort(), "multi-value label filter is OR");
  });

  test("the pagination loop from the SDK's own docs terminates and sees everything", async () => {
    // client.logs() JSDoc: `let cursor = Date.now(); while (cursor > 0) { ... cursor = res.cursor ?? 0 }`
    const { client, receiver } = env;
    const label = uid("doc-");
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push((await client.publishJSON({ url: receiver.url(`/${uid("doc-")}`), body: { i }, label })).messageId);
    for (const id of ids) await waitForLogState(client, id, "DELIVERED");
    const expected = await allLogs(client, { filter: { label } });
    const logs = [];
    let cursor = Date.now();
    let rounds = 0;
    while (cursor > 0 && rounds++ < 50) {
      const res = await client.logs({ cursor, count: 2, filter: { label } });
      logs.push(...res.logs);
      cursor = res.cursor ?? 0;
    }
    assert.ok(rounds < 50, "loop terminated");
    assert.equal(logs.length, expected.length, "cursors compare as numbers (> 0) so the documented loop walks every page");
  });

  test("url filter", async () => {
    const { client, receiver } = env;
    const pathA = `/${uid("ua-")}`;
    const pathB = `/${uid("ub-")}`;
    const a = await client.publishJSON({ url: receiver.url(pathA), body: {} });
    const b = await client.publishJSON({ url: receiver.url(pathB), body: {} });
    await waitForLogState(client, a.messageId, "DELIVERED");
    await waitForLogState(client, b.messageId, "DELIVERED");
    const onlyA = await allLogs(client, { filter: { url: receiver.url(pathA) } });
    assert.deepEqual([...new Set(onlyA.map((l) => l.messageId))], [a.messageId]);
  });

  test("GET /v2/logs returns the same entries under `logs`", async () => {
    const { client, receiver } = env;
    const res = await client.publishJSON({ url: receiver.url(`/${uid("v2logs-")}`), body: {} });
    const events = await waitForLogState(client, res.messageId, "DELIVERED");
    const raw = await waitFor(
      async () => {
        const r = await client.http.request({ method: "GET", path: ["v2", "logs"], query: { messageId: res.messageId } });
        return r.logs?.some((l) => l.state === "DELIVERED") ? r : undefined;
      },
      { what: "/v2/logs DELIVERED" },
    );
    assert.ok(Array.isArray(raw.logs));
    assert.deepEqual(raw.logs.map((l) => l.state).sort(), events.map((l) => l.state).sort());
    assert.equal(raw.cursor, undefined);
  });

  test("a cancelled message logs CANCELED (SDK spelling)", async () => {
    const { client, receiver } = env;
    const res = await client.publishJSON({ url: receiver.url(`/${uid("cx-")}`), body: {}, delay: 120 });
    await client.messages.cancel(res.messageId);
    const logs = await waitFor(
      async () => {
        const { logs } = await client.logs({ filter: { messageId: res.messageId } });
        return logs.some((l) => l.state === "CANCELED" || l.state === "CANCELLED") ? logs : undefined;
      },
      { what: "a cancelled state in the logs" },
    );
    assert.ok(logs.some((l) => l.state === "CANCELED"), `states: ${logs.map((l) => l.state).join(",")}`);
  });
});
