// Callbacks and failure callbacks (qstash-api.md §10, §2.8, §5.1).
// Mirrors the callback / failureCallback round-trips of qstash-js client.test.ts and
// checks the callback requests themselves at a real receiver.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { useHerald } from "./support/env.mjs";
import { b64, callbackBody, settle, waitForDlqEntries } from "./support/extra.mjs";
import { header, uid, waitForDlq } from "./support/util.mjs";

const env = useHerald();

/** sourceHeader values: Record<string, string[]> (workflow tests); tolerate the docs' flat-string example. */
const values = (v) => (v === undefined ? undefined : [].concat(v));

describe("callbacks", { timeout: 60_000 }, () => {
  test("messages.get round-trips callback and failureCallback verbatim", async () => {
    const { client, receiver } = env;
    const callback = receiver.url(`/${uid("cb-")}/?foo=bar`);
    const failureCallback = receiver.url(`/${uid("fcb-")}?foo=bar`);
    const res = await client.publish({
      url: receiver.url(`/${uid("dest-")}`),
      body: "x",
      delay: 60,
      retries: 1,
      callback,
      failureCallback,
    });
    const msg = await client.messages.get(res.messageId);
    assert.equal(msg.callback, callback);
    assert.equal(msg.failureCallback, failureCallback);
    assert.ok(msg.maxRetries >= 1);
    await client.messages.cancel(res.messageId);
  });

  test("after a successful delivery the callback gets one signed POST with the §10 body; no failure callback", async () => {
    const { client, receiver, verifier } = env;
    const destPath = `/${uid("ok-")}`;
    const cbPath = `/${uid("cb-")}`;
    const fcbPath = `/${uid("fcb-")}`;
    const destination = receiver.url(destPath);
    const callback = receiver.url(`${cbPath}?cb=1`);
    receiver.on(destPath, { status: 201, body: "dest says hi", headers: { "X-Resp": "r1" } });
    const payload = { cb: 1, s: "ü" };
    const publishedAt = Date.now();
    const res = await client.publishJSON({
      url: destination,
      body: payload,
      retries: 2,
      headers: { "X-Src": "s" },
      callback,
      failureCallback: receiver.url(fcbPath),
    });

    const [req] = await receiver.waitForRequests(cbPath, 1);
    assert.equal(req.method, "POST", "default callback method");
    assert.equal(req.url, `${cbPath}?cb=1`);
    assert.notEqual(header(req.headers, "Upstash-Message-Id"), res.messageId, "the callback is a message of its own");
    assert.ok(header(req.headers, "Upstash-Message-Id"), "callback carries its own Upstash-Message-Id");
    assert.equal(
      await verifier.verify({ signature: header(req.headers, "Upstash-Signature"), body: req.text, url: callback }),
      true,
      "callback signature verifies with url = callback URL",
    );

    const body = callbackBody(req);
    assert.equal(body.status, 201);
    assert.deepEqual(body.header?.["X-Resp"], ["r1"], `response headers as Record<string,string[]>: ${JSON.stringify(body.header)}`);
    assert.equal(body.body, b64("dest says hi"), "response body is base64");
    assert.equal(body.retried, 0);
    assert.equal(body.maxRetries, 2);
    assert.equal(body.sourceMessageId, res.messageId);
    assert.equal(body.url, destination);
    assert.equal(body.method, "POST");
    assert.deepEqual(values(body.sourceHeader?.["Content-Type"]), ["application/json"], JSON.stringify(body.sourceHeader));
    assert.deepEqual(values(body.sourceHeader?.["X-Src"]), ["s"]);
    assert.equal(body.sourceBody, b64(JSON.stringify(payload)), "source body is base64");
    assert.equal(typeof body.createdAt, "number");
    assert.equal(typeof body.notBefore, "number");
    assert.ok(Math.abs(body.createdAt - publishedAt) < 10_000, `createdAt ${body.createdAt} is Unix ms`);
    assert.ok(Math.abs(body.notBefore - publishedAt) < 10_000, `notBefore ${body.notBefore} is Unix ms`);
    assert.equal(body.dlqId, undefined, "dlqId only on failure callbacks");

    await settle(500);
    assert.equal(receiver.requestsFor(cbPath).length, 1, "exactly one callback for one attempt");
    assert.equal(receiver.requestsFor(fcbPath).length, 0, "no failure callback after a success");
  });

  test("failing destination with retries: callback after every attempt, failure callback once with the DLQ id", async () => {
    const { client, receiver, verifier } = env;
    const destPath = `/${uid("bad-")}`;
    const cbPath = `/${uid("cb-")}`;
    const fcbPath = `/${uid("fcb-")}`;
    const destination = receiver.url(destPath);
    receiver.on(destPath, { status: 500, body: "broken", headers: { "X-Why": "because" } });
    const res = await client.publish({
      url: destination,
      body: "payload",
      method: "PUT",
      retries: 2,
      retryDelay: "100",
      callback: receiver.url(cbPath),
      failureCallback: receiver.url(fcbPath),
    });

    const entry = await waitForDlq(client, res.messageId);
    const callbacks = await receiver.waitForRequests(cbPath, 3);
    const [failure] = await receiver.waitForRequests(fcbPath, 1);
    await settle(500);
    assert.equal(receiver.requestsFor(destPath).length, 3);
    assert.equal(receiver.requestsFor(cbPath).length, 3, "one callback per attempt");
    assert.equal(receiver.requestsFor(fcbPath).length, 1, "exactly one failure callback");

    const bodies = callbacks.map(callbackBody).sort((a, b) => a.retried - b.retried);
    assert.deepEqual(bodies.map((b) => b.retried), [0, 1, 2]);
    for (const b of bodies) {
      assert.equal(b.status, 500);
      assert.equal(b.body, b64("broken"));
      assert.deepEqual(b.header?.["X-Why"], ["because"]);
      assert.equal(b.maxRetries, 2);
      assert.equal(b.sourceMessageId, res.messageId);
      assert.equal(b.url, destination);
      assert.equal(b.method, "PUT");
      assert.equal(b.sourceBody, b64("payload"));
    }

    assert.equal(
      await verifier.verify({ signature: header(failure.headers, "Upstash-Signature"), body: failure.text, url: receiver.url(fcbPath) }),
      true,
      "failure callback signature verifies with url = failure callback URL",
    );
    const fb = callbackBody(failure);
    assert.equal(fb.dlqId, entry.dlqId, "failure callback dlqId is the DLQ entry's id");
    assert.equal(fb.status, 500);
    assert.equal(fb.body, b64("broken"));
    assert.equal(fb.retried, 2, "the final attempt: retried == maxRetries");
    assert.equal(fb.maxRetries, 2);
    assert.equal(fb.sourceMessageId, res.messageId);
    assert.equal(fb.url, destination);
    assert.equal(fb.method, "PUT");
    assert.equal(fb.sourceBody, b64("payload"));
    assert.equal(typeof fb.createdAt, "number");
    assert.equal(typeof fb.notBefore, "number");

    const dlqEntry = (await waitForDlqEntries(client, { messageId: res.messageId })).find((e) => e.messageId === res.messageId);
    assert.equal(dlqEntry.callback, receiver.url(cbPath), "DLQ entry keeps the callback");
    assert.equal(dlqEntry.failureCallback, receiver.url(fcbPath), "DLQ entry keeps the failure callback");
  });

  test("a retry that succeeds: callbacks for the failed and the successful attempt, no failure callback", async () => {
    const { client, receiver } = env;
    const destPath = `/${uid("flaky-")}`;
    const cbPath = `/${uid("cb-")}`;
    const fcbPath = `/${uid("fcb-")}`;
    receiver.on(destPath, (req) => (req.attempt === 0 ? { status: 503, body: "later" } : { status: 200, body: "fine" }));
    await client.publish({
      url: receiver.url(destPath),
      body: "p",
      retries: 3,
      retryDelay: "100",
      callback: receiver.url(cbPath),
      failureCallback: receiver.url(fcbPath),
    });
    const callbacks = await receiver.waitForRequests(cbPath, 2);
    const bodies = callbacks.map(callbackBody).sort((a, b) => a.retried - b.retried);
    assert.deepEqual(bodies.map((b) => [b.retried, b.status, Buffer.from(b.body, "base64").toString()]), [
      [0, 503, "later"],
      [1, 200, "fine"],
    ]);
    await settle(500);
    assert.equal(receiver.requestsFor(cbPath).length, 2);
    assert.equal(receiver.requestsFor(fcbPath).length, 0);
  });

  test("Upstash-Callback-* / Upstash-Failure-Callback-* options: method and forwarded headers", async () => {
    const { client, receiver } = env;
    const okPath = `/${uid("ok-")}`;
    const badPath = `/${uid("bad-")}`;
    const cbPath = `/${uid("cb-")}`;
    const fcbPath = `/${uid("fcb-")}`;
    receiver.on(badPath, { status: 500 });
    const options = {
      "Upstash-Callback-Method": "PUT",
      "Upstash-Callback-Forward-X-Cb-Secret": "cb-value",
      "Upstash-Failure-Callback-Method": "PATCH",
      "Upstash-Failure-Callback-Forward-X-Fcb-Secret": "fcb-value",
    };
    const ok = await client.publish({ url: receiver.url(okPath), body: "a", headers: options, callback: receiver.url(cbPath) });
    const [cb] = await receiver.waitForRequests(cbPath, 1);
    assert.equal(cb.method, "PUT", "Upstash-Callback-Method");
    assert.equal(header(cb.headers, "x-cb-secret"), "cb-value", "Upstash-Callback-Forward-*");
    assert.equal(callbackBody(cb).sourceMessageId, ok.messageId);
    const okDelivery = (await receiver.waitForRequests(okPath, 1))[0];
    assert.equal(header(okDelivery.headers, "x-cb-secret"), undefined, "callback headers are not sent to the destination");

    await client.publish({
      url: receiver.url(badPath),
      body: "b",
      retries: 0,
      headers: options,
      failureCallback: receiver.url(fcbPath),
    });
    const [fcb] = await receiver.waitForRequests(fcbPath, 1);
    assert.equal(fcb.method, "PATCH", "Upstash-Failure-Callback-Method");
    assert.equal(header(fcb.headers, "x-fcb-secret"), "fcb-value", "Upstash-Failure-Callback-Forward-*");
    assert.equal(header(fcb.headers, "x-cb-secret"), undefined);
  });

  test("Upstash-Callback-Delay postpones the callback", async () => {
    const { client, receiver } = env;
    const destPath = `/${uid("ok-")}`;
    const cbPath = `/${uid("cbdelay-")}`;
    await client.publish({
      url: receiver.url(destPath),
      body: "d",
      callback: receiver.url(cbPath),
      headers: { "Upstash-Callback-Delay": "1s" },
    });
    const [dest] = await receiver.waitForRequests(destPath, 1);
    const [cb] = await receiver.waitForRequests(cbPath, 1);
    const gap = cb.receivedAt - dest.receivedAt;
    assert.ok(gap >= 900, `callback came ${gap} ms after the delivery; Upstash-Callback-Delay is 1s`);
  });

  test("489 + Upstash-NonRetryable-Error: one callback and one failure callback, no retries", async () => {
    const { client, receiver } = env;
    const destPath = `/${uid("nonretry-")}`;
    const cbPath = `/${uid("cb-")}`;
    const fcbPath = `/${uid("fcb-")}`;
    receiver.on(destPath, { status: 489, body: "stop", headers: { "Upstash-NonRetryable-Error": "true" } });
    const res = await client.publish({
      url: receiver.url(destPath),
      body: "n",
      retries: 3,
      retryDelay: "50",
      callback: receiver.url(cbPath),
      failureCallback: receiver.url(fcbPath),
    });
    const entry = await waitForDlq(client, res.messageId);
    const [fcb] = await receiver.waitForRequests(fcbPath, 1);
    await receiver.waitForRequests(cbPath, 1);
    await settle(400);
    assert.equal(receiver.requestsFor(destPath).length, 1);
    assert.equal(receiver.requestsFor(cbPath).length, 1);
    assert.equal(receiver.requestsFor(fcbPath).length, 1);
    const fb = callbackBody(fcb);
    assert.equal(fb.status, 489);
    assert.equal(fb.dlqId, entry.dlqId);
    assert.equal(fb.body, b64("stop"));
  });

  test("the callback is itself retried (Upstash-Callback-Retries / -Retry-Delay), same message id", async () => {
    const { client, receiver } = env;
    const destPath = `/${uid("ok-")}`;
    const cbPath = `/${uid("cbflaky-")}`;
    receiver.on(cbPath, (req) => (req.attempt === 0 ? { status: 500 } : { status: 200 }));
    const res = await client.publish({
      url: receiver.url(destPath),
      body: "c",
      callback: receiver.url(cbPath),
      headers: { "Upstash-Callback-Retries": "1", "Upstash-Callback-Retry-Delay": "100" },
    });
    const reqs = await receiver.waitForRequests(cbPath, 2);
    assert.deepEqual(reqs.map((r) => header(r.headers, "Upstash-Retried")), ["0", "1"]);
    assert.equal(header(reqs[0].headers, "Upstash-Message-Id"), header(reqs[1].headers, "Upstash-Message-Id"));
    assert.notEqual(header(reqs[0].headers, "Upstash-Message-Id"), res.messageId);
    assert.equal(callbackBody(reqs[1]).sourceMessageId, res.messageId);
    assert.equal(receiver.requestsFor(destPath).length, 1, "retrying the callback does not redeliver the message");
  });

  test("URL-group messages: each endpoint's callback carries topicName and endpointName", async () => {
    const { client, receiver } = env;
    const urlGroup = uid("cbgrp-");
    const cbPath = `/${uid("cb-")}`;
    const epA = receiver.url(`/${uid("epa-")}`);
    const epB = receiver.url(`/${uid("epb-")}`);
    await client.urlGroups.addEndpoints({
      name: urlGroup,
      endpoints: [
        { name: "alpha", url: epA },
        { name: "beta", url: epB },
      ],
    });
    const res = await client.publishJSON({ urlGroup, body: { g: 1 }, callback: receiver.url(cbPath) });
    const reqs = await receiver.waitForRequests(cbPath, 2);
    const bodies = reqs.map(callbackBody);
    for (const b of bodies) assert.equal(b.topicName, urlGroup);
    const byEndpoint = Object.fromEntries(bodies.map((b) => [b.endpointName, b]));
    assert.equal(byEndpoint.alpha?.url, epA);
    assert.equal(byEndpoint.beta?.url, epB);
    assert.equal(byEndpoint.alpha?.sourceMessageId, res.find((r) => r.url === epA).messageId);
    assert.equal(byEndpoint.beta?.sourceMessageId, res.find((r) => r.url === epB).messageId);
    await client.urlGroups.delete(urlGroup);
  });

  test("a queue (parallelism 1) waits for the callback to finish before the next message", async () => {
    const { client, receiver } = env;
    const queueName = uid("cbq-");
    const destPath = `/${uid("qdest-")}`;
    const cbPath = `/${uid("qcb-")}`;
    receiver.on(cbPath, { status: 200, delayMs: 600 });
    const queue = client.queue({ queueName });
    await queue.upsert({ parallelism: 1 });
    await queue.enqueueJSON({ url: receiver.url(destPath), body: { m: "a" }, callback: receiver.url(cbPath) });
    await queue.enqueueJSON({ url: receiver.url(destPath), body: { m: "b" } });

    const reqs = await receiver.waitForRequests(destPath, 2, { timeoutMs: 15_000 });
    const [cb] = receiver.requestsFor(cbPath);
    assert.ok(cb, "the callback was called");
    assert.deepEqual(reqs.map((r) => JSON.parse(r.text).m), ["a", "b"]);
    assert.ok(
      reqs[1].receivedAt >= cb.receivedAt + 550,
      `b arrived ${reqs[1].receivedAt - cb.receivedAt} ms after a's callback started; the callback takes 600 ms`,
    );
    await queue.delete();
  });

  test("a queue (parallelism 1) waits for the failure callback too", async () => {
    const { client, receiver } = env;
    const queueName = uid("fcbq-");
    const badPath = `/${uid("qbad-")}`;
    const okPath = `/${uid("qok-")}`;
    const fcbPath = `/${uid("qfcb-")}`;
    receiver.on(badPath, { status: 500 });
    receiver.on(fcbPath, { status: 200, delayMs: 600 });
    const queue = client.queue({ queueName });
    await queue.upsert({ parallelism: 1 });
    await queue.enqueueJSON({ url: receiver.url(badPath), body: {}, retries: 0, failureCallback: receiver.url(fcbPath) });
    await queue.enqueueJSON({ url: receiver.url(okPath), body: {} });
    const [next] = await receiver.waitForRequests(okPath, 1, { timeoutMs: 15_000 });
    const [fcb] = receiver.requestsFor(fcbPath);
    assert.ok(fcb, "the failure callback was called before the next message");
    assert.ok(
      next.receivedAt >= fcb.receivedAt + 550,
      `next message arrived ${next.receivedAt - fcb.receivedAt} ms after the failure callback started; it takes 600 ms`,
    );
    await queue.delete();
  });
});
