-- The W3C trace context (traceparent) of a received message's activity; each delivery attempt continues it. Null for
-- messages stored before traces were kept (their attempts start a trace of their own).
ALTER TABLE push_messages ADD COLUMN trace_parent TEXT;
