"""Figure → indicator code: the indicator catalog (seeds/) and the rules that match a figure's context. May import ingest.text and ingest.paths."""
