CREATE TABLE "job_runs" (
	"name" text NOT NULL,
	"period" text NOT NULL,
	"claimed_by" text NOT NULL,
	"claimed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"error" text,
	CONSTRAINT "job_runs_name_period_pk" PRIMARY KEY("name","period")
);
--> statement-breakpoint
CREATE TABLE "action_links" (
	"action_id" uuid NOT NULL,
	"linked_action_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "action_links_action_id_linked_action_id_pk" PRIMARY KEY("action_id","linked_action_id"),
	CONSTRAINT "action_links_order_check" CHECK (action_id < linked_action_id)
);
--> statement-breakpoint
CREATE TABLE "action_owners" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"action_id" uuid NOT NULL,
	"person_id" uuid,
	"organisation_id" uuid,
	"group_name" text,
	"position" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "action_owners_one_check" CHECK ((person_id is not null)::int + (organisation_id is not null)::int + (group_name is not null)::int = 1)
);
--> statement-breakpoint
CREATE TABLE "action_updates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"action_id" uuid NOT NULL,
	"text" text NOT NULL,
	"status_to" text,
	"author_user_id" uuid,
	"author_person_id" uuid,
	"reported_at_meeting_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "action_updates_status_check" CHECK (status_to is null or status_to in ('open', 'in_progress', 'completed', 'cleared', 'dropped'))
);
--> statement-breakpoint
CREATE TABLE "actions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"body_id" uuid NOT NULL,
	"meeting_id" uuid,
	"item_id" uuid,
	"decision_id" uuid,
	"description" text NOT NULL,
	"due_on" date,
	"raised_on" date NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"is_public" boolean DEFAULT false NOT NULL,
	"completed_on" date,
	"cleared_at_meeting_id" uuid,
	"cleared_at" timestamp with time zone,
	"dropped_reason" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "actions_status_check" CHECK (status in ('open', 'in_progress', 'completed', 'cleared', 'dropped')),
	CONSTRAINT "actions_cleared_check" CHECK (status <> 'cleared' or cleared_at_meeting_id is not null),
	CONSTRAINT "actions_dropped_check" CHECK (status <> 'dropped' or dropped_reason is not null)
);
--> statement-breakpoint
CREATE TABLE "agenda_item_topics" (
	"item_id" uuid NOT NULL,
	"topic_id" uuid NOT NULL,
	CONSTRAINT "agenda_item_topics_item_id_topic_id_pk" PRIMARY KEY("item_id","topic_id")
);
--> statement-breakpoint
CREATE TABLE "owner_access_tokens" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"token_hash" text NOT NULL,
	"person_id" uuid NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reminder_deliveries" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"recipient" text NOT NULL,
	"period" text NOT NULL,
	"scope" text DEFAULT '' NOT NULL,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "topics" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"partnership_id" uuid NOT NULL,
	"name" text NOT NULL,
	"slug" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "people" ADD COLUMN "reminders_opt_out" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "agenda_items" ADD COLUMN "kind" text DEFAULT 'standard' NOT NULL;--> statement-breakpoint
ALTER TABLE "action_links" ADD CONSTRAINT "action_links_action_id_actions_id_fk" FOREIGN KEY ("action_id") REFERENCES "public"."actions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_links" ADD CONSTRAINT "action_links_linked_action_id_actions_id_fk" FOREIGN KEY ("linked_action_id") REFERENCES "public"."actions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_owners" ADD CONSTRAINT "action_owners_action_id_actions_id_fk" FOREIGN KEY ("action_id") REFERENCES "public"."actions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_owners" ADD CONSTRAINT "action_owners_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_owners" ADD CONSTRAINT "action_owners_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_updates" ADD CONSTRAINT "action_updates_action_id_actions_id_fk" FOREIGN KEY ("action_id") REFERENCES "public"."actions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_updates" ADD CONSTRAINT "action_updates_author_user_id_users_id_fk" FOREIGN KEY ("author_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_updates" ADD CONSTRAINT "action_updates_author_person_id_people_id_fk" FOREIGN KEY ("author_person_id") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_updates" ADD CONSTRAINT "action_updates_reported_at_meeting_id_meetings_id_fk" FOREIGN KEY ("reported_at_meeting_id") REFERENCES "public"."meetings"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "actions" ADD CONSTRAINT "actions_body_id_bodies_id_fk" FOREIGN KEY ("body_id") REFERENCES "public"."bodies"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "actions" ADD CONSTRAINT "actions_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "actions" ADD CONSTRAINT "actions_item_id_agenda_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."agenda_items"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "actions" ADD CONSTRAINT "actions_decision_id_decisions_id_fk" FOREIGN KEY ("decision_id") REFERENCES "public"."decisions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "actions" ADD CONSTRAINT "actions_cleared_at_meeting_id_meetings_id_fk" FOREIGN KEY ("cleared_at_meeting_id") REFERENCES "public"."meetings"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agenda_item_topics" ADD CONSTRAINT "agenda_item_topics_item_id_agenda_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."agenda_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agenda_item_topics" ADD CONSTRAINT "agenda_item_topics_topic_id_topics_id_fk" FOREIGN KEY ("topic_id") REFERENCES "public"."topics"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "owner_access_tokens" ADD CONSTRAINT "owner_access_tokens_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "topics" ADD CONSTRAINT "topics_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "action_links_linked_idx" ON "action_links" USING btree ("linked_action_id");--> statement-breakpoint
CREATE INDEX "action_owners_action_idx" ON "action_owners" USING btree ("action_id");--> statement-breakpoint
CREATE INDEX "action_owners_person_idx" ON "action_owners" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "action_owners_organisation_idx" ON "action_owners" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "action_updates_action_idx" ON "action_updates" USING btree ("action_id","created_at");--> statement-breakpoint
CREATE INDEX "actions_body_status_idx" ON "actions" USING btree ("body_id","status");--> statement-breakpoint
CREATE INDEX "actions_due_idx" ON "actions" USING btree ("due_on");--> statement-breakpoint
CREATE INDEX "actions_meeting_idx" ON "actions" USING btree ("meeting_id");--> statement-breakpoint
CREATE INDEX "actions_item_idx" ON "actions" USING btree ("item_id");--> statement-breakpoint
CREATE INDEX "actions_decision_idx" ON "actions" USING btree ("decision_id");--> statement-breakpoint
CREATE INDEX "agenda_item_topics_topic_idx" ON "agenda_item_topics" USING btree ("topic_id");--> statement-breakpoint
CREATE UNIQUE INDEX "owner_access_tokens_hash_idx" ON "owner_access_tokens" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "owner_access_tokens_person_idx" ON "owner_access_tokens" USING btree ("person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "reminder_deliveries_unique_idx" ON "reminder_deliveries" USING btree ("kind","recipient","period","scope");--> statement-breakpoint
CREATE UNIQUE INDEX "topics_partnership_slug_idx" ON "topics" USING btree ("partnership_id","slug");--> statement-breakpoint
ALTER TABLE "agenda_items" ADD CONSTRAINT "agenda_items_kind_check" CHECK (kind in ('standard', 'matters_arising'));