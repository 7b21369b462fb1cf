/**
 * Commits that may become durable later (World's "Durability", `durability: "later"`): their
 * transaction sets `synchronous_commit` off (`SET LOCAL`, or `set_config(..., true)` inside a
 * one-statement transaction), so the server acknowledges them before their WAL is flushed.
 * Postgres flushes WAL in order, so the next synchronous commit of any connection (which flushes
 * up to its own commit record) makes every commit acknowledged before it began durable too.
 *
 * Without one, the server's WAL writer flushes them within 3 x `wal_writer_delay` (200 ms by
 * default, a server setting this world does not change). To keep the contract's bound,
 * `LATER_DURABILITY_MS`, this process flushes itself when none of its own synchronous commits
 * began within that time after a "later" one: one statement that writes a WAL record and commits
 * synchronously (`setval` of a sequence of the schema, which takes a transaction ID). In a busy
 * process a step's start (synchronous) comes first, and no flush is sent.
 */

/**
 * A select-list item that, when the boolean parameter `param` is true, makes the statement's
 * transaction commit with `synchronous_commit` off (the setting reverts when it ends).
 */
export const laterCommit = (param: string) =>
  `CASE WHEN ${param}::boolean THEN set_config('synchronous_commit', 'off', true) END AS later`;
