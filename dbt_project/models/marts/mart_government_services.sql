{{ domain_wide_mart('government_services') }}
