// URL groups (topics): /v2/topics management and fan-out publishing (qstash-api.md §7, §2.10, §9.3).
// Mirrors qstash-js url-groups.test.ts and the "E2E Url Group Publish" block of client.test.ts.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { useHerald } from "./support/env.mjs";
import { sortEndpoints, waitForDlqEntries } from "./support/extra.mjs";
import { header, rejectsWithStatus, uid, waitFor, waitForLogState } from "./support/util.mjs";

const env = useHerald();

describe("urlGroups management", { timeout: 60_000 }, () => {
  test("addEndpoints creates the group; get returns exactly the stored endpoint objects", async () => {
    const { client, receiver } = env;
    const name = uid("grp-");
    const named = { name: "url-group1", url: receiver.url(`/${uid("ep-")}`) };
    // No name, a trailing slash and a query string: all must come back byte for byte.
    const unnamed = { url: receiver.url(`/${uid("ep-")}/?foo=bar`) };
    const before = Date.now();
    await client.urlGroups.addEndpoints({ name, endpoints: [named, unnamed] });

    const group = await client.urlGroups.get(name);
    assert.equal(group.name, name);
    assert.equal(typeof group.createdAt, "number");
    assert.equal(typeof group.updatedAt, "number");
    assert.ok(Math.abs(group.createdAt - before) < 10_000, `createdAt ${group.createdAt} is Unix ms near ${before}`);
    assert.ok(group.updatedAt >= group.createdAt, "updatedAt >= createdAt");
    assert.equal(group.endpoints.length, 2);
    // toContainEqual: exact structural equality, so no extra keys and no `name` on the unnamed endpoint.
    assert.ok(
      group.endpoints.some((e) => isDeepEqual(e, named)),
      `endpoints contain ${JSON.stringify(named)}: ${JSON.stringify(group.endpoints)}`,
    );
    assert.ok(
      group.endpoints.some((e) => isDeepEqual(e, unnamed)),
      `endpoints contain ${JSON.stringify(unnamed)} (no name key, URL unchanged): ${JSON.stringify(group.endpoints)}`,
    );
    await client.urlGroups.delete(name);
  });

  test("a trailing slash is significant: https://h/x and https://h/x/ are two endpoints", async () => {
    const { client, receiver } = env;
    const name = uid("slash-");
    const base = receiver.url(`/${uid("s-")}`);
    await client.urlGroups.addEndpoints({ name, endpoints: [{ url: base }, { url: `${base}/` }] });
    const group = await client.urlGroups.get(name);
    assert.deepEqual(sortEndpoints(group.endpoints), sortEndpoints([{ url: base }, { url: `${base}/` }]));
    await client.urlGroups.delete(name);
  });

  test("adding one more endpoint later; list contains the group with both endpoints", async () => {
    const { client, receiver } = env;
    const name = uid("grp2-");
    const endpoint = { name: "urlGroup1", url: receiver.url(`/${uid("a-")}`) };
    const endpoint1 = { name: "urlGroup2", url: receiver.url(`/${uid("b-")}`) };
    await client.urlGroups.addEndpoints({ name, endpoints: [endpoint] });
    const first = await client.urlGroups.get(name);
    await client.urlGroups.addEndpoints({ name, endpoints: [endpoint1] });

    const list = await client.urlGroups.list();
    assert.ok(Array.isArray(list), "list is an array");
    const group = list.find((g) => g.name === name);
    assert.ok(group, `group ${name} is listed`);
    assert.deepEqual(sortEndpoints(group.endpoints), sortEndpoints([endpoint, endpoint1]));
    assert.equal(group.createdAt, first.createdAt, "createdAt does not change when endpoints are added");
    assert.ok(group.updatedAt >= first.updatedAt, "updatedAt does not go backwards");
    await client.urlGroups.delete(name);
  });

  test("removeEndpoints by name and by url; removing the last endpoint deletes the group", async () => {
    const { client, receiver } = env;
    const name = uid("rm-");
    const a = { name: "a", url: receiver.url(`/${uid("a-")}`) };
    const b = { name: "b", url: receiver.url(`/${uid("b-")}`) };
    const c = { url: receiver.url(`/${uid("c-")}`) };
    await client.urlGroups.addEndpoints({ name, endpoints: [a, b, c] });

    await client.urlGroups.removeEndpoints({ name, endpoints: [{ name: "a" }] });
    assert.deepEqual(sortEndpoints((await client.urlGroups.get(name)).endpoints), sortEndpoints([b, c]), "removed by name");

    await client.urlGroups.removeEndpoints({ name, endpoints: [{ url: c.url }] });
    assert.deepEqual((await client.urlGroups.get(name)).endpoints, [b], "removed by url");

    await client.urlGroups.removeEndpoints({ name, endpoints: [{ url: b.url }] });
    await rejectsWithStatus(client.urlGroups.get(name), 404, "get after removing the last endpoint");
    const list = await client.urlGroups.list();
    assert.equal(list.find((g) => g.name === name), undefined, "a group without endpoints is not listed");
  });

  test("delete: get is 404 and list no longer contains the group", async () => {
    const { client, receiver } = env;
    const keep = uid("keep-");
    const gone = uid("gone-");
    await client.urlGroups.addEndpoints({ name: keep, endpoints: [{ url: receiver.url("/keep") }] });
    await client.urlGroups.addEndpoints({ name: gone, endpoints: [{ url: receiver.url("/gone") }] });
    assert.ok((await client.urlGroups.list()).some((g) => g.name === gone));

    await client.urlGroups.delete(gone);
    await rejectsWithStatus(client.urlGroups.get(gone), 404, "get deleted group");
    const names = (await client.urlGroups.list()).map((g) => g.name);
    assert.ok(!names.includes(gone), `deleted group not listed: ${names.join(", ")}`);
    assert.ok(names.includes(keep), "other groups stay");
    await client.urlGroups.delete(keep);
    assert.ok(!(await client.urlGroups.list()).some((g) => g.name === keep));
  });

  test("unknown group: get is 404", async () => {
    await rejectsWithStatus(env.client.urlGroups.get(uid("nope-")), 404, "get unknown group");
  });

  test("an invalid group name is rejected with 400", async () => {
    await rejectsWithStatus(
      env.client.urlGroups.addEndpoints({ name: "bad!name", endpoints: [{ url: env.receiver.url("/x") }] }),
      400,
      "addEndpoints with an invalid name",
    );
  });

  test("URL groups are per tenant", async () => {
    const { client, receiver } = env;
    const name = uid("tenant-");
    await client.urlGroups.addEndpoints({ name, endpoints: [{ url: receiver.url("/t") }] });
    const { DEV_TENANTS } = await import("./support/herald.mjs");
    const other = env.clientFor(DEV_TENANTS[1]);
    await rejectsWithStatus(other.urlGroups.get(name), 404, "another tenant cannot see the group");
    assert.ok(!(await other.urlGroups.list()).some((g) => g.name === name));
    await client.urlGroups.delete(name);
  });
});

