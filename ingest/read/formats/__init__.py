"""Per-format readers: each turns raw bytes into (text, title, header metadata)."""
