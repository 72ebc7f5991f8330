-- The therapist's session notes (docs/decisions/0016): how sleep and mood changed since the last
-- session, on a five-step scale, and when the note was last edited (editable until the clinic's note lock).
ALTER TABLE "SessionNote" ADD COLUMN     "moodChange" INTEGER,
ADD COLUMN     "sleepChange" INTEGER,
ADD COLUMN     "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- -2 much worse, -1 worse, 0 the same, 1 better, 2 much better; NULL: not asked.
ALTER TABLE "SessionNote"
  ADD CONSTRAINT "SessionNote_change_scores" CHECK (("sleepChange" IS NULL OR "sleepChange" BETWEEN -2 AND 2) AND ("moodChange" IS NULL OR "moodChange" BETWEEN -2 AND 2));
