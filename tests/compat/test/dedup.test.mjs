// Deduplication by id and by content (qstash-api.md §2.7, §2.10).
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { useHerald } from "./support/env.mjs";
import { uid, waitForLogState } from "./support/util.mjs";

const env = useHerald();

describe("deduplication", { timeout: 60_000 }, () => {
  test("same deduplicationId → same messageId, deduplicated: true, one delivery", async () => {
    const { client, receiver } = env;
    const path = `/${uid("dedup-")}`;
    const deduplicationId = uid("d-");
    const first = await client.publishJSON({ url: receiver.url(path), body: { n: 1 }, deduplicationId });
    const second = await client.publishJSON({ url: receiver.url(path), body: { n: 2 }, deduplicationId });
    assert.notEqual(first.deduplicated, true, "the first publish is not a duplicate");
    assert.equal(second.messageId, first.messageId);
    assert.equal(second.deduplicated, true);

    await waitForLogState(client, first.messageId, "DELIVERED");
    const reqs = receiver.requestsFor(path);
    assert.equal(reqs.length, 1, "only the first publish is delivered");
    assert.equal(reqs[0].text, JSON.stringify({ n: 1 }));
  });

  test("a different deduplicationId is a different message", async () => {
    const { client, receiver } = env;
    const path = `/${uid("dedup2-")}`;
    const a = await client.publishJSON({ url: receiver.url(path), body: {}, deduplicationId: uid("x-"), delay: 60 });
    const b = await client.publishJSON({ url: receiver.url(path), body: {}, deduplicationId: uid("y-"), delay: 60 });
    assert.notEqual(a.messageId, b.messageId);
    assert.notEqual(b.deduplicated, true);
    await client.messages.cancel([a.messageId, b.messageId]);
  });

  test("contentBasedDeduplication: identical content dedupes, different content does not", async () => {
    const { client, receiver } = env;
    const path = `/${uid("content-")}`;
    const body = { content: uid() };
    const first = await client.publishJSON({ url: receiver.url(path), body, contentBasedDeduplication: true, headers: { "X-A": "1" } });
    const second = await client.publishJSON({ url: receiver.url(path), body, contentBasedDeduplication: true, headers: { "X-A": "1" } });
    assert.notEqual(first.deduplicated, true);
    assert.equal(second.messageId, first.messageId);
    assert.equal(second.deduplicated, true);

    const otherBody = await client.publishJSON({ url: receiver.url(path), body: { ...body, more: 1 }, contentBasedDeduplication: true, headers: { "X-A": "1" } });
    assert.notEqual(otherBody.messageId, first.messageId, "different body → different message");
    assert.notEqual(otherBody.deduplicated, true);

    const otherHeader = await client.publishJSON({ url: receiver.url(path), body, contentBasedDeduplication: true, headers: { "X-A": "2" } });
    assert.notEqual(otherHeader.messageId, first.messageId, "different forwarded header → different message");

    const otherPath = `/${uid("content-other-")}`;
    const otherUrl = await client.publishJSON({ url: receiver.url(otherPath), body, contentBasedDeduplication: true, headers: { "X-A": "1" } });
    assert.notEqual(otherUrl.messageId, first.messageId, "different destination → different message");

    await Promise.all([first, otherBody, otherHeader].map((r) => waitForLogState(client, r.messageId, "DELIVERED")));
    await waitForLogState(client, otherUrl.messageId, "DELIVERED");
    assert.equal(receiver.requestsFor(path).length, 3, "three distinct messages to the first path, the duplicate not delivered");
  });
});
