{{ domain_wide_mart('dispute_resolution') }}
