CREATE TABLE "audit_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_user_id" uuid,
	"event" text NOT NULL,
	"subject_type" text NOT NULL,
	"subject_id" text NOT NULL,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "bodies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"partnership_id" uuid NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"regime" text DEFAULT 'informal' NOT NULL,
	"terms_of_reference" text,
	"quorum" integer,
	"meeting_frequency" text,
	"accountable_to_body_id" uuid,
	"numbering_scheme" text DEFAULT 'per_meeting' NOT NULL,
	"next_item_number" integer DEFAULT 1 NOT NULL,
	"notice_clear_days" integer DEFAULT 5 NOT NULL,
	"region" text DEFAULT 'england-and-wales' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "bodies_kind_check" CHECK (kind in ('board', 'executive', 'implementation_group', 'thematic_partnership', 'working_group')),
	CONSTRAINT "bodies_regime_check" CHECK (regime in ('statutory_committee', 'executive', 'hwb', 'csp', 'informal')),
	CONSTRAINT "bodies_numbering_check" CHECK (numbering_scheme in ('per_meeting', 'continuing', 'year_sequence')),
	CONSTRAINT "bodies_region_check" CHECK (region in ('england-and-wales', 'scotland', 'northern-ireland')),
	CONSTRAINT "bodies_quorum_check" CHECK (quorum is null or quorum > 0),
	CONSTRAINT "bodies_notice_check" CHECK (notice_clear_days >= 0 and notice_clear_days <= 60)
);
--> statement-breakpoint
CREATE TABLE "closure_days" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"partnership_id" uuid NOT NULL,
	"date" date NOT NULL,
	"reason" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "memberships" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"body_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"role" text NOT NULL,
	"on_behalf_of_organisation_id" uuid,
	"starts_on" date,
	"ends_on" date,
	"deputy_for_membership_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "memberships_role_check" CHECK (role in ('chair', 'vice_chair', 'member', 'deputy', 'secretariat', 'observer')),
	CONSTRAINT "memberships_dates_check" CHECK (ends_on is null or starts_on is null or ends_on >= starts_on)
);
--> statement-breakpoint
CREATE TABLE "organisations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"short_name" text,
	"type" text NOT NULL,
	"website" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "organisations_type_check" CHECK (type in ('council', 'nhs', 'police', 'fire', 'dwp', 'education', 'voluntary_sector', 'other'))
);
--> statement-breakpoint
CREATE TABLE "partnership_organisations" (
	"partnership_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "partnership_organisations_partnership_id_organisation_id_pk" PRIMARY KEY("partnership_id","organisation_id")
);
--> statement-breakpoint
CREATE TABLE "partnerships" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"parent_partnership_id" uuid,
	"summary" text,
	"purpose" text,
	"vision" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "people" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"honorific" text,
	"full_name" text NOT NULL,
	"job_title" text,
	"organisation_id" uuid,
	"email" text,
	"phone" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id_hash" text PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "user_partnership_roles" (
	"user_id" uuid NOT NULL,
	"partnership_id" uuid NOT NULL,
	"role" text DEFAULT 'secretariat' NOT NULL,
	CONSTRAINT "user_partnership_roles_user_id_partnership_id_role_pk" PRIMARY KEY("user_id","partnership_id","role"),
	CONSTRAINT "user_partnership_roles_role_check" CHECK (role in ('secretariat'))
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"email" text NOT NULL,
	"display_name" text NOT NULL,
	"password_hash" text NOT NULL,
	"is_admin" boolean DEFAULT false NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"disabled" boolean DEFAULT false NOT NULL,
	"person_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "agenda_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"meeting_id" uuid NOT NULL,
	"parent_item_id" uuid,
	"position" integer NOT NULL,
	"number_override" text,
	"title" text NOT NULL,
	"description" text,
	"purpose" text,
	"presenter" text,
	"is_exempt" boolean DEFAULT false NOT NULL,
	"exempt_paragraph" integer,
	"public_interest_reasoning" text,
	"exempt_review_on" date,
	"urgency_reason" text,
	"added_after_publication" boolean DEFAULT false NOT NULL,
	"minutes" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "agenda_items_purpose_check" CHECK (purpose is null or purpose in ('decision', 'discussion', 'information')),
	CONSTRAINT "agenda_items_exempt_check" CHECK ((is_exempt = false and exempt_paragraph is null) or (is_exempt = true and exempt_paragraph between 1 and 7))
);
--> statement-breakpoint
CREATE TABLE "attendance" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"meeting_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"status" text NOT NULL,
	"deputy_for_person_id" uuid,
	"organisation_id" uuid,
	"capacity" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "attendance_status_check" CHECK (status in ('present', 'apologies', 'absent', 'deputy', 'in_attendance')),
	CONSTRAINT "attendance_deputy_check" CHECK (status = 'deputy' or deputy_for_person_id is null)
);
--> statement-breakpoint
CREATE TABLE "decisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"item_id" uuid NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"text" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "documents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"meeting_id" uuid NOT NULL,
	"item_id" uuid,
	"position" integer DEFAULT 0 NOT NULL,
	"title" text NOT NULL,
	"filename" text NOT NULL,
	"media_type" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"sha256" text NOT NULL,
	"content" "bytea" NOT NULL,
	"is_exempt" boolean DEFAULT false NOT NULL,
	"exempt_paragraph" integer,
	"public_interest_reasoning" text,
	"uploaded_by_user_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "documents_exempt_check" CHECK ((is_exempt = false and exempt_paragraph is null) or (is_exempt = true and exempt_paragraph between 1 and 7))
);
--> statement-breakpoint
CREATE TABLE "meetings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"body_id" uuid NOT NULL,
	"date" date NOT NULL,
	"start_time" time NOT NULL,
	"end_time" time,
	"venue" text,
	"contact_name" text,
	"contact_phone" text,
	"contact_email" text,
	"kind" text DEFAULT 'ordinary' NOT NULL,
	"status" text DEFAULT 'scheduled' NOT NULL,
	"first_item_number" integer,
	"moved_from_date" date,
	"moved_from_time" time,
	"cancelled_at" timestamp with time zone,
	"cancellation_reason" text,
	"agenda_published_at" timestamp with time zone,
	"late_reason" text,
	"minutes_approved_at" timestamp with time zone,
	"minutes_approved_at_meeting_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "meetings_kind_check" CHECK (kind in ('ordinary', 'extraordinary', 'away_day', 'challenge_session')),
	CONSTRAINT "meetings_status_check" CHECK (status in ('scheduled', 'agenda_published', 'held', 'minutes_draft', 'minutes_approved', 'cancelled')),
	CONSTRAINT "meetings_times_check" CHECK (end_time is null or end_time > start_time)
);
--> statement-breakpoint
CREATE TABLE "minutes_corrections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"meeting_id" uuid NOT NULL,
	"agreed_at_meeting_id" uuid NOT NULL,
	"item_id" uuid,
	"text" text NOT NULL,
	"recorded_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "bodies" ADD CONSTRAINT "bodies_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bodies" ADD CONSTRAINT "bodies_accountable_to_body_id_bodies_id_fk" FOREIGN KEY ("accountable_to_body_id") REFERENCES "public"."bodies"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "closure_days" ADD CONSTRAINT "closure_days_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_body_id_bodies_id_fk" FOREIGN KEY ("body_id") REFERENCES "public"."bodies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_on_behalf_of_organisation_id_organisations_id_fk" FOREIGN KEY ("on_behalf_of_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_deputy_for_membership_id_memberships_id_fk" FOREIGN KEY ("deputy_for_membership_id") REFERENCES "public"."memberships"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partnership_organisations" ADD CONSTRAINT "partnership_organisations_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partnership_organisations" ADD CONSTRAINT "partnership_organisations_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partnerships" ADD CONSTRAINT "partnerships_parent_partnership_id_partnerships_id_fk" FOREIGN KEY ("parent_partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "people" ADD CONSTRAINT "people_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_partnership_roles" ADD CONSTRAINT "user_partnership_roles_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_partnership_roles" ADD CONSTRAINT "user_partnership_roles_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agenda_items" ADD CONSTRAINT "agenda_items_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agenda_items" ADD CONSTRAINT "agenda_items_parent_item_id_agenda_items_id_fk" FOREIGN KEY ("parent_item_id") REFERENCES "public"."agenda_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attendance" ADD CONSTRAINT "attendance_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attendance" ADD CONSTRAINT "attendance_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attendance" ADD CONSTRAINT "attendance_deputy_for_person_id_people_id_fk" FOREIGN KEY ("deputy_for_person_id") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attendance" ADD CONSTRAINT "attendance_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_item_id_agenda_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."agenda_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_item_id_agenda_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."agenda_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_uploaded_by_user_id_users_id_fk" FOREIGN KEY ("uploaded_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_body_id_bodies_id_fk" FOREIGN KEY ("body_id") REFERENCES "public"."bodies"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_minutes_approved_at_meeting_id_meetings_id_fk" FOREIGN KEY ("minutes_approved_at_meeting_id") REFERENCES "public"."meetings"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "minutes_corrections" ADD CONSTRAINT "minutes_corrections_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "minutes_corrections" ADD CONSTRAINT "minutes_corrections_agreed_at_meeting_id_meetings_id_fk" FOREIGN KEY ("agreed_at_meeting_id") REFERENCES "public"."meetings"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "minutes_corrections" ADD CONSTRAINT "minutes_corrections_item_id_agenda_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."agenda_items"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "minutes_corrections" ADD CONSTRAINT "minutes_corrections_recorded_by_user_id_users_id_fk" FOREIGN KEY ("recorded_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_events_subject_idx" ON "audit_events" USING btree ("subject_type","subject_id","at");--> statement-breakpoint
CREATE INDEX "audit_events_at_idx" ON "audit_events" USING btree ("at");--> statement-breakpoint
CREATE UNIQUE INDEX "bodies_slug_idx" ON "bodies" USING btree ("slug");--> statement-breakpoint
CREATE INDEX "bodies_partnership_idx" ON "bodies" USING btree ("partnership_id");--> statement-breakpoint
CREATE INDEX "bodies_accountable_to_idx" ON "bodies" USING btree ("accountable_to_body_id");--> statement-breakpoint
CREATE UNIQUE INDEX "closure_days_unique_idx" ON "closure_days" USING btree ("partnership_id","date");--> statement-breakpoint
CREATE INDEX "memberships_body_idx" ON "memberships" USING btree ("body_id");--> statement-breakpoint
CREATE INDEX "memberships_person_idx" ON "memberships" USING btree ("person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "organisations_slug_idx" ON "organisations" USING btree ("slug");--> statement-breakpoint
CREATE INDEX "organisations_name_idx" ON "organisations" USING btree ("name");--> statement-breakpoint
CREATE INDEX "partnership_organisations_org_idx" ON "partnership_organisations" USING btree ("organisation_id");--> statement-breakpoint
CREATE UNIQUE INDEX "partnerships_slug_idx" ON "partnerships" USING btree ("slug");--> statement-breakpoint
CREATE INDEX "partnerships_parent_idx" ON "partnerships" USING btree ("parent_partnership_id");--> statement-breakpoint
CREATE INDEX "people_name_idx" ON "people" USING btree ("full_name");--> statement-breakpoint
CREATE INDEX "people_organisation_idx" ON "people" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "sessions_user_idx" ON "sessions" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "sessions_expires_idx" ON "sessions" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "user_partnership_roles_partnership_idx" ON "user_partnership_roles" USING btree ("partnership_id");--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_idx" ON "users" USING btree (lower("email"));--> statement-breakpoint
CREATE INDEX "users_person_idx" ON "users" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "agenda_items_meeting_idx" ON "agenda_items" USING btree ("meeting_id","position");--> statement-breakpoint
CREATE INDEX "agenda_items_parent_idx" ON "agenda_items" USING btree ("parent_item_id");--> statement-breakpoint
CREATE UNIQUE INDEX "attendance_meeting_person_idx" ON "attendance" USING btree ("meeting_id","person_id");--> statement-breakpoint
CREATE INDEX "decisions_item_idx" ON "decisions" USING btree ("item_id","position");--> statement-breakpoint
CREATE INDEX "documents_meeting_idx" ON "documents" USING btree ("meeting_id");--> statement-breakpoint
CREATE INDEX "documents_item_idx" ON "documents" USING btree ("item_id","position");--> statement-breakpoint
CREATE INDEX "meetings_body_date_idx" ON "meetings" USING btree ("body_id","date");--> statement-breakpoint
CREATE INDEX "meetings_date_idx" ON "meetings" USING btree ("date");--> statement-breakpoint
CREATE INDEX "minutes_corrections_meeting_idx" ON "minutes_corrections" USING btree ("meeting_id","created_at");