// Flow control: Upstash-Flow-Control-Key/Value enforcement and the /v2/flowControl and
// /v2/globalParallelism API (qstash-api.md §2.5, §15.1, §5.1).
// Mirrors qstash-js flow-control.test.ts (the slow destination is this file's receiver
// instead of mock.httpstatus.io/200?sleep=30000) and measures the limits at the receiver.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { useHerald } from "./support/env.mjs";
import { getMessageOrUndefined, settle, trackInFlight } from "./support/extra.mjs";
import { rejectsWithStatus, uid, waitFor, waitForLogState } from "./support/util.mjs";

const env = useHerald();

/** Publishes one message that the receiver holds for `holdMs`, with the SDK test's flow-control settings. */
async function publishSlow(flowControl, { holdMs = 5000 } = {}) {
  const path = `/${uid("sleep-")}`;
  env.receiver.on(path, { status: 200, delayMs: holdMs });
  const { messageId } = await env.client.publish({ url: env.receiver.url(path), body: "hello", flowControl });
  return { messageId, path };
}

const sdkFlowControl = (key) => ({ key, parallelism: 5, rate: 10, period: "1m" });

const listKeys = (query) => env.client.http.request({ method: "GET", path: ["v2", "flowControl"], ...(query ? { query } : {}) });

