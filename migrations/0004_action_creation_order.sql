-- Creation order for actions and their updates: created_at ties within a transaction (now()) and, on PGlite,
-- within a millisecond. Existing rows are numbered in their physical order, which is their insertion order.
ALTER TABLE "action_updates" ADD COLUMN "seq" bigserial NOT NULL;--> statement-breakpoint
ALTER TABLE "actions" ADD COLUMN "seq" bigserial NOT NULL;