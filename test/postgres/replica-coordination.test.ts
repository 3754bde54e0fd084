import { afterAll, describe, expect, inject, it } from "vitest";
import { systemClock } from "../../src/digest/notify/notifier.js";
import { openPostgres } from "../../src/digest/store/postgres/open-postgres.js";
import type { PostgresDatabase } from "../../src/digest/store/postgres/postgres-database.js";
import { postgresLease } from "../../src/digest/store/postgres/postgres-lease.js";
import { SharedSpacing } from "../../src/digest/store/postgres/shared-spacing.js";

const server = inject("postgresUrl") as string;
const opened: PostgresDatabase[] = [];
let schemas = 0;
afterAll(() => {
  for (const db of opened) if (db.isOpen) db.close();
});

/** `count` replicas' connections to one new schema. */
function replicas(count: number, schema = `coord_${process.pid}_${++schemas}`): PostgresDatabase[] {
  const connections = Array.from({ length: count }, () => openPostgres(server, { schema }));
  opened.push(...connections);
  return connections;
}

describe("the work lease on PostgreSQL", () => {
  it("is held by one replica at a time and passes to the next try once its holder's connection is gone", () => {
    const [first, second] = replicas(2);
    const leaseA = postgresLease(first!, "work");
    const leaseB = postgresLease(second!, "work");
    expect(leaseA.hold()).toBe("taken");
    expect(leaseB.hold()).toBe("elsewhere");
    expect(leaseA.hold()).toBe("held");
    expect(leaseB.hold()).toBe("elsewhere");
    // The holder dies (its connection ends with it, as after a kill -9).
    first!.close();
    expect(leaseB.hold()).toBe("taken");
    expect(leaseB.hold()).toBe("held");
  });

  it("can be let go by its holder (a console that only answers), and then taken by another replica", () => {
    const [first, second] = replicas(2);
    const leaseA = postgresLease(first!, "work");
    const leaseB = postgresLease(second!, "work");
    expect(leaseA.hold()).toBe("taken");
    leaseA.release();
    expect(leaseB.hold()).toBe("taken");
    expect(leaseA.hold()).toBe("elsewhere");
  });

  it("is one lease per schema and name: two Hilos on one server do not wait for each other", () => {
    const [one] = replicas(1);
    const [other] = replicas(1);
    expect(postgresLease(one!, "work").hold()).toBe("taken");
    expect(postgresLease(other!, "work").hold()).toBe("taken");
    expect(postgresLease(one!, "telegram").hold()).toBe("taken");
  });
});

describe("the send budget shared through PostgreSQL", () => {
  it("hands the replicas one slot each, a whole interval apart, whichever replica asks", () => {
    const [first, second] = replicas(2);
    const budgets = [new SharedSpacing(first!, systemClock, 1), new SharedSpacing(second!, systemClock, 1)];
    const slots = Array.from({ length: 12 }, (_, i) => budgets[i % 2]!.nextSlot());
    for (let i = 1; i < slots.length; i += 1) expect(slots[i]!.slotUs - slots[i - 1]!.slotUs).toBe(1_000_000);
    // Asked for at once, the twelfth slot is eleven seconds away, as one process's own spacing would make it.
    expect(slots[11]!.waitMs).toBeGreaterThan(10_000);
    expect(slots[11]!.waitMs).toBeLessThanOrEqual(11_000);
  });

  it("rounds the interval up, so the rate comes out at the limit or under it", () => {
    const [db] = replicas(1);
    const budget = new SharedSpacing(db!, systemClock, 29);
    const first = budget.nextSlot();
    const second = budget.nextSlot();
    expect(second.slotUs - first.slotUs).toBe(34_483);
    expect(1_000_000 / (second.slotUs - first.slotUs)).toBeLessThanOrEqual(29);
  });
});
