CREATE TABLE "account_tokens" (
	"id_hash" text PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"purpose" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	CONSTRAINT "account_tokens_purpose_check" CHECK (purpose in ('set_password', 'reset_password'))
);
--> statement-breakpoint
CREATE TABLE "user_data_provider_roles" (
	"user_id" uuid NOT NULL,
	"partnership_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	CONSTRAINT "user_data_provider_roles_user_id_partnership_id_organisation_id_pk" PRIMARY KEY("user_id","partnership_id","organisation_id")
);
--> statement-breakpoint
ALTER TABLE "user_partnership_roles" DROP CONSTRAINT "user_partnership_roles_role_check";--> statement-breakpoint
ALTER TABLE "users" ALTER COLUMN "password_hash" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "must_rotate" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "last_signed_in_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "account_tokens" ADD CONSTRAINT "account_tokens_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_data_provider_roles" ADD CONSTRAINT "user_data_provider_roles_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_data_provider_roles" ADD CONSTRAINT "user_data_provider_roles_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_data_provider_roles" ADD CONSTRAINT "user_data_provider_roles_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "account_tokens_user_idx" ON "account_tokens" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "user_data_provider_roles_partnership_idx" ON "user_data_provider_roles" USING btree ("partnership_id");--> statement-breakpoint
ALTER TABLE "user_partnership_roles" ADD CONSTRAINT "user_partnership_roles_role_check" CHECK (role in ('secretariat', 'read_only'));