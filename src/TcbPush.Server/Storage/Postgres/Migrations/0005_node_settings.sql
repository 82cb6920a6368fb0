-- Facts about the install itself: the master key's fingerprint, the readiness probe's last write.
-- Numbered 5 so that it applies beside any 0004 of another feature.
CREATE TABLE node_settings (
    name  text PRIMARY KEY,
    value text NOT NULL
);
