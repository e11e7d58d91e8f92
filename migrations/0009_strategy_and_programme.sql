CREATE TABLE "strategy_aims" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"text" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "strategy_principles" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"text" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "strategy_version_themes" (
	"version_id" uuid NOT NULL,
	"theme_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"title" text NOT NULL,
	"description" text,
	CONSTRAINT "strategy_version_themes_version_id_theme_id_pk" PRIMARY KEY("version_id","theme_id")
);
--> statement-breakpoint
CREATE TABLE "strategy_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"partnership_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"title" text NOT NULL,
	"period_from_year" integer,
	"period_to_year" integer,
	"purpose" text,
	"vision" text,
	"change_note" text,
	"status" text DEFAULT 'draft' NOT NULL,
	"based_on_version_id" uuid,
	"approved_by_body_id" uuid,
	"approved_at_meeting_id" uuid,
	"approval_decision_id" uuid,
	"approved_on" date,
	"approved_on_precision" text DEFAULT 'day' NOT NULL,
	"approval_recorded_at" timestamp with time zone,
	"approval_recorded_by_user_id" uuid,
	"superseded_at" timestamp with time zone,
	"created_by_user_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "strategy_versions_status_check" CHECK (status in ('draft', 'approved', 'superseded')),
	CONSTRAINT "strategy_versions_precision_check" CHECK (approved_on_precision in ('day', 'month')),
	CONSTRAINT "strategy_versions_number_check" CHECK (number > 0),
	CONSTRAINT "strategy_versions_period_check" CHECK (period_to_year is null or period_from_year is null or period_to_year >= period_from_year),
	CONSTRAINT "strategy_versions_approved_check" CHECK (status <> 'approved' or (approved_by_body_id is not null and approved_on is not null)),
	CONSTRAINT "strategy_versions_draft_check" CHECK (status <> 'draft' or (approved_on is null and approved_by_body_id is null))
);
--> statement-breakpoint
CREATE TABLE "themes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"partnership_id" uuid NOT NULL,
	"slug" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "themes_id_partnership_key" UNIQUE("id","partnership_id")
);
--> statement-breakpoint
CREATE TABLE "programme_links" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"partnership_id" uuid NOT NULL,
	"theme_id" uuid,
	"workstream_id" uuid,
	"action_id" uuid,
	"decision_id" uuid,
	"agenda_item_id" uuid,
	"document_id" uuid,
	"linked_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "programme_links_one_owner_check" CHECK ((theme_id is not null)::int + (workstream_id is not null)::int = 1),
	CONSTRAINT "programme_links_one_target_check" CHECK ((action_id is not null)::int + (decision_id is not null)::int + (agenda_item_id is not null)::int + (document_id is not null)::int = 1)
);
--> statement-breakpoint
CREATE TABLE "workstream_milestones" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workstream_id" uuid NOT NULL,
	"title" text NOT NULL,
	"due_on" date,
	"due_on_precision" text DEFAULT 'day' NOT NULL,
	"done_on" date,
	"status" text DEFAULT 'not_started' NOT NULL,
	"note" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"seq" bigserial NOT NULL,
	CONSTRAINT "workstream_milestones_status_check" CHECK (status in ('not_started', 'in_progress', 'completed', 'dropped')),
	CONSTRAINT "workstream_milestones_precision_check" CHECK (due_on_precision in ('day', 'month')),
	CONSTRAINT "workstream_milestones_done_check" CHECK ((status = 'completed') = (done_on is not null))
);
--> statement-breakpoint
CREATE TABLE "workstream_updates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workstream_id" uuid NOT NULL,
	"text" text NOT NULL,
	"status" text NOT NULL,
	"rag" text,
	"rag_reason" text,
	"is_public" boolean DEFAULT false NOT NULL,
	"reported_at_meeting_id" uuid,
	"author_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"seq" bigserial NOT NULL,
	CONSTRAINT "workstream_updates_status_check" CHECK (status in ('not_started', 'on_track', 'at_risk', 'off_track', 'completed', 'closed')),
	CONSTRAINT "workstream_updates_rag_check" CHECK (rag is null or rag in ('red', 'amber', 'green')),
	CONSTRAINT "workstream_updates_rag_reason_check" CHECK (rag is null or rag = 'green' or length(btrim(coalesce(rag_reason, ''))) > 0)
);
--> statement-breakpoint
CREATE TABLE "workstreams" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"partnership_id" uuid NOT NULL,
	"theme_id" uuid NOT NULL,
	"slug" text NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"lead_person_id" uuid,
	"lead_organisation_id" uuid,
	"owning_body_id" uuid,
	"starts_on" date,
	"starts_on_precision" text DEFAULT 'day' NOT NULL,
	"ends_on" date,
	"ends_on_precision" text DEFAULT 'day' NOT NULL,
	"status" text DEFAULT 'not_started' NOT NULL,
	"rag" text,
	"rag_reason" text,
	"is_public" boolean DEFAULT true NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "workstreams_status_check" CHECK (status in ('not_started', 'on_track', 'at_risk', 'off_track', 'completed', 'closed')),
	CONSTRAINT "workstreams_rag_check" CHECK (rag is null or rag in ('red', 'amber', 'green')),
	CONSTRAINT "workstreams_rag_reason_check" CHECK (rag is null or rag = 'green' or length(btrim(coalesce(rag_reason, ''))) > 0),
	CONSTRAINT "workstreams_starts_precision_check" CHECK (starts_on_precision in ('day', 'month')),
	CONSTRAINT "workstreams_ends_precision_check" CHECK (ends_on_precision in ('day', 'month')),
	CONSTRAINT "workstreams_dates_check" CHECK (ends_on is null or starts_on is null or ends_on >= starts_on)
);
--> statement-breakpoint
ALTER TABLE "strategy_aims" ADD CONSTRAINT "strategy_aims_version_id_strategy_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."strategy_versions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "strategy_principles" ADD CONSTRAINT "strategy_principles_version_id_strategy_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."strategy_versions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "strategy_version_themes" ADD CONSTRAINT "strategy_version_themes_version_id_strategy_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."strategy_versions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "strategy_version_themes" ADD CONSTRAINT "strategy_version_themes_theme_id_themes_id_fk" FOREIGN KEY ("theme_id") REFERENCES "public"."themes"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "strategy_versions" ADD CONSTRAINT "strategy_versions_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "strategy_versions" ADD CONSTRAINT "strategy_versions_based_on_version_id_strategy_versions_id_fk" FOREIGN KEY ("based_on_version_id") REFERENCES "public"."strategy_versions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "strategy_versions" ADD CONSTRAINT "strategy_versions_approved_by_body_id_bodies_id_fk" FOREIGN KEY ("approved_by_body_id") REFERENCES "public"."bodies"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "strategy_versions" ADD CONSTRAINT "strategy_versions_approved_at_meeting_id_meetings_id_fk" FOREIGN KEY ("approved_at_meeting_id") REFERENCES "public"."meetings"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "strategy_versions" ADD CONSTRAINT "strategy_versions_approval_decision_id_decisions_id_fk" FOREIGN KEY ("approval_decision_id") REFERENCES "public"."decisions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "strategy_versions" ADD CONSTRAINT "strategy_versions_approval_recorded_by_user_id_users_id_fk" FOREIGN KEY ("approval_recorded_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "strategy_versions" ADD CONSTRAINT "strategy_versions_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "themes" ADD CONSTRAINT "themes_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_links" ADD CONSTRAINT "programme_links_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_links" ADD CONSTRAINT "programme_links_theme_id_themes_id_fk" FOREIGN KEY ("theme_id") REFERENCES "public"."themes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_links" ADD CONSTRAINT "programme_links_workstream_id_workstreams_id_fk" FOREIGN KEY ("workstream_id") REFERENCES "public"."workstreams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_links" ADD CONSTRAINT "programme_links_action_id_actions_id_fk" FOREIGN KEY ("action_id") REFERENCES "public"."actions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_links" ADD CONSTRAINT "programme_links_decision_id_decisions_id_fk" FOREIGN KEY ("decision_id") REFERENCES "public"."decisions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_links" ADD CONSTRAINT "programme_links_agenda_item_id_agenda_items_id_fk" FOREIGN KEY ("agenda_item_id") REFERENCES "public"."agenda_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_links" ADD CONSTRAINT "programme_links_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_links" ADD CONSTRAINT "programme_links_linked_by_user_id_users_id_fk" FOREIGN KEY ("linked_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workstream_milestones" ADD CONSTRAINT "workstream_milestones_workstream_id_workstreams_id_fk" FOREIGN KEY ("workstream_id") REFERENCES "public"."workstreams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workstream_updates" ADD CONSTRAINT "workstream_updates_workstream_id_workstreams_id_fk" FOREIGN KEY ("workstream_id") REFERENCES "public"."workstreams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workstream_updates" ADD CONSTRAINT "workstream_updates_reported_at_meeting_id_meetings_id_fk" FOREIGN KEY ("reported_at_meeting_id") REFERENCES "public"."meetings"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workstream_updates" ADD CONSTRAINT "workstream_updates_author_user_id_users_id_fk" FOREIGN KEY ("author_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workstreams" ADD CONSTRAINT "workstreams_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workstreams" ADD CONSTRAINT "workstreams_lead_person_id_people_id_fk" FOREIGN KEY ("lead_person_id") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workstreams" ADD CONSTRAINT "workstreams_lead_organisation_id_organisations_id_fk" FOREIGN KEY ("lead_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workstreams" ADD CONSTRAINT "workstreams_owning_body_id_bodies_id_fk" FOREIGN KEY ("owning_body_id") REFERENCES "public"."bodies"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workstreams" ADD CONSTRAINT "workstreams_theme_fk" FOREIGN KEY ("theme_id","partnership_id") REFERENCES "public"."themes"("id","partnership_id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "strategy_aims_position_idx" ON "strategy_aims" USING btree ("version_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "strategy_principles_position_idx" ON "strategy_principles" USING btree ("version_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "strategy_version_themes_position_idx" ON "strategy_version_themes" USING btree ("version_id","position");--> statement-breakpoint
CREATE INDEX "strategy_version_themes_theme_idx" ON "strategy_version_themes" USING btree ("theme_id");--> statement-breakpoint
CREATE UNIQUE INDEX "strategy_versions_number_idx" ON "strategy_versions" USING btree ("partnership_id","number");--> statement-breakpoint
CREATE UNIQUE INDEX "strategy_versions_one_draft_idx" ON "strategy_versions" USING btree ("partnership_id") WHERE status = 'draft';--> statement-breakpoint
CREATE UNIQUE INDEX "strategy_versions_one_approved_idx" ON "strategy_versions" USING btree ("partnership_id") WHERE status = 'approved';--> statement-breakpoint
CREATE INDEX "strategy_versions_body_idx" ON "strategy_versions" USING btree ("approved_by_body_id");--> statement-breakpoint
CREATE INDEX "strategy_versions_meeting_idx" ON "strategy_versions" USING btree ("approved_at_meeting_id");--> statement-breakpoint
CREATE INDEX "strategy_versions_decision_idx" ON "strategy_versions" USING btree ("approval_decision_id");--> statement-breakpoint
CREATE UNIQUE INDEX "themes_partnership_slug_idx" ON "themes" USING btree ("partnership_id","slug");--> statement-breakpoint
CREATE UNIQUE INDEX "programme_links_unique_idx" ON "programme_links" USING btree (coalesce("theme_id", "workstream_id"),coalesce("action_id", "decision_id", "agenda_item_id", "document_id"));--> statement-breakpoint
CREATE INDEX "programme_links_partnership_idx" ON "programme_links" USING btree ("partnership_id");--> statement-breakpoint
CREATE INDEX "programme_links_theme_idx" ON "programme_links" USING btree ("theme_id");--> statement-breakpoint
CREATE INDEX "programme_links_workstream_idx" ON "programme_links" USING btree ("workstream_id");--> statement-breakpoint
CREATE INDEX "programme_links_action_idx" ON "programme_links" USING btree ("action_id");--> statement-breakpoint
CREATE INDEX "programme_links_decision_idx" ON "programme_links" USING btree ("decision_id");--> statement-breakpoint
CREATE INDEX "programme_links_item_idx" ON "programme_links" USING btree ("agenda_item_id");--> statement-breakpoint
CREATE INDEX "programme_links_document_idx" ON "programme_links" USING btree ("document_id");--> statement-breakpoint
CREATE INDEX "workstream_milestones_workstream_idx" ON "workstream_milestones" USING btree ("workstream_id","due_on");--> statement-breakpoint
CREATE INDEX "workstream_updates_workstream_idx" ON "workstream_updates" USING btree ("workstream_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "workstreams_partnership_slug_idx" ON "workstreams" USING btree ("partnership_id","slug");--> statement-breakpoint
CREATE INDEX "workstreams_theme_idx" ON "workstreams" USING btree ("theme_id");--> statement-breakpoint
CREATE INDEX "workstreams_owning_body_idx" ON "workstreams" USING btree ("owning_body_id");--> statement-breakpoint
CREATE INDEX "workstreams_lead_person_idx" ON "workstreams" USING btree ("lead_person_id");--> statement-breakpoint
CREATE INDEX "workstreams_lead_organisation_idx" ON "workstreams" USING btree ("lead_organisation_id");--> statement-breakpoint
-- The public record is drawn from these tables too (the partnership page, theme and workstream pages): a change
-- bumps public_record_version, so the render cache drops what it showed (ADR 0006, ADR 0008).
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['strategy_versions','strategy_principles','strategy_aims','themes','strategy_version_themes',
    'workstreams','workstream_milestones','workstream_updates','programme_links'] LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION bump_public_record_version()', t || '_bump_public_record_version', t);
  END LOOP;
END
$$;
