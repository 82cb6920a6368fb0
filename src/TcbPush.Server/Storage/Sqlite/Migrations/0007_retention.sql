-- Retention (Push:Retention): the sweeper looks up a delivery's replays, a message's deliveries and old conversation
-- entries by index, so that each batch it deletes costs the batch, not the size of the tables.
CREATE INDEX push_deliveries_replay ON push_deliveries (replay_of) WHERE replay_of IS NOT NULL;
CREATE INDEX push_deliveries_message ON push_deliveries (message_id);
CREATE INDEX conversation_entries_at ON conversation_entries (at);
