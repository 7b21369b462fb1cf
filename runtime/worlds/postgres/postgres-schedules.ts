/**
 * The Postgres world's schedules: the `schedules` table, one row per schedule (its state as
 * JSON and a version), shared by every worker. `save` is an insert that does nothing on a
 * conflict, or an update guarded by the version: of two workers moving one schedule on from
 * the same state, one wins.
 */
import type { Pool } from "pg";
import { nextVersion, type ScheduleState, type ScheduleStore } from "../shared/schedules.js";

/** The store over schema `s` (quoted); `pool` waits for the world to be started. */
export function createPostgresSchedules(s: string, pool: () => Promise<Pool>): ScheduleStore {
  return {
    async list() {
      const { rows } = await (
        await pool()
      ).query<{ state: ScheduleState }>(`SELECT state FROM ${s}.schedules ORDER BY id`);
      return rows.map((row) => row.state);
    },
    async get(id) {
      const { rows } = await (
        await pool()
      ).query<{ state: ScheduleState }>(`SELECT state FROM ${s}.schedules WHERE id = $1`, [id]);
      return rows[0]?.state ?? null;
    },
    async save(schedule, expectedVersion) {
      const stored = nextVersion(schedule, expectedVersion);
      const result =
        expectedVersion === null
          ? await (
              await pool()
            ).query(
              `INSERT INTO ${s}.schedules (id, state, version) VALUES ($1, $2, $3)
               ON CONFLICT (id) DO NOTHING`,
              [stored.id, JSON.stringify(stored), stored.version],
            )
          : await (
              await pool()
            ).query(
              `UPDATE ${s}.schedules SET state = $2, version = $3 WHERE id = $1 AND version = $4`,
              [stored.id, JSON.stringify(stored), stored.version, expectedVersion],
            );
      return result.rowCount === 1;
    },
    async delete(id) {
      const result = await (await pool()).query(`DELETE FROM ${s}.schedules WHERE id = $1`, [id]);
      return result.rowCount === 1;
    },
  };
}
