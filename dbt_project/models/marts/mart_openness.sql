{{ domain_wide_mart('openness') }}
