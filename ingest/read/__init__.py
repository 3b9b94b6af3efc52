"""Files → documents: find report files, decode their bytes and read each format (text, web page, Word, PDF). Imports nothing else of ingest but paths."""
