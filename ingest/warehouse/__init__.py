"""The DuckDB warehouse: the only code that connects to DuckDB; owns every raw and quality table's DDL, writes rows and answers the loader's queries."""