describe("flow-control API", { timeout: 60_000 }, () => {
  test("get right after publish returns the key with its limits", async () => {
    const { client } = env;
    const key = `fc-info-${uid()}`;
    const { messageId } = await publishSlow(sdkFlowControl(key));

    const info = await client.flowControl.get(key);
    assert.equal(info.flowControlKey, key);
    assert.equal(typeof info.waitListSize, "number");
    assert.equal(typeof info.parallelismCount, "number");
    assert.equal(typeof info.rateCount, "number");
    assert.equal(typeof info.ratePeriodStart, "number");
    assert.equal(info.parallelismMax, 5);
    assert.equal(info.rateMax, 10);
    assert.equal(info.ratePeriod, 60, "ratePeriod is in seconds (1m)");
    assert.equal(info.isPaused, false);
    assert.equal(info.isPinnedParallelism, false);
    assert.equal(info.isPinnedRate, false);
    await client.messages.delete(messageId);
  });

  test("counts while a delivery is held: parallelismCount 1, rateCount 1, the rest in the wait list", async () => {
    const { client, receiver } = env;
    const key = `fc-count-${uid()}`;
    const path = `/${uid("held-")}`;
    receiver.on(path, { status: 200, delayMs: 4000 });
    const ids = [];
    for (let i = 0; i < 4; i++) {
      ids.push((await client.publish({ url: receiver.url(path), body: `${i}`, flowControl: { key, parallelism: 1, rate: 100, period: 60 } })).messageId);
    }
    await receiver.waitForRequests(path, 1);
    const info = await waitFor(
      async () => {
        const i = await client.flowControl.get(key);
        return i.parallelismCount === 1 && i.waitListSize === 3 ? i : undefined;
      },
      { what: "parallelismCount 1 and waitListSize 3" },
    );
    assert.equal(info.parallelismMax, 1);
    assert.equal(info.rateCount, 1, "one delivery started in this period");
    assert.ok(Math.abs(info.ratePeriodStart - Date.now() / 1000) < 120, `ratePeriodStart ${info.ratePeriodStart} is Unix seconds`);
    assert.equal(receiver.requestsFor(path).length, 1);
    assert.deepEqual(await client.messages.cancel(ids), { cancelled: 4 });
  });

  test("Upstash-Flow-Control-Value in the docs' form (any order, no spaces) is parsed", async () => {
    const { client, receiver } = env;
    const key = uid("fc-raw-");
    const res = await client.publish({
      url: receiver.url(`/${uid("raw-")}`),
      body: "r",
      delay: 60,
      headers: { "Upstash-Flow-Control-Key": key, "Upstash-Flow-Control-Value": "rate=10,parallelism=20,period=1m" },
    });
    const info = await client.flowControl.get(key);
    assert.equal(info.parallelismMax, 20);
    assert.equal(info.rateMax, 10);
    assert.equal(info.ratePeriod, 60);
    const msg = await client.messages.get(res.messageId);
    assert.equal(msg.flowControlKey, key);
    assert.equal(msg.parallelism, 20);
    assert.equal(msg.rate, 10);
    assert.equal(msg.period, 60);
    await client.messages.cancel(res.messageId);
  });

  test("get of an unknown key is 404", async () => {
    await rejectsWithStatus(env.client.flowControl.get(uid("fc-none-")), 404, "get unknown key");
  });

  test("GET /v2/flowControl lists keys (with `search`)", async () => {
    const { client } = env;
    const tag = uid();
    const keyA = `fc-list-${tag}-a`;
    const keyB = `fc-other-${uid()}`;
    const a = await publishSlow({ key: keyA, parallelism: 2 });
    const b = await publishSlow({ key: keyB, rate: 4 });
    const all = await listKeys();
    assert.ok(Array.isArray(all), `list is an array: ${JSON.stringify(all)}`);
    const found = all.find((k) => k.flowControlKey === keyA);
    assert.ok(found, "keyA listed");
    assert.equal(found.parallelismMax, 2);
    assert.ok(all.some((k) => k.flowControlKey === keyB), "keyB listed");
    const searched = await listKeys({ search: tag });
    assert.deepEqual(searched.map((k) => k.flowControlKey), [keyA], "search matches on the key");
    await client.messages.cancel([a.messageId, b.messageId]);
  });

  test("getGlobalParallelism returns numbers; a held delivery counts", async () => {
    const { client } = env;
    const info = await client.flowControl.getGlobalParallelism();
    assert.equal(typeof info.parallelismMax, "number");
    assert.equal(typeof info.parallelismCount, "number");
    assert.ok(info.parallelismMax > 0, `parallelismMax ${info.parallelismMax}`);

    const { messageId, path } = await publishSlow({ key: `fc-global-${uid()}`, parallelism: 1 });
    await env.receiver.waitForRequests(path, 1);
    const during = await client.flowControl.getGlobalParallelism();
    assert.ok(during.parallelismCount >= 1, `parallelismCount ${during.parallelismCount} while a delivery is active`);
    await client.messages.cancel(messageId);
  });

  test("pause / resume toggle isPaused", async () => {
    const { client } = env;
    const key = `fc-pause-${uid()}`;
    const { messageId } = await publishSlow(sdkFlowControl(key));
    await client.flowControl.pause(key);
    assert.equal((await client.flowControl.get(key)).isPaused, true);
    await client.flowControl.resume(key);
    assert.equal((await client.flowControl.get(key)).isPaused, false);
    await client.messages.delete(messageId);
  });

  test("a paused key holds new messages in the wait list until resume", async () => {
    const { client, receiver } = env;
    const key = `fc-hold-${uid()}`;
    const warm = `/${uid("warm-")}`;
    await client.publish({ url: receiver.url(warm), body: "w", flowControl: { key, parallelism: 10 } });
    await receiver.waitForRequests(warm, 1);
    await client.flowControl.pause(key);

    const path = `/${uid("paused-")}`;
    for (let i = 0; i < 2; i++) await client.publish({ url: receiver.url(path), body: `${i}`, flowControl: { key, parallelism: 10 } });
    await waitFor(async () => (await client.flowControl.get(key)).waitListSize === 2, { what: "waitListSize 2" });
    const control = `/${uid("ctl-")}`;
    await client.publish({ url: receiver.url(control), body: "c" });
    await receiver.waitForRequests(control, 1);
    await settle(500);
    assert.equal(receiver.requestsFor(path).length, 0, "nothing delivered while paused");

    await client.flowControl.resume(key);
    await receiver.waitForRequests(path, 2);
    await waitFor(async () => (await client.flowControl.get(key)).waitListSize === 0, { what: "wait list drained" });
  });

  test("pin both, then unpin both (SDK E2E)", async () => {
    const { client } = env;
    const key = `fc-pin-${uid()}`;
    const { messageId } = await publishSlow(sdkFlowControl(key));
    await client.flowControl.pin(key, { parallelism: 3, rate: 20, period: 120 });
    const pinned = await client.flowControl.get(key);
    assert.equal(pinned.isPinnedParallelism, true);
    assert.equal(pinned.isPinnedRate, true);
    assert.equal(pinned.parallelismMax, 3);
    assert.equal(pinned.rateMax, 20);
    assert.equal(pinned.ratePeriod, 120);

    await client.flowControl.unpin(key, { parallelism: true, rate: true });
    const unpinned = await client.flowControl.get(key);
    assert.equal(unpinned.isPinnedParallelism, false);
    assert.equal(unpinned.isPinnedRate, false);
    await client.messages.delete(messageId);
  });

  test("unpin a single field while keeping the other pinned (SDK E2E)", async () => {
    const { client } = env;
    const key = `fc-unpin-single-${uid()}`;
    const { messageId } = await publishSlow(sdkFlowControl(key));
    await client.flowControl.pin(key, { parallelism: 3, rate: 20, period: 120 });
    const pinned = await client.flowControl.get(key);
    assert.equal(pinned.isPinnedParallelism, true);
    assert.equal(pinned.isPinnedRate, true);

    await client.flowControl.unpin(key, { parallelism: true });
    const partial = await client.flowControl.get(key);
    assert.equal(partial.isPinnedParallelism, false);
    assert.equal(partial.isPinnedRate, true);
    assert.equal(partial.rateMax, 20, "the pinned rate still applies");
    assert.equal(partial.ratePeriod, 120);
    await client.messages.delete(messageId);
  });

  test("pin only parallelism leaves the rate unpinned", async () => {
    const { client } = env;
    const key = `fc-pin-one-${uid()}`;
    const { messageId } = await publishSlow(sdkFlowControl(key));
    await client.flowControl.pin(key, { parallelism: 2 });
    const info = await client.flowControl.get(key);
    assert.equal(info.isPinnedParallelism, true);
    assert.equal(info.parallelismMax, 2);
    assert.equal(info.isPinnedRate, false);
    assert.equal(info.rateMax, 10);
    assert.equal(info.ratePeriod, 60);
    await client.messages.delete(messageId);
  });

  test("while pinned, incoming messages do not change the config; after unpin the next message does", async () => {
    const { client } = env;
    const key = `fc-pin-override-${uid()}`;
    const first = await publishSlow(sdkFlowControl(key));
    await client.flowControl.pin(key, { parallelism: 3, rate: 20, period: 120 });
    const second = await publishSlow({ key, parallelism: 7, rate: 9, period: 30 });
    const stillPinned = await client.flowControl.get(key);
    assert.equal(stillPinned.parallelismMax, 3, "pinned parallelism wins over the message's");
    assert.equal(stillPinned.rateMax, 20, "pinned rate wins over the message's");
    assert.equal(stillPinned.ratePeriod, 120);

    await client.flowControl.unpin(key, { parallelism: true, rate: true });
    const third = await publishSlow({ key, parallelism: 6, rate: 8, period: 40 });
    const updated = await client.flowControl.get(key);
    assert.equal(updated.parallelismMax, 6, "an unpinned key takes the config of the next message");
    assert.equal(updated.rateMax, 8);
    assert.equal(updated.ratePeriod, 40);
    await client.messages.cancel([first.messageId, second.messageId, third.messageId]);
  });

  test("a pinned parallelism is enforced at the destination", async () => {
    const { client, receiver } = env;
    const key = `fc-pin-enforced-${uid()}`;
    const warm = `/${uid("warm-")}`;
    await client.publish({ url: receiver.url(warm), body: "w", flowControl: { key, parallelism: 5 } });
    await receiver.waitForRequests(warm, 1);
    await client.flowControl.pin(key, { parallelism: 1 });
    const path = `/${uid("pinned-")}`;
    const stats = trackInFlight(receiver, path, { delayMs: 250 });
    for (let i = 0; i < 3; i++) await client.publish({ url: receiver.url(path), body: `${i}`, flowControl: { key, parallelism: 5 } });
    await receiver.waitForRequests(path, 3);
    assert.equal(stats.max, 1, `max in flight ${stats.max}; parallelism is pinned to 1`);
  });

  test("resetRate → rateCount 0 (SDK E2E) and a new period starts now", async () => {
    const { client } = env;
    const key = `fc-reset-${uid()}`;
    const { messageId, path } = await publishSlow(sdkFlowControl(key));
    await env.receiver.waitForRequests(path, 1);
    await waitFor(async () => (await client.flowControl.get(key)).rateCount === 1, { what: "rateCount 1 after one activation" });
    const beforeReset = Date.now();
    const info = await waitFor(
      async () => {
        await client.flowControl.resetRate(key);
        const i = await client.flowControl.get(key);
        return i.rateCount === 0 ? i : undefined;
      },
      { timeoutMs: 15_000, intervalMs: 1000, what: "rateCount 0 after resetRate" },
    );
    assert.ok(info.ratePeriodStart >= Math.floor(beforeReset / 1000) - 1, `ratePeriodStart ${info.ratePeriodStart} moved to now`);
    await client.messages.delete(messageId);
  });

  test("cancelling a message whose delivery is in flight resolves { cancelled: 1 }", async () => {
    const { client, receiver } = env;
    const key = `fc-cancel-${uid()}`;
    const a = await publishSlow(sdkFlowControl(key), { holdMs: 10_000 });
    const b = await publishSlow(sdkFlowControl(key), { holdMs: 10_000 });
    await receiver.waitForRequests(a.path, 1);
    await receiver.waitForRequests(b.path, 1);
    assert.deepEqual(await client.messages.cancel(a.messageId), { cancelled: 1 });
    await client.messages.delete(b.messageId); // the SDK test's deprecated form
    // Cancelling an in-flight attempt is best-effort (CANCEL_REQUESTED, then CANCELED): wait for it to finish.
    for (const id of [a.messageId, b.messageId]) {
      await waitFor(async () => (await getMessageOrUndefined(client, id)) === undefined, { timeoutMs: 5000, what: `${id} gone after cancel` });
      await waitForLogState(client, id, "CANCELED", { timeoutMs: 5000 });
    }
    assert.equal(receiver.requestsFor(a.path).length, 1, "a cancelled message is not redelivered");
    assert.equal(receiver.requestsFor(b.path).length, 1, "a deleted message is not redelivered");
  });
});

