-- Creation order for actions and their updates: created_at ties within a transaction (now()) and, on PGlite,
-- within a millisecond. Adding the column numbers existing rows in physical order, which an UPDATE changes,
-- so they are renumbered by (created_at, id): the order every list showed before. New rows then follow on.
ALTER TABLE "action_updates" ADD COLUMN "seq" bigserial NOT NULL;--> statement-breakpoint
ALTER TABLE "actions" ADD COLUMN "seq" bigserial NOT NULL;--> statement-breakpoint
UPDATE "actions" SET "seq" = r.n FROM (SELECT "id", row_number() OVER (ORDER BY "created_at", "id") AS n FROM "actions") r WHERE "actions"."id" = r."id";--> statement-breakpoint
UPDATE "action_updates" SET "seq" = r.n FROM (SELECT "id", row_number() OVER (ORDER BY "created_at", "id") AS n FROM "action_updates") r WHERE "action_updates"."id" = r."id";--> statement-breakpoint
SELECT setval(pg_get_serial_sequence('actions', 'seq'), greatest((SELECT max("seq") FROM "actions"), 1), (SELECT count(*) > 0 FROM "actions"));--> statement-breakpoint
SELECT setval(pg_get_serial_sequence('action_updates', 'seq'), greatest((SELECT max("seq") FROM "action_updates"), 1), (SELECT count(*) > 0 FROM "action_updates"));
