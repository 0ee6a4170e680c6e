ALTER TABLE "commission_lines" ADD COLUMN "settled_rule_id" uuid;--> statement-breakpoint
ALTER TABLE "commission_lines" ADD COLUMN "settled_rule_version" integer;