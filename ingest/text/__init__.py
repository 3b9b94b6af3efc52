"""The text views later stages read: a normalised view with offsets back to the original, sentences and sections, literal pre-tests for regexes. Imports only the standard library and opencc."""
