-- A change to anything printed on a meeting's page (items, minutes, decisions, papers, attendance, corrections)
-- moves the meeting's updated_at, so API clients syncing with updated_since learn of it: above all an item made
-- exempt, which they must withdraw. Row triggers; "updated_at < now()" makes repeats in one transaction no-ops.
CREATE OR REPLACE FUNCTION "touch_meeting_of_child"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE m uuid;
BEGIN
  IF TG_TABLE_NAME = 'decisions' THEN
    SELECT meeting_id INTO m FROM agenda_items WHERE id = COALESCE(NEW.item_id, OLD.item_id);
  ELSIF TG_OP = 'DELETE' THEN
    m := OLD.meeting_id;
  ELSE
    m := NEW.meeting_id;
  END IF;
  IF m IS NOT NULL THEN
    UPDATE meetings SET updated_at = now() WHERE id = m AND updated_at < now();
  END IF;
  RETURN NULL;
END
$$;--> statement-breakpoint
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['agenda_items','decisions','documents','attendance','minutes_corrections'] LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE ON %I FOR EACH ROW EXECUTE FUNCTION touch_meeting_of_child()', t || '_touch_meeting', t);
  END LOOP;
END
$$;