describe("flow-control fields on messages", { timeout: 60_000 }, () => {
  test("messages.get returns flowControlKey, parallelism, rate and period (seconds)", async () => {
    const { client, receiver } = env;
    const key = uid("fc-msg-");
    const res = await client.publishJSON({
      url: receiver.url(`/${uid("m-")}`),
      body: {},
      delay: 60,
      flowControl: { key, parallelism: 2, rate: 5, period: "1d" },
    });
    const msg = await client.messages.get(res.messageId);
    assert.equal(msg.flowControlKey, key);
    assert.equal(msg.parallelism, 2);
    assert.equal(msg.rate, 5);
    assert.equal(msg.ratePerSecond, 5, "SDK maps rate → ratePerSecond");
    assert.equal(msg.period, 86400);
    await client.messages.cancel(res.messageId);
  });

  test("period defaults to 1 second; rate is absent when not given", async () => {
    const { client, receiver } = env;
    const res = await client.publishJSON({
      url: receiver.url(`/${uid("m-")}`),
      body: {},
      delay: 60,
      flowControl: { key: uid("fc-def-"), parallelism: 3 },
    });
    const msg = await client.messages.get(res.messageId);
    assert.equal(msg.parallelism, 3);
    assert.equal(msg.period, 1);
    assert.equal(msg.rate, undefined);
    await client.messages.cancel(res.messageId);
  });

  test("bulk cancel by several flowControlKey values cancels exactly the matching messages", async () => {
    const { client, receiver } = env;
    const [k1, k2, k3] = [uid("fc-c1-"), uid("fc-c2-"), uid("fc-c3-")];
    const ids = {};
    for (const k of [k1, k1, k2, k3]) {
      const res = await client.publishJSON({ url: receiver.url(`/${uid("c-")}`), body: {}, delay: 300, flowControl: { key: k, parallelism: 1 } });
      (ids[k] ??= []).push(res.messageId);
    }
    assert.deepEqual(await client.messages.cancel({ filter: { flowControlKey: [k1, k2] } }), { cancelled: 3 });
    assert.equal((await client.messages.get(ids[k3][0])).flowControlKey, k3);
    for (const id of [...ids[k1], ...ids[k2]]) assert.equal(await getMessageOrUndefined(client, id), undefined);
    await client.messages.cancel(ids[k3]);
  });

  test("DLQ entries keep the flow-control fields", async () => {
    const { client, receiver } = env;
    const key = uid("fc-dlq-");
    const path = `/${uid("fail-")}`;
    receiver.on(path, { status: 500 });
    const res = await client.publishJSON({ url: receiver.url(path), body: {}, retries: 0, flowControl: { key, rate: 7, period: 10 } });
    const entry = await waitFor(
      async () => (await client.dlq.listMessages({ filter: { flowControlKey: key } })).messages.find((m) => m.messageId === res.messageId),
      { what: "DLQ entry by flowControlKey" },
    );
    assert.equal(entry.flowControlKey, key);
    assert.equal(entry.rate, 7);
    assert.equal(entry.period, 10);
  });
});

