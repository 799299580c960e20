// Cron schedules through client.schedules (qstash-api.md §16). Ticks are not waited for here (a cron tick can be a
// minute away); firing is covered by tests/Herald.Server.Tests on a fake clock. These tests check what the SDK
// sends and reads: the create headers, the schedule object's exact shape, list, delete, pause/resume, overwrite.
import assert from "node:assert/strict";
import { afterEach, describe, test } from "node:test";
import { useHerald } from "./support/env.mjs";
import { rejectsWithStatus, uid } from "./support/util.mjs";

const env = useHerald();

describe("schedules", { timeout: 60_000 }, () => {
  afterEach(async () => {
    for (const schedule of await env.client.schedules.list()) {
      await env.client.schedules.delete(schedule.scheduleId);
    }
  });

  test("create then get returns the stored settings with the exact header map", async () => {
    const { client, receiver } = env;
    const destination = receiver.url(`/${uid("shape-")}?x=1`);
    const before = Date.now();
    const { scheduleId } = await client.schedules.create({
      destination,
      body: JSON.stringify({ hello: "world" }),
      headers: {
        "test-header": "test-value",
        "Upstash-Forward-bypass-tunnel-reminder": "client-test",
      },
      method: "GET",
      callback: "https://example.com",
      failureCallback: "https://example.com/failure",
      delay: 10,
      retries: 5,
      timeout: 45,
      retryDelay: "1000 * (1 + retried)",
      queueName: "scheduleQueue",
      label: ["first", "second"],
      cron: "*/10 * * * * ",
    });
    assert.match(scheduleId, /^scd_[1-9A-HJ-NP-Za-km-z]+$/);

    const schedule = await client.schedules.get(scheduleId);
    assert.equal(schedule.scheduleId, scheduleId);
    assert.equal(schedule.cron, "*/10 * * * *", "cron is stored trimmed");
    assert.equal(schedule.destination, destination);
    assert.equal(schedule.method, "GET");
    assert.deepEqual(schedule.header, {
      "Bypass-Tunnel-Reminder": ["client-test"],
      "Content-Type": ["application/json"],
      "Test-Header": ["test-value"],
    });
    assert.equal(schedule.body, '{"hello":"world"}');
    assert.equal(schedule.bodyBase64, undefined);
    assert.equal(schedule.retries, 5);
    assert.equal(schedule.delay, 10, "delay is in seconds");
    assert.equal(schedule.timeout, 45, "timeout is in seconds");
    assert.equal(schedule.callback, "https://example.com");
    assert.equal(schedule.failureCallback, "https://example.com/failure");
    assert.equal(schedule.queueName, "scheduleQueue");
    assert.equal(schedule.retryDelayExpression, "1000 * (1 + retried)");
    assert.equal(schedule.label, "first");
    assert.deepEqual(schedule.labels, ["first", "second"]);
    assert.equal(schedule.isPaused, false);
    assert.equal(schedule.callerIp, "127.0.0.1");
    assert.equal(schedule.callerIP, "127.0.0.1");
    assert.ok(Math.abs(schedule.createdAt - before) < 10_000, `createdAt ${schedule.createdAt} is Unix ms near ${before}`);
    assert.equal(schedule.nextScheduleTime % 600_000, 0, "the next tick is on a ten-minute boundary");
    assert.ok(schedule.nextScheduleTime > before && schedule.nextScheduleTime <= before + 600_000);
    assert.equal(schedule.lastScheduleTime, undefined);
    assert.equal(schedule.lastScheduleStates, undefined);
    assert.equal(schedule.error, undefined);
  });

  test("defaults: POST, 3 retries, no body, no delay", async () => {
    const { client, receiver } = env;
    const { scheduleId } = await client.schedules.create({ destination: receiver.url("/defaults"), cron: "0 0 * * *" });

    const schedule = await client.schedules.get(scheduleId);
    assert.equal(schedule.method, "POST");
    assert.equal(schedule.retries, 3);
    assert.equal(schedule.body, undefined, "a schedule without a body has no body key");
    assert.equal(schedule.delay, undefined);
    assert.deepEqual(schedule.header, { "Content-Type": ["application/json"] }, "the SDK defaults the content type");
  });

  test("flow control: period defaults to 1 second, rate and period come back in seconds", async () => {
    const { client, receiver } = env;
    const { scheduleId: parallel } = await client.schedules.create({
      destination: receiver.url("/flow"),
      cron: "0 0 * * *",
      flowControl: { key: "customer-1", parallelism: 2 },
    });
    const { scheduleId: limited } = await client.schedules.create({
      destination: receiver.url("/flow"),
      cron: "0 0 * * *",
      flowControl: { key: "customer-2", rate: 5, period: "1m" },
    });

    const first = await client.schedules.get(parallel);
    assert.equal(first.flowControlKey, "customer-1");
    assert.equal(first.parallelism, 2);
    assert.equal(first.rate, undefined);
    assert.equal(first.period, 1);
    const second = await client.schedules.get(limited);
    assert.equal(second.flowControlKey, "customer-2");
    assert.equal(second.rate, 5);
    assert.equal(second.ratePerSecond, 5, "the SDK copies rate to ratePerSecond");
    assert.equal(second.period, 60);
    assert.equal(second.parallelism, undefined);
  });

  test("list returns every schedule of the tenant; delete removes one", async () => {
    const { client, receiver } = env;
    const { scheduleId: a } = await client.schedules.create({ destination: receiver.url("/a"), cron: "*/10 * * * * " });
    const { scheduleId: b } = await client.schedules.create({ destination: receiver.url("/b"), cron: "*/10 * * * * " });

    const listed = await client.schedules.list();
    assert.deepEqual(listed.map((s) => s.scheduleId).sort(), [a, b].sort());
    assert.ok(listed.every((s) => s.cron === "*/10 * * * *"));

    await client.schedules.delete(a);
    assert.deepEqual((await client.schedules.list()).map((s) => s.scheduleId), [b]);
    await rejectsWithStatus(client.schedules.get(a), 404, "get after delete");
    await rejectsWithStatus(client.schedules.delete(a), 404, "second delete");
  });

  test("pause and resume (PATCH) toggle isPaused and are idempotent", async () => {
    const { client } = env;
    const { scheduleId } = await client.schedules.create({
      cron: "1 1 1 1 1",
      destination: "https://example.com",
      body: JSON.stringify({ ex_key: "ex_value" }),
    });

    let schedule = await client.schedules.get(scheduleId);
    assert.equal(schedule.cron, "1 1 1 1 1");
    assert.equal(schedule.isPaused, false);

    await client.schedules.pause({ schedule: scheduleId });
    await client.schedules.pause({ schedule: scheduleId });
    schedule = await client.schedules.get(scheduleId);
    assert.equal(schedule.isPaused, true);

    await client.schedules.resume({ schedule: scheduleId });
    await client.schedules.resume({ schedule: scheduleId });
    schedule = await client.schedules.get(scheduleId);
    assert.equal(schedule.isPaused, false);
    assert.equal(typeof schedule.nextScheduleTime, "number");

    await rejectsWithStatus(client.schedules.pause({ schedule: "scd_unknown" }), 404, "pause of an unknown schedule");
  });

  test("create with an existing scheduleId replaces every setting and drops the body", async () => {
    const { client } = env;
    const scheduleId = uid("my-Schedule_id.");
    assert.equal((await client.schedules.list()).length, 0);

    const created = await client.schedules.create({
      destination: "https://www.initial.com",
      cron: "*/5 * * * *",
      scheduleId,
      body: "my-payload",
      retries: 7,
      headers: { "X-Old": "1" },
    });
    assert.equal(created.scheduleId, scheduleId);
    let schedules = await client.schedules.list();
    assert.equal(schedules.length, 1);
    assert.equal(schedules[0].destination, "https://www.initial.com");
    assert.equal(schedules[0].body, "my-payload");

    await client.schedules.create({ destination: "https://www.updated.com", cron: "*/5 * * * *", scheduleId });
    schedules = await client.schedules.list();
    assert.equal(schedules.length, 1);
    assert.equal(schedules[0].scheduleId, scheduleId);
    assert.equal(schedules[0].destination, "https://www.updated.com");
    assert.equal(schedules[0].body, undefined);
    assert.equal(schedules[0].retries, 3);
    assert.equal(schedules[0].header?.["X-Old"], undefined);
  });

  test("a URL-group destination and CRON_TZ are stored as given", async () => {
    const { client, receiver } = env;
    const group = uid("group-");
    await client.urlGroups.addEndpoints({ name: group, endpoints: [{ url: receiver.url("/member") }] });

    const { scheduleId } = await client.schedules.create({ destination: group, cron: "CRON_TZ=Europe/Berlin 0 9 * * *" });

    const schedule = await client.schedules.get(scheduleId);
    assert.equal(schedule.destination, group);
    assert.equal(schedule.cron, "CRON_TZ=Europe/Berlin 0 9 * * *");
    const next = new Date(schedule.nextScheduleTime);
    const berlinHour = Number(new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/Berlin", hour: "2-digit", hour12: false }).format(next));
    assert.equal(berlinHour, 9, `next tick ${next.toISOString()} is 09:00 in Berlin`);
    assert.equal(next.getUTCMinutes(), 0);
  });

  test("a binary body comes back as bodyBase64", async () => {
    const { client, receiver } = env;
    const bytes = new Uint8Array([0xff, 0xfe, 0x00, 0x01]);
    const { scheduleId } = await client.schedules.create({ destination: receiver.url("/bin"), cron: "0 0 * * *", body: bytes });

    const schedule = await client.schedules.get(scheduleId);
    assert.equal(schedule.body, undefined);
    assert.equal(schedule.bodyBase64, Buffer.from(bytes).toString("base64"));
  });

  test("invalid cron, seconds, unknown zone and bad headers are refused with 400 and nothing is stored", async () => {
    const { client, receiver } = env;
    const destination = receiver.url("/never");
    await rejectsWithStatus(client.schedules.create({ destination, cron: "not a cron" }), 400, "invalid cron");
    await rejectsWithStatus(client.schedules.create({ destination, cron: "* * * * * *" }), 400, "six fields");
    await rejectsWithStatus(client.schedules.create({ destination, cron: "CRON_TZ=Mars/Base * * * * *" }), 400, "unknown zone");
    await rejectsWithStatus(client.schedules.create({ destination, cron: "* * * * *", retryDelay: "pow(" }), 400, "bad retry delay");
    await rejectsWithStatus(client.schedules.create({ destination, cron: "* * * * *", scheduleId: "has space" }), 400, "bad id");
    await rejectsWithStatus(client.schedules.get("scd_unknown"), 404, "unknown schedule");
    assert.deepEqual(await client.schedules.list(), []);
  });
});
