{{ domain_wide_mart('legal_education') }}