describe("publishing to a URL group", { timeout: 60_000 }, () => {
  test("publishJSON({ urlGroup }) → bare array, one message per endpoint, each delivered with Upstash-Topic-Name", async () => {
    const { client, receiver, verifier } = env;
    const name = uid("fan-");
    const pathA = `/${uid("fa-")}`;
    const pathB = `/${uid("fb-")}`;
    const endpointA = { name: "first", url: receiver.url(pathA) };
    const endpointB = { url: receiver.url(`${pathB}?baz=bar`) };
    await client.urlGroups.addEndpoints({ name, endpoints: [endpointA, endpointB] });

    const result = await client.publishJSON({
      urlGroup: name,
      body: { fan: "out" },
      headers: { "test-header": "test-value", "Upstash-Forward-bypass-tunnel-reminder": "client-test" },
    });
    assert.ok(Array.isArray(result), `response is a bare array, got ${JSON.stringify(result)}`);
    assert.equal(result.length, 2);
    assert.ok(result[0].messageId, "result[0].messageId");
    assert.notEqual(result[0].messageId, result[1].messageId, "each endpoint gets its own message id");
    assert.deepEqual(result.map((r) => r.url).sort(), [endpointA.url, endpointB.url].sort(), "each element names its endpoint url");

    const [reqA] = await receiver.waitForRequests(pathA, 1);
    const [reqB] = await receiver.waitForRequests(pathB, 1);
    const byUrl = Object.fromEntries(result.map((r) => [r.url, r.messageId]));
    for (const [req, endpoint] of [
      [reqA, endpointA],
      [reqB, endpointB],
    ]) {
      assert.equal(header(req.headers, "Upstash-Topic-Name"), name, "Upstash-Topic-Name");
      assert.equal(header(req.headers, "Upstash-Message-Id"), byUrl[endpoint.url], "delivered with its own message id");
      assert.equal(req.text, JSON.stringify({ fan: "out" }));
      assert.equal(header(req.headers, "content-type"), "application/json");
      assert.equal(header(req.headers, "test-header"), "test-value");
      assert.equal(header(req.headers, "bypass-tunnel-reminder"), "client-test");
      assert.equal(
        await verifier.verify({ signature: header(req.headers, "Upstash-Signature"), body: req.text, url: endpoint.url }),
        true,
        `signature sub is the endpoint url ${endpoint.url}`,
      );
    }
    assert.equal(reqB.url, `${pathB}?baz=bar`, "endpoint query string delivered verbatim");
    assert.equal(receiver.requestsFor(pathA).length, 1);
    assert.equal(receiver.requestsFor(pathB).length, 1);

    // Logs: filter by urlGroup (sent as topicName); entries name the group and endpoint.
    const delivered = await waitForLogState(client, byUrl[endpointA.url], "DELIVERED");
    assert.ok(delivered.every((l) => l.topicName === name), "log entries carry topicName");
    assert.ok(delivered.some((l) => l.endpointName === "first"), "log entries carry endpointName");
    const { logs } = await client.logs({ filter: { urlGroup: name } });
    assert.deepEqual([...new Set(logs.map((l) => l.messageId))].sort(), Object.values(byUrl).sort(), "logs filter by urlGroup");
    await client.urlGroups.delete(name);
  });

  test("messages.get shows urlGroup / topicName and endpointName for each fanned-out message", async () => {
    const { client, receiver } = env;
    const name = uid("get-");
    const endpoint = { name: "urlGroup1", url: receiver.url(`/${uid("g1-")}`) };
    const endpoint1 = { url: receiver.url(`/${uid("g2-")}/`) };
    await client.urlGroups.addEndpoints({ name, endpoints: [endpoint, endpoint1] });

    const result = await client.publish({
      urlGroup: name,
      body: "hello",
      delay: 60,
      headers: { "test-header": "test-value", "Upstash-Forward-bypass-tunnel-reminder": "client-test" },
    });
    assert.equal(result.length, 2);
    const messages = [await client.messages.get(result[0].messageId), await client.messages.get(result[1].messageId)];
    for (const m of messages) {
      assert.equal(m.urlGroup, name, "urlGroup (SDK maps topicName)");
      assert.equal(m.topicName, name, "topicName");
      assert.equal(m.body, "hello");
      assert.equal(new Headers(m.header).get("test-header"), "test-value");
      assert.equal(new Headers(m.header).get("bypass-tunnel-reminder"), "client-test");
      assert.equal(new Headers(m.header).get("Upstash-Forward-bypass-tunnel-reminder"), null);
    }
    const first = messages.find((m) => m.url === endpoint.url);
    const second = messages.find((m) => m.url === endpoint1.url);
    assert.ok(first && second, `message urls are the endpoint urls: ${messages.map((m) => m.url).join(", ")}`);
    assert.equal(first.endpointName, "urlGroup1");
    assert.equal(second.endpointName, undefined, "no endpointName for an unnamed endpoint");

    for (const r of result) assert.deepEqual(await client.messages.cancel(r.messageId), { cancelled: 1 });
    await client.urlGroups.delete(name);
  });

  test("endpoint URLs with `//`, %-escapes and a query string are stored and called verbatim", async () => {
    const { client, receiver } = env;
    const name = uid("raw.url_group-");
    const raw = `/${uid("raw-")}//x/a%2Fb/?b=1&a=%20`;
    const endpoint = { name: "raw", url: receiver.url(raw) };
    await client.urlGroups.addEndpoints({ name, endpoints: [endpoint] });
    assert.deepEqual((await client.urlGroups.get(name)).endpoints, [endpoint], "stored byte for byte");
    const [res] = await client.publish({ urlGroup: name, body: "r" });
    assert.equal(res.url, endpoint.url);
    const req = await waitFor(() => receiver.requests.find((r) => r.url === raw), { what: `a request to ${raw}` });
    assert.equal(header(req.headers, "Upstash-Message-Id"), res.messageId);
    await client.urlGroups.delete(name);
  });

  test("deduplicationId on a URL-group publish: the repeat returns the original ids with deduplicated: true", async () => {
    const { client, receiver } = env;
    const name = uid("dedup-");
    const pathA = `/${uid("da-")}`;
    const pathB = `/${uid("db-")}`;
    await client.urlGroups.addEndpoints({ name, endpoints: [{ url: receiver.url(pathA) }, { url: receiver.url(pathB) }] });
    const deduplicationId = uid("ddid-");
    const first = await client.publish({ urlGroup: name, body: "once", deduplicationId });
    const second = await client.publish({ urlGroup: name, body: "once", deduplicationId });
    assert.ok(Array.isArray(second), `still a bare array: ${JSON.stringify(second)}`);
    assert.equal(second.length, 2);
    assert.deepEqual(second.map((r) => r.messageId).sort(), first.map((r) => r.messageId).sort());
    for (const r of second) assert.equal(r.deduplicated, true);
    await receiver.waitForRequests(pathA, 1);
    await receiver.waitForRequests(pathB, 1);
    await waitForLogState(client, first[0].messageId, "DELIVERED");
    await waitForLogState(client, first[1].messageId, "DELIVERED");
    assert.equal(receiver.requestsFor(pathA).length, 1);
    assert.equal(receiver.requestsFor(pathB).length, 1);
    await client.urlGroups.delete(name);
  });

  test("the deprecated `topic` option publishes to the group as well", async () => {
    const { client, receiver } = env;
    const name = uid("topic-");
    const path = `/${uid("tp-")}`;
    await client.urlGroups.addEndpoints({ name, endpoints: [{ url: receiver.url(path) }] });
    const result = await client.publish({ topic: name, body: "via topic" });
    assert.ok(Array.isArray(result));
    assert.equal(result.length, 1);
    const [req] = await receiver.waitForRequests(path, 1);
    assert.equal(req.text, "via topic");
    assert.equal(header(req.headers, "Upstash-Message-Id"), result[0].messageId);
    await client.urlGroups.delete(name);
  });

  test("publishing to an unknown group is rejected", async () => {
    await assert.rejects(env.client.publishJSON({ urlGroup: uid("missing-"), body: {} }), (error) => {
      assert.ok([400, 404].includes(error?.status), `expected 404 (or 400), got ${error?.status}: ${error?.message}`);
      return true;
    });
  });

  test("deleting a group does not cancel messages already fanned out", async () => {
    const { client, receiver } = env;
    const name = uid("del-");
    const path = `/${uid("dp-")}`;
    await client.urlGroups.addEndpoints({ name, endpoints: [{ url: receiver.url(path) }] });
    const result = await client.publishJSON({ urlGroup: name, body: { later: true }, delay: 1 });
    await client.urlGroups.delete(name);
    const [req] = await receiver.waitForRequests(path, 1, { timeoutMs: 10_000 });
    assert.equal(header(req.headers, "Upstash-Message-Id"), result[0].messageId);
  });

  test("bulk cancel by urlGroup cancels that group's messages only", async () => {
    const { client, receiver } = env;
    const groupA = uid("cA-");
    const groupB = uid("cB-");
    await client.urlGroups.addEndpoints({ name: groupA, endpoints: [{ url: receiver.url("/ca1") }, { url: receiver.url("/ca2") }] });
    await client.urlGroups.addEndpoints({ name: groupB, endpoints: [{ url: receiver.url("/cb1") }] });
    await client.publishJSON({ urlGroup: groupA, body: {}, delay: 300 });
    const resB = await client.publishJSON({ urlGroup: groupB, body: {}, delay: 300 });
    assert.deepEqual(await client.messages.cancel({ filter: { urlGroup: groupA } }), { cancelled: 2 });
    assert.equal((await client.messages.get(resB[0].messageId)).urlGroup, groupB, "the other group's message stays");
    assert.deepEqual(await client.messages.cancel({ filter: { urlGroup: groupB } }), { cancelled: 1 });
    await client.urlGroups.delete(groupA);
    await client.urlGroups.delete(groupB);
  });

  test("each endpoint fails independently: DLQ filter by urlGroup returns only that group's entries", async () => {
    const { client, receiver } = env;
    const groupA = uid("dlqA-");
    const groupB = uid("dlqB-");
    const badA = `/${uid("badA-")}`;
    const okA = `/${uid("okA-")}`;
    const badB = `/${uid("badB-")}`;
    receiver.on(badA, { status: 500, body: "A broken" });
    receiver.on(badB, { status: 500, body: "B broken" });
    await client.urlGroups.addEndpoints({
      name: groupA,
      endpoints: [
        { name: "bad", url: receiver.url(badA) },
        { name: "ok", url: receiver.url(okA) },
      ],
    });
    await client.urlGroups.addEndpoints({ name: groupB, endpoints: [{ url: receiver.url(badB) }] });

    const resA = await client.publishJSON({ urlGroup: groupA, body: { g: "A" }, retries: 0 });
    const resB = await client.publishJSON({ urlGroup: groupB, body: { g: "B" }, retries: 0 });
    const badId = resA.find((r) => r.url === receiver.url(badA))?.messageId;
    assert.ok(badId, "response names the failing endpoint");

    await waitForDlqEntries(client, { urlGroup: groupB }, 1);
    const entries = await waitForDlqEntries(client, { urlGroup: groupA }, 1);
    await receiver.waitForRequests(okA, 1);
    assert.equal(entries.length, 1, `only the failing endpoint of group A is dead-lettered: ${JSON.stringify(entries.map((e) => e.url))}`);
    const [entry] = entries;
    assert.equal(entry.messageId, badId);
    assert.equal(entry.urlGroup, groupA, "urlGroup on the DLQ entry (SDK maps topicName)");
    assert.equal(entry.topicName, groupA);
    assert.equal(entry.endpointName, "bad");
    assert.equal(entry.url, receiver.url(badA));
    assert.equal(entry.responseStatus, 500);
    assert.equal(entry.responseBody, "A broken");
    assert.ok(!entries.some((e) => e.messageId === resB[0].messageId), "group B's entry is filtered out");

    await client.dlq.delete({ all: true });
    await client.urlGroups.delete(groupA);
    await client.urlGroups.delete(groupB);
  });
});

function isDeepEqual(a, b) {
  try {
    assert.deepStrictEqual(a, b);
    return true;
  } catch {
    return false;
  }
}