describe("flow-control limits measured at the receiver", { timeout: 60_000 }, () => {
  test("parallelism 2 with 8 slow messages: exactly 2 in flight at most", async () => {
    const { client, receiver } = env;
    const key = uid("fc-par-");
    const path = `/${uid("par-")}`;
    const stats = trackInFlight(receiver, path, { delayMs: 300 });
    const started = Date.now();
    for (let i = 0; i < 8; i++) await client.publish({ url: receiver.url(path), body: `${i}`, flowControl: { key, parallelism: 2 } });
    await receiver.waitForRequests(path, 8, { timeoutMs: 15_000 });
    assert.equal(stats.max, 2, `max in flight ${stats.max}`);
    const last = Math.max(...stats.starts);
    assert.ok(last - started >= 3 * 300 - 50, `8 messages at 2 at a time take ≥ 3 rounds before the last starts (${last - started} ms)`);
  });

  test("the limit is per key across destinations", async () => {
    const { client, receiver } = env;
    const key = uid("fc-shared-");
    const pathA = `/${uid("sa-")}`;
    const pathB = `/${uid("sb-")}`;
    const stats = trackInFlight(receiver, pathA, { delayMs: 250 });
    trackInFlight(receiver, pathB, { delayMs: 250 }, stats);
    for (let i = 0; i < 3; i++) {
      await client.publish({ url: receiver.url(pathA), body: `a${i}`, flowControl: { key, parallelism: 1 } });
      await client.publish({ url: receiver.url(pathB), body: `b${i}`, flowControl: { key, parallelism: 1 } });
    }
    await receiver.waitForRequests(pathA, 3);
    await receiver.waitForRequests(pathB, 3);
    assert.equal(stats.max, 1, `max in flight across both URLs ${stats.max}`);
  });

  test("rate 3 per 1 s with 9 messages: never 4 starts within 900 ms; the whole takes ≥ ~2 s", async () => {
    const { client, receiver } = env;
    const key = uid("fc-rate-");
    const path = `/${uid("rate-")}`;
    const results = await client.batch(
      Array.from({ length: 9 }, (_, i) => ({ url: receiver.url(path), body: `${i}`, flowControl: { key, rate: 3, period: 1 } })),
    );
    assert.equal(results.length, 9);
    const reqs = await receiver.waitForRequests(path, 9, { timeoutMs: 15_000 });
    const times = reqs.map((r) => r.receivedAt).sort((a, b) => a - b);
    for (let i = 0; i + 3 < times.length; i++) {
      const window = times[i + 3] - times[i];
      assert.ok(window >= 900, `arrivals ${i + 1}..${i + 4} within ${window} ms; rate is 3 per second`);
    }
    const span = times[8] - times[0];
    assert.ok(span >= 1800, `9 messages at 3/s span ${span} ms (expected ≈ 2000)`);
  });

  test("rate and parallelism together: both limits hold", async () => {
    const { client, receiver } = env;
    const key = uid("fc-both-");
    const path = `/${uid("both-")}`;
    const stats = trackInFlight(receiver, path, { delayMs: 100 });
    for (let i = 0; i < 6; i++) {
      await client.publish({ url: receiver.url(path), body: `${i}`, flowControl: { key, parallelism: 1, rate: 4, period: "1s" } });
    }
    await receiver.waitForRequests(path, 6, { timeoutMs: 15_000 });
    assert.equal(stats.max, 1);
    // Parallelism alone would start 5 deliveries within ~420 ms; rate 4/s spreads them over ≥ 1 s.
    // 800 ms leaves room for delivery-latency jitter at the receiver.
    const times = [...stats.starts].sort((a, b) => a - b);
    for (let i = 0; i + 4 < times.length; i++) {
      assert.ok(times[i + 4] - times[i] >= 800, `five starts within ${times[i + 4] - times[i]} ms; rate is 4 per second`);
    }
  });
});
