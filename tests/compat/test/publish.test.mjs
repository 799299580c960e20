// Publish to a URL and what the destination receives (qstash-api.md §2, §9).
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { describe, test } from "node:test";
import { Client, Receiver, SignatureError } from "@upstash/qstash";
import { useHerald } from "./support/env.mjs";
import { DEV, DEV_TENANTS } from "./support/herald.mjs";
import { decodeJwt, header, rejectsWithStatus, uid, waitForLogState } from "./support/util.mjs";

const env = useHerald();

describe("publish to a URL", { timeout: 60_000 }, () => {
  test("publishJSON is delivered once, byte-identical, signed, with forwarded headers", async () => {
    const { client, receiver, verifier } = env;
    const path = `/${uid("json-")}`;
    const destination = receiver.url(path);
    const payload = { hello: "world", n: 42, nested: { list: [1, 2, 3] }, unicode: "héllo ✓ 日本" };
    const expectedBody = Buffer.from(JSON.stringify(payload), "utf8");

    const res = await client.publishJSON({ url: destination, body: payload, headers: { "X-Custom": "v" } });
    assert.equal(typeof res.messageId, "string");
    assert.ok(res.messageId.length > 0);
    assert.equal(res.url, destination, "publish response echoes the destination url");
    assert.notEqual(res.deduplicated, true);

    const [req] = await receiver.waitForRequests(path, 1);
    assert.equal(req.method, "POST");
    assert.ok(req.body.equals(expectedBody), `body differs: ${req.text}`);

    // Signature
    const signature = header(req.headers, "Upstash-Signature");
    assert.equal(typeof signature, "string", "Upstash-Signature header present");
    assert.equal(await verifier.verify({ signature, body: req.text, url: destination }), true);
    assert.equal(await verifier.verify({ signature, body: req.text }), true);
    await assert.rejects(
      verifier.verify({ signature, body: `${req.text} `, url: destination }),
      SignatureError,
      "a tampered body must not verify",
    );
    await assert.rejects(
      verifier.verify({ signature, body: req.text, url: `${destination}/other` }),
      SignatureError,
      "a different url must not verify",
    );

    // Delivered headers (§9.3)
    assert.equal(header(req.headers, "X-Custom"), "v", "forwarded header arrives without the prefix");
    assert.equal(header(req.headers, "Upstash-Message-Id"), res.messageId);
    assert.equal(header(req.headers, "Upstash-Retried"), "0");
    assert.equal(header(req.headers, "Content-Type"), "application/json");
    const names = Object.keys(req.headers);
    assert.deepEqual(names.filter((n) => n.startsWith("upstash-telemetry")), [], "telemetry headers must not be forwarded");
    assert.deepEqual(names.filter((n) => n.startsWith("upstash-forward")), [], "Upstash-Forward- prefix must be stripped");
    assert.equal(header(req.headers, "Authorization"), undefined, "the QStash token must never reach the destination");
    assert.equal(header(req.headers, "Upstash-Method"), undefined, "configuration headers are not forwarded");
    assert.equal(header(req.headers, "User-Agent"), "Upstash-QStash");

    // Exactly once: wait until Herald records the delivery as DELIVERED, then count.
    await waitForLogState(client, res.messageId, "DELIVERED");
    assert.equal(receiver.requestsFor(path).length, 1, "delivered exactly once");
  });

  test("Upstash-Signature is an HS256 JWT with the documented claims (§9.2)", async () => {
    const { client, receiver } = env;
    const path = `/${uid("claims-")}`;
    const destination = receiver.url(path);
    const before = Math.floor(Date.now() / 1000);
    await client.publish({ url: destination, body: "claims body", headers: { "Content-Type": "text/plain" } });
    const [req] = await receiver.waitForRequests(path, 1);
    const { header: h, payload } = decodeJwt(header(req.headers, "Upstash-Signature"));
    assert.equal(h.alg, "HS256");
    assert.equal(h.typ, "JWT");
    assert.equal(payload.iss, "Upstash");
    assert.equal(payload.sub, destination);
    assert.equal(typeof payload.exp, "number");
    assert.equal(typeof payload.iat, "number");
    assert.equal(typeof payload.nbf, "number", "nbf must be present");
    assert.ok(payload.iat >= before - 5 && payload.iat <= Math.floor(Date.now() / 1000) + 1, `iat ${payload.iat}`);
    assert.ok(payload.exp > payload.iat, "exp after iat");
    assert.ok(payload.exp - payload.iat <= 600, "exp about 5 minutes after iat");
    assert.ok(payload.nbf <= payload.iat, "nbf not after iat");
    assert.equal(typeof payload.jti, "string");
    assert.ok(!payload.aud, "no non-empty aud claim");
    const bodyHash = createHash("sha256").update("claims body").digest("base64url");
    assert.equal(payload.body.replace(/=+$/, ""), bodyHash);
  });

  test("signed with the current key only", async () => {
    const { client, receiver } = env;
    const path = `/${uid("current-")}`;
    await client.publish({ url: receiver.url(path), body: "x" });
    const [req] = await receiver.waitForRequests(path, 1);
    const signature = header(req.headers, "Upstash-Signature");
    const currentOnly = new Receiver({ currentSigningKey: DEV.currentSigningKey, nextSigningKey: "sig_notTheRightKeyAtAll1234567" });
    assert.equal(await currentOnly.verify({ signature, body: req.text }), true);
    const nextOnly = new Receiver({ currentSigningKey: DEV.nextSigningKey, nextSigningKey: "sig_notTheRightKeyAtAll1234567" });
    await assert.rejects(nextOnly.verify({ signature, body: req.text }), SignatureError);
  });

  test("publish keeps method, content type and raw text body", async () => {
    const { client, receiver, verifier } = env;
    const path = `/${uid("put-")}`;
    const body = "line one\nline two\twith tab and ünïcödé";
    await client.publish({
      url: receiver.url(path),
      method: "PUT",
      body,
      headers: { "Content-Type": "text/plain; charset=utf-8", "X-Trace": "abc" },
    });
    const [req] = await receiver.waitForRequests(path, 1);
    assert.equal(req.method, "PUT");
    assert.equal(req.text, body);
    assert.equal(header(req.headers, "Content-Type"), "text/plain; charset=utf-8");
    assert.equal(header(req.headers, "X-Trace"), "abc");
    assert.equal(await verifier.verify({ signature: header(req.headers, "Upstash-Signature"), body: req.text }), true);
  });

  test("an empty body is delivered empty and its signature verifies", async () => {
    const { client, receiver, verifier } = env;
    const path = `/${uid("empty-")}`;
    const destination = receiver.url(path);
    await client.publish({ url: destination });
    const [req] = await receiver.waitForRequests(path, 1);
    assert.equal(req.body.length, 0);
    assert.equal(await verifier.verify({ signature: header(req.headers, "Upstash-Signature"), body: "", url: destination }), true);
  });

  test("destination query string, trailing slash, `//` and percent-escapes are preserved (§1.1)", async () => {
    const { client, receiver, verifier } = env;
    const path = `/${uid("query-")}//with%20space%2Fslash/`;
    const destination = `${receiver.url(path)}?foo=bar&list=a&list=b`;
    const res = await client.publishJSON({ url: destination, body: { q: true } });
    assert.equal(res.url, destination);
    const [req] = await receiver.waitForRequests(path, 1);
    assert.equal(req.url, `${path}?foo=bar&list=a&list=b`);
    const signature = header(req.headers, "Upstash-Signature");
    assert.equal(decodeJwt(signature).payload.sub, destination, "JWT sub is the full destination including the query");
    assert.equal(await verifier.verify({ signature, body: req.text, url: destination }), true);
    assert.equal((await client.messages.get(res.messageId)).url, destination, "stored url is the exact destination");
  });

  test("delay and notBefore hold the delivery back", async () => {
    const { client, receiver } = env;
    const delayedPath = `/${uid("delay-")}`;
    const notBeforePath = `/${uid("nbf-")}`;
    const start = Date.now();
    const notBefore = Math.ceil(start / 1000) + 2;
    await Promise.all([
      client.publishJSON({ url: receiver.url(delayedPath), body: { d: 1 }, delay: "2s" }),
      client.publishJSON({ url: receiver.url(notBeforePath), body: { d: 2 }, notBefore }),
    ]);
    const [delayed] = await receiver.waitForRequests(delayedPath, 1, { timeoutMs: 10_000 });
    const [nbf] = await receiver.waitForRequests(notBeforePath, 1, { timeoutMs: 10_000 });
    assert.ok(delayed.receivedAt - start >= 1900, `delay 2s delivered after ${delayed.receivedAt - start} ms`);
    assert.ok(nbf.receivedAt >= notBefore * 1000 - 100, `notBefore delivered ${notBefore * 1000 - nbf.receivedAt} ms early`);
  });

  test("a non-UTF-8 body is delivered byte-identical", async () => {
    const { client, receiver, verifier } = env;
    const path = `/${uid("bin-")}`;
    const bytes = Buffer.from([0xff, 0xfe, 0x00, 0x80, 0x41, 0xc3]);
    await client.publish({ url: receiver.url(path), body: new Uint8Array(bytes), headers: { "Content-Type": "application/octet-stream" } });
    const [req] = await receiver.waitForRequests(path, 1);
    assert.ok(req.body.equals(bytes), `got ${req.body.toString("hex")}`);
    assert.equal(header(req.headers, "Content-Type"), "application/octet-stream");
    // The SDK's Receiver hashes a string body, so signature checks only apply to text bodies; check the claim directly.
    const { payload } = decodeJwt(header(req.headers, "Upstash-Signature"));
    assert.equal(payload.body.replace(/=+$/, ""), createHash("sha256").update(bytes).digest("base64url"));
  });

  test("client-level headers and Upstash-Forward-Upstash-* are forwarded", async () => {
    const { receiver } = env;
    const client = env.clientFor(DEV, { headers: { "X-Global": "g" } });
    const path = `/${uid("global-")}`;
    await client.publish({ url: receiver.url(path), body: "g", headers: { "Upstash-Forward-Upstash-Workflow-Sdk-Version": "1" } });
    const [req] = await receiver.waitForRequests(path, 1);
    assert.equal(header(req.headers, "X-Global"), "g");
    assert.equal(header(req.headers, "Upstash-Workflow-Sdk-Version"), "1");
  });

  test("invalid configuration is rejected with 400", async () => {
    const { client, receiver } = env;
    const url = receiver.url("/never-invalid");
    await rejectsWithStatus(client.publish({ url, body: "x", delay: "soon" }), 400, "Upstash-Delay: soon");
    await rejectsWithStatus(client.publish({ url, body: "x", retryDelay: "pow(" }), 400, "Upstash-Retry-Delay: pow(");
    await rejectsWithStatus(client.publish({ url, body: "x", retries: -1 }), 400, "Upstash-Retries: -1");
    await rejectsWithStatus(client.publish({ url: "http://", body: "x" }), 400, "destination http://");
    assert.equal(receiver.requestsFor("/never-invalid").length, 0);
  });

  test("a wrong token is rejected with 401 and an error body", async () => {
    const { receiver } = env;
    const bad = new Client({ baseUrl: env.herald.baseUrl, token: "not-a-valid-token", retry: false });
    await rejectsWithStatus(bad.publishJSON({ url: receiver.url("/never"), body: {} }), 401, "publish with a bad token");
    await rejectsWithStatus(bad.messages.get("msg_doesnotexist"), 401, "messages.get with a bad token");
    const res = await fetch(`${env.herald.baseUrl}/v2/messages/msg_x`, { headers: { Authorization: "Bearer nope" } });
    assert.equal(res.status, 401);
    const body = await res.json();
    assert.equal(typeof body.error, "string", "error responses are {\"error\": \"...\"}");
    assert.equal(receiver.requestsFor("/never").length, 0);
  });

  test("tenants are isolated: another dev tenant cannot see the message", async () => {
    const { client, receiver } = env;
    const res = await client.publishJSON({ url: receiver.url(`/${uid("iso-")}`), body: {}, delay: 60 });
    const other = env.clientFor(DEV_TENANTS[1]);
    await rejectsWithStatus(other.messages.get(res.messageId), 404, "other tenant's messages.get");
    await client.messages.cancel(res.messageId);
  });
});
