-- The order a round's choices were shown in, as the question's own letters ('CADB': the first shown was
-- the question's C). NULL for rounds opened before choices were shuffled: they were shown in order.
ALTER TABLE rounds ADD COLUMN choice_order TEXT CHECK (choice_order IS NULL OR choice_order GLOB '[A-D]*');

-- A round an admin withdrew instead of revealing: it stays closed, gives no points and is never revealed.
ALTER TABLE rounds ADD COLUMN voided_at TEXT;
ALTER TABLE rounds ADD COLUMN voided_by TEXT;
